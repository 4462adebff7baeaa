"""Reminders of due things, sent exactly once.

Apps register *sources* in their hooks.py (core cannot import the domain apps). A source
says which reminders are due today — (item, kind, due date, recipients) — and, when one is
sent, whether it still matters and what the e-mail says.

1. `sweep()` writes one `Reminder` row per (item, kind, recipient, due date); the unique
   constraint makes a second sweep, or a second beat process, insert nothing. It hands every
   new row, and every row that has waited too long, to the broker (one task per batch).
2. `send_reminder()` locks the row (SKIP LOCKED) while it is still queued, checks the source
   again, puts the e-mail in the outbox and marks the row sent — one transaction. A worker that
   dies before the commit leaves the row queued; a later sweep hands it over again. So each
   reminder reaches the outbox exactly once, and the outbox delivers it (core.services).

Queries are per source and per kind, never per item, so a sweep stays fast with many items.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from burgerkracht.core.enums import ReminderStatus
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import Reminder
from burgerkracht.core.queueing import enqueue

logger = logging.getLogger(__name__)

# Why a reminder was not sent (Reminder.note).
NOT_RELEVANT = "not relevant"
NOT_INVOLVED = "no longer involved"
ITEM_GONE = "item gone"
UNKNOWN_KIND = "unknown kind"
NOT_WANTED = "not wanted"


@dataclass(frozen=True)
class Candidate:
    """A reminder that is due: about item `object_id`, to each of `recipient_ids`."""

    object_id: int
    kind: str
    due_on: date
    recipient_ids: frozenset[int]


@dataclass(frozen=True)
class Milestone:
    """A reminder `offset` days from its item's date (`anchor`). It may still go out until
    `until` days from that date (exclusive), so a sweep that missed the day, or an item
    created late, catches up — but never once the next reminder has taken over."""

    kind: str
    offset: int
    until: int

    def due_on(self, anchor: date) -> date:
        return anchor + timedelta(days=self.offset)

    def is_open(self, anchor: date, today: date) -> bool:
        return self.offset <= (today - anchor).days < self.until

    def lookup(self, field: str, today: date) -> dict[str, date]:
        """The anchors for which this milestone is open today, as a range lookup."""
        return {
            f"{field}__gt": today - timedelta(days=self.until),
            f"{field}__lte": today - timedelta(days=self.offset),
        }


class ReminderSource:
    """One app's due items of one model. Subclasses set `model` and `kinds` and implement
    the methods below; `is_recipient` is asked at sending time, so reminders follow a
    handover."""

    model: type[models.Model]
    kinds: tuple[str, ...] = ()

    def candidates(self, today: date) -> Iterable[Candidate]:
        raise NotImplementedError

    def get(self, object_id: int) -> Any | None:
        return self.model._default_manager.filter(pk=object_id).first()

    def is_relevant(self, item: Any, kind: str, due_on: date, today: date) -> bool:
        raise NotImplementedError

    def is_recipient(self, item: Any, kind: str, user: Any) -> bool:
        """Whether `user` is, right now, one of the people this reminder is for."""
        raise NotImplementedError

    def message(
        self, item: Any, kind: str, due_on: date, today: date, recipient: Any
    ) -> tuple[str, dict]:
        """The e-mail template (under templates/email/) and its context for `recipient`."""
        raise NotImplementedError


_sources: dict[str, ReminderSource] = {}


def register(source: ReminderSource) -> None:
    for kind in source.kinds:
        registered = _sources.get(kind)
        if registered is not None and type(registered) is not type(source):
            raise ValueError(f"reminder kind {kind!r} is registered twice")
        _sources[kind] = source


def sources() -> list[ReminderSource]:
    unique: dict[type, ReminderSource] = {}
    for source in _sources.values():
        unique.setdefault(type(source), source)
    return list(unique.values())


def link(item: Any, fallback: Any = None) -> str:
    """The absolute link to `item`, or to `fallback` while `item` has no page (yet)."""
    try:
        return absolute_url(item.get_absolute_url())
    except NoReverseMatch:
        if fallback is None:
            raise
        return absolute_url(fallback.get_absolute_url())


def unwilling_user_ids() -> set[int]:
    """People no reminder is written for: gone, erased, or reminders switched off (few)."""
    return set(
        get_user_model()
        .objects.filter(Q(is_active=False) | Q(erased_at__isnull=False) | Q(notify_reminders=False))
        .values_list("pk", flat=True)
    )


# --- the sweep -------------------------------------------------------------------------


@dataclass
class SweepResult:
    created: int = 0
    requeued: int = 0
    enqueued: int = 0
    outcomes: Counter = field(default_factory=Counter)  # status → count (synchronous sweep)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "requeued": self.requeued,
            "enqueued": self.enqueued,
            **{str(k): v for k, v in self.outcomes.items()},
        }


def collect(today: date, *, now=None) -> int:
    """Write a queued row for every due reminder that has none; return how many are new."""
    now = now or timezone.now()
    skip = unwilling_user_ids()
    created = 0
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        wanted = {
            (c.object_id, c.kind, c.due_on, user_id)
            for c in source.candidates(today)
            for user_id in c.recipient_ids
            if user_id not in skip
        }
        if wanted:
            created += _insert_new(content_type, sorted(wanted), now)
    return created


def _insert_new(content_type: ContentType, rows: list[tuple], now) -> int:
    """Insert the rows that do not exist yet; the unique constraint keeps out the ones an
    earlier sweep, or another beat process at this moment, wrote: one INSERT … SELECT FROM
    unnest(arrays) (100,000 rows in about a second, target P5)."""
    object_ids, kinds, dates, recipients = (list(column) for column in zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Reminder._meta.db_table} "  # noqa: S608 — our table name
            "(content_type_id, object_id, kind, due_on, recipient_id, status, queued_at, note) "
            "SELECT %s, t.object_id, t.kind, t.due_on, t.recipient_id, %s, %s, '' "
            "FROM unnest(%s::bigint[], %s::varchar[], %s::date[], %s::bigint[]) "
            "AS t(object_id, kind, due_on, recipient_id) "
            "ON CONFLICT DO NOTHING",
            [content_type.pk, ReminderStatus.QUEUED, now, object_ids, kinds, dates, recipients],
        )
        return cursor.rowcount


def sweep(
    today: date | None = None, *, synchronous: bool = False, requeue_after: int | None = None
) -> SweepResult:
    """Collect due reminders and hand each queued one over for sending.

    `synchronous` sends in this process (the operators' command, no broker needed); otherwise
    one Celery task per reminder. Queued rows are handed over when new, or when they were
    handed over more than `requeue_after` seconds ago (REMINDER_REQUEUE_SECONDS) and are
    still not sent: their task was lost with a killed worker or an emptied broker.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    requeue_after = settings.REMINDER_REQUEUE_SECONDS if requeue_after is None else requeue_after
    result = SweepResult()
    collect(today, now=now)
    # Claim: one UPDATE, so two sweeps at once never both take the same stale row.
    result.requeued = Reminder.objects.filter(
        status=ReminderStatus.QUEUED, queued_at__lt=now - timedelta(seconds=requeue_after)
    ).update(queued_at=now)
    pks = list(
        Reminder.objects.filter(status=ReminderStatus.QUEUED, queued_at=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    result.created = len(pks) - result.requeued
    if synchronous:
        result.outcomes = Counter(str(send_reminder(reminder_pk=pk)) for pk in pks)
        result.enqueued = 0
    else:
        result.enqueued = _enqueue(pks, now=now)
    return result


def _enqueue(pks: list[int], *, now) -> int:
    """Hand the rows over in batches of REMINDER_BATCH_SIZE, one task each: a sweep over
    100,000 due reminders publishes hundreds of messages, not 100,000. Return how many rows
    were handed over."""
    size = settings.REMINDER_BATCH_SIZE
    for start in range(0, len(pks), size):
        # A copy that waited in the broker past the requeue time has been handed over again
        # by a later sweep: it expires instead of piling up behind a long backlog.
        expires = settings.REMINDER_REQUEUE_SECONDS
        batch = pks[start : start + size]
        if not enqueue("core.send_reminders", expires=expires, reminder_pks=batch):
            # The broker is down: do not wait for every publish to time out. The rest stay
            # queued and are due for the very next sweep.
            overdue = now - timedelta(seconds=settings.REMINDER_REQUEUE_SECONDS + 1)
            Reminder.objects.filter(pk__in=pks[start:], status=ReminderStatus.QUEUED).update(
                queued_at=overdue
            )
            return start
    return len(pks)


# --- sending ---------------------------------------------------------------------------


def send_reminder(*, reminder_pk: int, today: date | None = None) -> str | None:
    """Send one queued reminder, or mark it skipped; safe to call any number of times.

    Returns the new status, or None when the row was not ours to handle (already handled,
    or locked by another worker that is sending it right now).
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        row = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=reminder_pk, status=ReminderStatus.QUEUED)
            .first()
        )
        if row is None:
            return None
        source, item, row.note = _check(row, today)
        if not row.note:
            template, context = source.message(item, row.kind, row.due_on, today, row.recipient)
            context["settings_link"] = absolute_url(reverse("accounts:profile"))
            sent = notify(
                recipients=[row.recipient],
                template=template,
                context=context,
                preference="reminders",
            )
            row.note = "" if sent else NOT_WANTED
        if row.note:
            row.status = ReminderStatus.SKIPPED
        else:
            row.status, row.sent_at = ReminderStatus.SENT, timezone.now()
        row.save(update_fields=["status", "sent_at", "note"])
    return row.status


def send_reminders(*, reminder_pks: list[int]) -> dict[str, int]:
    """Send a batch, each reminder in its own transaction: a worker killed halfway leaves
    the rest queued for a later sweep. Returns how many ended in each status."""
    return dict(Counter(str(send_reminder(reminder_pk=pk)) for pk in reminder_pks))


def _check(row: Reminder, today: date) -> tuple[Any, Any, str]:
    """(source, item, why not): an empty reason means the reminder still matters."""
    source = _sources.get(row.kind)
    if source is None:
        return None, None, UNKNOWN_KIND
    item = source.get(row.object_id)
    if item is None:
        return source, None, ITEM_GONE
    if not source.is_relevant(item, row.kind, row.due_on, today):
        return source, item, NOT_RELEVANT
    if not source.is_recipient(item, row.kind, row.recipient):
        return source, item, NOT_INVOLVED
    return source, item, ""
