"""The outbox commits "sent" once the SMTP server has the whole mail, before its reply.

A real SMTP server on loopback (aiosmtpd, the outside world) looks, while it holds the mail
and before it answers, at what another database connection sees of the outbox row. Django's
own backend would show "pending" there (it commits after the reply); ours shows "sent".
"""

import asyncio
import time
from smtplib import SMTPDataError

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connections
from django.test import override_settings

from burgerkracht.core.enums import OutboxStatus
from burgerkracht.core.messaging.outbox import store_message
from burgerkracht.core.messaging.smtp import HandoverEmailBackend, HandoverSMTP
from burgerkracht.core.models import OutboxMessage
from burgerkracht.core.services import deliver_message
from tests.processes import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def _committed_status(pk: int) -> str:
    """The row as a second connection sees it: only what has been committed."""
    try:
        return OutboxMessage.objects.values_list("status", flat=True).get(pk=pk)
    finally:
        connections.close_all()


class Server:
    """Notes the committed status of every row while holding its mail, then answers."""

    def __init__(self, reply: str = "250 OK") -> None:
        self.reply = reply
        self.seen: list[tuple[str, str]] = []
        self.arrived: list[str] = []
        self.pk: int | None = None

    async def handle_DATA(self, server, session, envelope):
        self.arrived.append(envelope.rcpt_tos[0])
        status = await asyncio.to_thread(_committed_status, self.pk)
        self.seen.append((envelope.rcpt_tos[0], status))
        return self.reply


@pytest.fixture
def server():
    handler = Server()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    with override_settings(
        OUTBOX_DELIVERY_BACKEND="burgerkracht.core.messaging.smtp.HandoverEmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
    ):
        yield handler
    controller.stop()


def _stored() -> OutboxMessage:
    """In the outbox, not yet handed to a worker."""
    return store_message(
        EmailMessage("Onderwerp", "Tekst\n.\nmet een punt", "from@example.org", ["to@example.org"])
    )


def test_sent_is_committed_before_the_server_answers(server):
    row = _stored()
    server.pk = row.pk

    delivered = deliver_message(message_pk=row.pk)

    row.refresh_from_db()
    assert delivered is True
    assert server.seen == [("to@example.org", "sent")]
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 1)


def test_a_refusal_after_the_dot_puts_the_message_back(server):
    server.reply = "451 Probeer het later"
    row = _stored()
    server.pk = row.pk

    delivered = deliver_message(message_pk=row.pk)

    row.refresh_from_db()
    assert delivered is False
    assert server.seen == [("to@example.org", "sent")]  # committed, then taken back
    assert (row.status, row.attempts, row.sent_at) == (OutboxStatus.PENDING, 1, None)
    assert row.last_error == SMTPDataError.__name__
    assert row.next_attempt_at is not None


def test_djangos_backend_would_commit_only_after_the_answer(server):
    """The comparison that shows what the hook changes: same server, Django's backend."""
    row = _stored()
    server.pk = row.pk

    with override_settings(OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
        deliver_message(message_pk=row.pk)

    assert server.seen == [("to@example.org", "pending")]
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_the_end_is_held_back_until_the_hook_has_run(server):
    """The dot waits in the kernel (TCP_CORK) while the hook commits, so the server is not
    woken before our COMMIT is written; it arrives right after."""
    arrived_during_hook: list[int] = []

    def hook():
        time.sleep(0.1)  # far longer than loopback needs to deliver an uncorked dot
        arrived_during_hook.append(len(server.arrived))

    backend = HandoverEmailBackend(on_handover=hook)
    server.pk = _stored().pk
    backend.open()
    try:
        assert isinstance(backend.connection, HandoverSMTP)
        backend.connection.sendmail("a@example.org", ["b@example.org"], b"Subject: x\r\n\r\n.\r\n")
        backend.connection.sendmail("a@example.org", ["c@example.org"], b"Subject: y\r\n\r\nz")
    finally:
        backend.close()

    assert arrived_during_hook == [0, 1]  # once per message, each before its own arrival
    assert server.arrived == ["b@example.org", "c@example.org"]


def test_other_backends_ignore_the_hook_and_commit_at_the_end():
    """The test settings deliver with Django's locmem backend: it takes `on_handover`
    without calling it, and the row is committed as sent when the block ends."""
    row = _stored()

    delivered = deliver_message(message_pk=row.pk)

    assert delivered is True
    assert [m.to for m in mail.outbox] == [["to@example.org"]]
    assert _committed_status(row.pk) == OutboxStatus.SENT
