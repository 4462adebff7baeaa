from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from burgerkracht.core.enums import OutboxStatus
from burgerkracht.core.models import OutboxMessage
from burgerkracht.core.services import backoff, deliver_message, deliver_pending

pytestmark = pytest.mark.django_db


class FailingBackend(LocmemBackend):
    """The outside world: an SMTP server that hangs up."""

    def send_messages(self, messages):
        raise SMTPServerDisconnected("down")


def test_send_mail_stores_message_in_outbox_without_delivering():
    send_mail("Onderwerp", "Tekst", "from@example.org", ["to@example.org"])

    row = OutboxMessage.objects.get()
    assert (row.subject, row.to, row.status) == ("Onderwerp", ["to@example.org"], "pending")
    assert mail.outbox == []


def test_message_is_delivered_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Onderwerp", "Tekst", "from@example.org", ["to@example.org"])

    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_delivering_twice_sends_once():
    send_mail("Onderwerp", "Tekst", "from@example.org", ["to@example.org"])
    pk = OutboxMessage.objects.get().pk

    first = deliver_message(message_pk=pk)
    second = deliver_message(message_pk=pk)
    swept = deliver_pending()

    assert (first, second, swept) == (True, False, 0)
    assert len(mail.outbox) == 1


def test_message_id_is_stable_across_attempts():
    send_mail("Onderwerp", "Tekst", "Gemeente <from@example.org>", ["to@example.org"])
    row = OutboxMessage.objects.get()

    deliver_message(message_pk=row.pk)

    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{row.message_id}@example.org>"


def test_attachments_and_html_survive_the_outbox():
    message = EmailMessage("Brief", "Zie bijlage", "from@example.org", ["to@example.org"])
    message.attach("brief.pdf", b"%PDF-1.7 test", "application/pdf")
    message.send()

    deliver_pending()

    assert mail.outbox[0].attachments == [("brief.pdf", b"%PDF-1.7 test", "application/pdf")]


def test_smtp_failure_keeps_message_and_backs_off(settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.core.test_outbox.FailingBackend"
    send_mail("Onderwerp", "Tekst", "from@example.org", ["to@example.org"])
    row = OutboxMessage.objects.get()
    before = timezone.now()

    delivered = deliver_message(message_pk=row.pk)

    row.refresh_from_db()
    assert delivered is False
    assert (row.status, row.attempts, row.last_error) == (
        "pending",
        1,
        "SMTPServerDisconnected",
    )
    assert row.next_attempt_at >= before + timedelta(minutes=1)
    assert deliver_pending() == 0  # not due yet: no hammering of a dead server


def test_message_goes_out_once_smtp_is_back(settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.core.test_outbox.FailingBackend"
    send_mail("Onderwerp", "Tekst", "from@example.org", ["to@example.org"])
    deliver_pending()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        sent = deliver_pending()
        again = deliver_pending()

    assert (sent, again, len(mail.outbox)) == (1, 0, 1)


@pytest.mark.parametrize(
    ("attempts", "minutes"), [(1, 1), (2, 2), (3, 4), (6, 32), (7, 60), (40, 60)]
)
def test_backoff_doubles_and_is_capped(attempts, minutes, settings):
    settings.OUTBOX_MAX_BACKOFF_MINUTES = 60

    assert backoff(attempts) == timedelta(minutes=minutes)


def test_message_fails_for_good_after_max_attempts(settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.core.test_outbox.FailingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 2
    send_mail("Onderwerp", "Tekst", "from@example.org", ["to@example.org"])
    row = OutboxMessage.objects.get()

    deliver_message(message_pk=row.pk)
    OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    deliver_message(message_pk=row.pk)

    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 2)


def test_deliver_outbox_command_sends_pending(capsys):
    from django.core.management import call_command

    send_mail("Een", "Tekst", "from@example.org", ["a@example.org"])
    send_mail("Twee", "Tekst", "from@example.org", ["b@example.org"])

    call_command("deliver_outbox")

    assert sorted(m.subject for m in mail.outbox) == ["Een", "Twee"]
    assert OutboxMessage.objects.filter(status="sent").count() == 2
