"""Letters by post (SC-11): notify() routes each person to e-mail or to the post queue, a
decision letter goes in the envelope as itself, and every letter is queued exactly once."""

import io
from datetime import date

import pytest
from django.core import mail
from pypdf import PdfReader

from budget.services.letters import generate_letter
from burgerkracht.core.enums import PostKind, PostStatus
from burgerkracht.core.messaging import reminders
from burgerkracht.core.messaging.notifications import notify
from burgerkracht.core.models import AuditEvent, OutboxMessage, PostItem, Reminder
from burgerkracht.core.postal.subjects import subjects_of
from tests.core.post_helpers import ADDRESS, initiative_of, item_text, pdf_pages_text, post_resident
from tests.core.test_reminders import on
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db


def _notify(user, initiative):
    return notify(
        recipients=[user],
        template="initiatives/paused",
        context={"initiative": initiative, "reason": "Even rust", "link": "https://x.invalid/"},
    )


def test_a_resident_with_e_mail_gets_an_e_mail_and_no_letter():
    resident = UserFactory(role="resident")
    initiative = initiative_of(resident, active=True)
    before = OutboxMessage.objects.count()

    sent = _notify(resident, initiative)

    assert sent == 1
    assert OutboxMessage.objects.count() == before + 1
    assert PostItem.objects.count() == 0


def test_a_resident_without_e_mail_gets_a_letter_in_the_queue_and_no_e_mail():
    resident = post_resident()
    initiative = initiative_of(resident, active=True, title="Moestuin De Wei")
    before = OutboxMessage.objects.count()

    sent = _notify(resident, initiative)

    item = PostItem.objects.get()
    assert sent == 1
    assert OutboxMessage.objects.count() == before
    assert (item.recipient, item.status, item.kind) == (resident, PostStatus.QUEUED, "notice")
    assert item.address_lines == ["Gerrit Bakker", "Kerkstraat 12", "1311 AB  Almere"]
    assert (item.address_missing, item.initiative_link.initiative) == (False, initiative)
    assert not hasattr(item, "application_link")
    assert "Moestuin De Wei" in item.subject
    [page] = item_text(item)
    assert "Kerkstraat 12" in page and "1311 AB" in page and "Moestuin De Wei" in page
    assert AuditEvent.objects.for_subject(item).get().action == "post.queued"


def test_a_resident_with_e_mail_who_chose_post_gets_a_letter():
    resident = UserFactory(role="resident", by_post=True, **ADDRESS)
    initiative = initiative_of(resident, active=True)
    mail.outbox.clear()

    _notify(resident, initiative)

    assert PostItem.objects.get().recipient == resident
    assert mail.outbox == []
    assert not OutboxMessage.objects.filter(to=[resident.email]).exists()


def test_a_letter_without_an_address_is_queued_and_flagged():
    resident = post_resident(street_address="", postal_code="", city="")
    initiative = initiative_of(resident, active=True)

    _notify(resident, initiative)

    item = PostItem.objects.get()
    assert (item.status, item.address_missing, item.address_lines) == (
        PostStatus.QUEUED, True, ["Gerrit Bakker"],
    )  # fmt: skip
    assert "ADRES ONTBREEKT" in item_text(item)[0]


def test_a_preference_switched_off_sends_no_letter_either():
    resident = post_resident(notify_status=False)
    initiative = initiative_of(resident, active=True)

    sent = notify(
        recipients=[resident], template="initiatives/paused", preference="status",
        context={"initiative": initiative, "reason": "", "link": ""},
    )  # fmt: skip

    assert (sent, PostItem.objects.count()) == (0, 0)


def test_the_decision_letter_to_a_post_resident_goes_in_the_queue_as_itself():
    resident = post_resident()
    initiative = initiative_of(resident, submitted=True, title="Buurtsoep")

    application = application_in("granted", initiative=initiative)
    letter = application.letters.get()

    generate_letter(letter_pk=letter.pk)  # the worker's task, after the commit

    letter.refresh_from_db()
    item = PostItem.objects.get(recipient=resident, kind=PostKind.LETTER)
    pages = item_text(item)
    with letter.file.open("rb") as file:
        letter_pages = pdf_pages_text(file.read())
    assert subjects_of(item) == [initiative, application]
    assert item.pages == 1 + len(letter_pages)
    assert "Kerkstraat 12" in pages[0] and letter.filename in pages[0]
    assert pages[1:] == letter_pages  # the letter itself, unchanged, after the address page
    assert "Kerkstraat 12" in letter_pages[0] and "Per e-mail" not in letter_pages[0]
    assert not OutboxMessage.objects.filter(attachments__0__filename=letter.filename).exists()


def test_the_envelope_with_the_decision_letter_is_a_tagged_pdf():
    """Letters are PDF/UA (issue #24): the address page and the decision letter behind it
    are one tagged PDF, every page in its structure; copying the pages dropped the tags."""
    import subprocess

    resident = post_resident()
    application = application_in("granted", initiative=initiative_of(resident, submitted=True))
    generate_letter(letter_pk=application.letters.get().pk)

    item = PostItem.objects.get(recipient=resident, kind=PostKind.LETTER)
    with item.pdf.open("rb") as file:
        content = file.read()
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    assert "Tagged:          yes" in info.stdout.decode()
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == item.pages > 1
    assert all("/StructParents" in page for page in reader.pages)
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()


def test_the_letter_worker_run_twice_queues_the_decision_letter_once():
    resident = post_resident()
    initiative = initiative_of(resident, submitted=True)
    application = application_in("granted", initiative=initiative)

    first = generate_letter(letter_pk=application.letters.get().pk)
    again = generate_letter(letter_pk=application.letters.get().pk)

    assert (first, again) == (True, False)
    assert PostItem.objects.filter(kind=PostKind.LETTER).count() == 1


def test_a_reminder_to_a_post_resident_is_queued_once_however_often_it_is_sent():
    resident = post_resident()
    initiative = initiative_of(resident, submitted=True)
    application_in("granted", initiative=initiative)
    PostItem.objects.all().delete()

    with on(date(2027, 4, 17)):
        reminders.collect(date(2027, 4, 17))
        pk = Reminder.objects.filter(recipient=resident).order_by("pk").first().pk
        first = reminders.send_reminder(reminder_pk=pk)
        second = reminders.send_reminder(reminder_pk=pk)

    item = PostItem.objects.get()
    assert (first, second) == ("sent", None)
    assert (item.recipient, item.kind) == (resident, PostKind.REMINDER)


def test_a_message_by_post_carries_its_text_which_the_e_mail_leaves_out():
    from initiatives.services import send_message

    resident = post_resident()
    initiative = initiative_of(resident, active=True)
    facilitator = UserFactory(role="facilitator")

    send_message(initiative=initiative, by=facilitator, body="Tot dinsdag in het buurthuis!")

    assert "Tot dinsdag in het buurthuis!" in item_text(PostItem.objects.get())[0]
