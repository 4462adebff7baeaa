"""Core services: mail delivery from the outbox, reads in the audit trail (queueing background
work is core.queueing)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from burgerkracht.core.enums import OutboxStatus
from burgerkracht.core.messaging.outbox import build_message
from burgerkracht.core.models import AuditEvent, OutboxMessage

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser as User

logger = logging.getLogger(__name__)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes, capped at OUTBOX_MAX_BACKOFF_MINUTES."""
    minutes = min(2 ** max(attempts - 1, 0), settings.OUTBOX_MAX_BACKOFF_MINUTES)
    return timedelta(minutes=minutes)


class _HeldTransaction:
    """An atomic block that the SMTP backend can commit early, the moment the mail server has
    the whole message (core.messaging.smtp); leaving the block commits (or rolls back) what is
    left."""

    def __init__(self) -> None:
        self._block = transaction.atomic()
        self._open = False

    def __enter__(self) -> _HeldTransaction:
        self._block.__enter__()
        self._open = True
        return self

    def commit(self) -> None:
        if self._open:
            self._open = False
            self._block.__exit__(None, None, None)

    def __exit__(self, *exc_info: Any) -> None:
        if self._open:
            self._open = False
            self._block.__exit__(*exc_info)


def deliver_message(*, message_pk: int) -> bool:
    """Deliver one outbox message if it is due; safe to call any number of times.

    The row stays locked (SELECT … FOR UPDATE SKIP LOCKED) while the SMTP conversation runs,
    so two workers, a sweep and an operator's command never send the same message twice:
    the second one skips it. The row is marked sent before the conversation, and the SMTP
    backend (core.messaging.smtp.HandoverEmailBackend) commits that the moment it has written the
    end of the message, before the server's reply: a crash before then rolls back (the server
    drops a message whose end it never got) and one after it leaves the message sent. A
    reply other than 250 puts the message back for another attempt. Only a crash in the
    microseconds between those two writes can repeat a mail; its Message-ID stays the same.
    Other backends (console, locmem) commit when the block ends.
    """
    held = _HeldTransaction()
    connection = get_connection(
        settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False, on_handover=held.commit
    )
    try:
        with held:
            row = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .due()
                .filter(pk=message_pk)
                .first()
            )
            if row is None:
                return False
            row.status, row.sent_at = OutboxStatus.SENT, timezone.now()
            row.attempts += 1
            row.save(update_fields=["status", "sent_at", "attempts"])
            try:
                connection.open()  # opened here, so send() leaves it open for us to close
                build_message(row, connection=connection).send()
            except Exception as exc:  # smtplib, socket and TLS errors: all retried later
                _record_failure(row, exc)
                return False
        return True
    finally:
        _close_quietly(connection)


def _record_failure(row: OutboxMessage, exc: Exception) -> None:
    row.sent_at = None
    row.status = (
        OutboxStatus.FAILED
        if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        else OutboxStatus.PENDING
    )
    row.last_error = type(exc).__name__[:200]
    row.next_attempt_at = timezone.now() + backoff(row.attempts)
    row.save(update_fields=["sent_at", "status", "last_error", "next_attempt_at"])
    logger.warning(
        "outbox message %s not delivered (attempt %s): %s", row.pk, row.attempts, row.last_error
    )


def _close_quietly(connection: Any) -> None:
    # The message was accepted (or refused) before this; a server that hangs up on QUIT
    # changes nothing about it.
    try:
        connection.close()
    except Exception as exc:  # socket and SMTP errors at QUIT
        logger.info("closing the mail connection failed: %s", type(exc).__name__)


def deliver_pending(*, limit: int = 500) -> int:
    """Deliver every due message (oldest first); returns how many were sent."""
    pks = list(
        OutboxMessage.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    )
    return sum(deliver_message(message_pk=pk) for pk in pks)


@transaction.atomic
def withdraw_mail_to(*, addresses: Iterable[str], subject: Any, by: User | None) -> int:
    """Take `addresses` off every mail that is not sent yet; a mail left without recipients
    is deleted. Returns how many mails changed, and records that number (never the
    addresses) on `subject` in the audit trail.

    Account erasure calls this in its own transaction, so a mail queued before the erasure
    never reaches the erased address. A worker that is sending one of these mails holds its
    row (deliver_message); this waits for it, and then finds the row sent and leaves it.
    """
    wanted = {address.strip().lower() for address in addresses if address.strip()}
    if not wanted:
        return 0
    maybe = Q()
    for address in wanted:
        for field in ("to", "cc", "bcc"):
            maybe |= Q(**{f"{field}__icontains": address})  # a prefilter; exact match below
    changed = 0
    rows = OutboxMessage.objects.select_for_update().filter(maybe, status=OutboxStatus.PENDING)
    for row in rows.order_by("pk"):
        kept = {
            field: [a for a in getattr(row, field) if a.strip().lower() not in wanted]
            for field in ("to", "cc", "bcc")
        }
        if all(kept[field] == getattr(row, field) for field in kept):
            continue
        changed += 1
        if not any(kept.values()):
            row.delete()
            continue
        for field, value in kept.items():
            setattr(row, field, value)
        row.save(update_fields=list(kept))
    if changed:
        AuditEvent.record(
            subject=subject, actor=by, action="outbox.withdrawn", data={"messages": changed}
        )
    return changed


def record_read(*, subject: Any, actor: Any, purpose: str) -> None:
    """Somebody other than the resident opened a resident's personal content: who, what and
    when go into the audit trail, and the page's purpose as the why (targets.md S7)."""
    AuditEvent.record(subject=subject, actor=actor, action=READ_ACTION, reason=str(purpose))


READ_ACTION = "personal_data.read"
