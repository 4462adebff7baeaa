"""Reminders of the Samen Sterk follow-up (WF-13): the interim evaluation and its visit, the
accountability afterwards, and a missing backup on either side of a running grant.

The sweep and the check at sending time read the same querysets (`base`), so a reminder is
written and sent by one rule. Recipients are read again when it is sent, from the initiative
as it is then: after a handover the new facilitator gets the next one, the old one none.
Day offsets are settings (REMINDER_*; WF-13 defaults).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from budget.enums import (
    ACCOUNTING_STATUSES,
    RUNNING_STATUSES,
    AccountabilityStatus,
    EvaluationStatus,
)
from budget.models import Accountability, Application, Evaluation
from burgerkracht.accounts.roles import Role
from burgerkracht.core.messaging.reminders import Candidate, Milestone, ReminderSource, link
from initiatives.models import Initiative, Initiator

EVALUATION_SOON = "evaluation_soon"
VISIT_TO_PLAN = "visit_to_plan"
VISIT_SOON = "visit_soon"
EVALUATION_OVERDUE = "evaluation_overdue"
ACCOUNTABILITY_SOON = "accountability_soon"
ACCOUNTABILITY_DUE = "accountability_due"
ACCOUNTABILITY_OVERDUE = "accountability_overdue"
BACKUP_INITIATOR_MISSING = "backup_initiator_missing"
BACKUP_FACILITATOR_MISSING = "backup_facilitator_missing"

# Who gets which reminder (WF-13).
WHO: dict[str, tuple[str, ...]] = {
    EVALUATION_SOON: ("initiators", "facilitator", "backup_facilitator"),
    VISIT_TO_PLAN: ("facilitator", "backup_facilitator"),
    VISIT_SOON: ("visitors", "facilitator"),
    EVALUATION_OVERDUE: ("facilitator", "backup_facilitator", "coordinators"),
    ACCOUNTABILITY_SOON: ("initiators", "facilitator"),
    ACCOUNTABILITY_DUE: ("initiators", "facilitator"),
    ACCOUNTABILITY_OVERDUE: ("initiators", "facilitator"),
    BACKUP_INITIATOR_MISSING: ("facilitator", "coordinators", "initiators"),
    BACKUP_FACILITATOR_MISSING: ("facilitator", "coordinators"),
}
OPEN_ACCOUNTABILITY = (AccountabilityStatus.OPEN, AccountabilityStatus.MORE_ASKED)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _coordinator_ids() -> set[int]:
    return set(
        get_user_model()
        .objects.filter(groups__name=Role.FACILITATOR_COORDINATOR)
        .values_list("pk", flat=True)
    )


def _recipient_ids(
    items: QuerySet, keys: tuple[str, ...], to_initiative: str, who: Iterable[str]
) -> dict[tuple, set[int]]:
    """The values of `keys` per item → the ids of the people in `who`: one query per kind
    of person, never one per item. `to_initiative` is the path from the item to its
    initiative ("" for an initiative)."""
    result: dict[tuple, set[int]] = defaultdict(set)
    paths: list[tuple[QuerySet, str]] = []
    if "initiators" in who:
        active = items.filter(
            **{
                f"{to_initiative}initiators__accepted_at__isnull": False,
                f"{to_initiative}initiators__left_at__isnull": True,
            }
        )
        paths.append((active, f"{to_initiative}initiators__user"))
    paths += [(items, f"{to_initiative}{name}") for name in ("facilitator", "backup_facilitator")
              if name in who]  # fmt: skip
    if "visitors" in who:
        paths.append((items, "visitors"))
    for queryset, path in paths:
        for *key, user_id in queryset.values_list(*keys, path):
            if user_id is not None:
                result[tuple(key)].add(user_id)
    if "coordinators" in who:
        coordinators = _coordinator_ids()
        for key in items.values_list(*keys):
            result[tuple(key)] |= coordinators
    return result


def _involves(
    initiative: Initiative, who: Iterable[str], user: Any, evaluation: Evaluation | None = None
) -> bool:
    """Whether `user` is among the people in `who` now: the same people `_recipient_ids`
    reads in bulk, asked for one person at sending time."""
    return (
        ("facilitator" in who and initiative.facilitator_id == user.pk)
        or ("backup_facilitator" in who and initiative.backup_facilitator_id == user.pk)
        or ("coordinators" in who and user.has_role(Role.FACILITATOR_COORDINATOR))
        or ("initiators" in who and _is_initiator(initiative, user))
        or (
            "visitors" in who
            and evaluation is not None
            and evaluation.visitors.filter(pk=user.pk).exists()
        )
    )


def _is_initiator(initiative: Initiative, user: Any) -> bool:
    return initiative.initiators.active().filter(user=user).exists()


class _DatedSource(ReminderSource):
    """Reminders at fixed distances from a date of the item."""

    to_initiative = "application__initiative__"

    def milestones(self) -> list[Milestone]:
        raise NotImplementedError

    def base(self, kind: str) -> QuerySet:
        """The items this kind of reminder is about while it matters."""
        raise NotImplementedError

    def anchor(self, kind: str) -> str:
        raise NotImplementedError

    def candidates(self, today: date) -> Iterable[Candidate]:
        for milestone in self.milestones():
            field = self.anchor(milestone.kind)
            items = self.base(milestone.kind).filter(**milestone.lookup(field, today))
            people = _recipient_ids(items, ("pk", field), self.to_initiative, WHO[milestone.kind])
            for (pk, anchor), user_ids in people.items():
                yield Candidate(pk, milestone.kind, milestone.due_on(anchor), frozenset(user_ids))

    def get(self, object_id: int) -> Any | None:
        return (
            self.model._default_manager.select_related("application__initiative")
            .filter(pk=object_id)
            .first()
        )

    def is_relevant(self, item: Any, kind: str, due_on: date, today: date) -> bool:
        anchor = getattr(item, self.anchor(kind))
        return (
            anchor is not None
            and any(
                m.kind == kind and m.due_on(anchor) == due_on and m.is_open(anchor, today)
                for m in self.milestones()
            )
            and self.base(kind).filter(pk=item.pk).exists()
        )

    def is_recipient(self, item: Any, kind: str, user: Any) -> bool:
        evaluation = item if isinstance(item, Evaluation) else None
        return _involves(item.application.initiative, WHO[kind], user, evaluation)

    def message(
        self, item: Any, kind: str, due_on: date, today: date, recipient: Any
    ) -> tuple[str, dict]:
        anchor = getattr(item, self.anchor(kind))
        initiative = item.application.initiative
        return f"reminders/{kind}", {
            "is_initiator": _is_initiator(initiative, recipient),
            "item": item,
            "application": item.application,
            "initiative": initiative,
            "date": anchor,
            "days": (anchor - today).days,
            "days_late": (today - anchor).days,
            "link": link(item, item.application),
        }


class EvaluationReminders(_DatedSource):
    model = Evaluation
    kinds = (EVALUATION_SOON, VISIT_TO_PLAN, VISIT_SOON, EVALUATION_OVERDUE)

    def milestones(self) -> list[Milestone]:
        soon = sorted(set(settings.REMINDER_EVALUATION_SOON_DAYS), reverse=True)
        # Each "soon" reminder runs until the next one; the last until the day itself.
        ends = [-days for days in soon[1:]] + [1]
        plan = settings.REMINDER_VISIT_TO_PLAN_DAYS
        overdue = settings.REMINDER_EVALUATION_OVERDUE_DAYS
        visit = settings.REMINDER_VISIT_SOON_DAYS
        return [
            *(Milestone(EVALUATION_SOON, -days, end) for days, end in zip(soon, ends, strict=True)),
            Milestone(VISIT_TO_PLAN, -plan, 0),
            Milestone(VISIT_SOON, -visit, 1),
            Milestone(EVALUATION_OVERDUE, overdue, overdue + settings.REMINDER_CATCH_UP_DAYS),
        ]

    def anchor(self, kind: str) -> str:
        return "visit_on" if kind == VISIT_SOON else "planned_on"

    def base(self, kind: str) -> QuerySet:
        items = Evaluation.objects.filter(
            status=EvaluationStatus.PLANNED, application__status__in=RUNNING_STATUSES
        )
        if kind == VISIT_TO_PLAN:
            items = items.filter(visit_on__isnull=True)
        return items


class AccountabilityReminders(_DatedSource):
    model = Accountability
    kinds = (ACCOUNTABILITY_SOON, ACCOUNTABILITY_DUE, ACCOUNTABILITY_OVERDUE)

    def milestones(self) -> list[Milestone]:
        soon = settings.REMINDER_ACCOUNTABILITY_SOON_DAYS
        overdue = settings.REMINDER_ACCOUNTABILITY_OVERDUE_DAYS
        return [
            Milestone(ACCOUNTABILITY_SOON, -soon, 0),
            Milestone(ACCOUNTABILITY_DUE, 0, overdue),
            Milestone(ACCOUNTABILITY_OVERDUE, overdue, overdue + settings.REMINDER_CATCH_UP_DAYS),
        ]

    def anchor(self, kind: str) -> str:
        return "due_on"

    def base(self, kind: str) -> QuerySet:
        return Accountability.objects.filter(
            status__in=OPEN_ACCOUNTABILITY, application__status__in=ACCOUNTING_STATUSES
        )


class BackupReminders(ReminderSource):
    """A running grant whose initiative lacks a backup: at once, then every Monday."""

    model = Initiative
    kinds = (BACKUP_INITIATOR_MISSING, BACKUP_FACILITATOR_MISSING)

    def base(self, kind: str) -> QuerySet:
        running = Application.objects.filter(initiative=OuterRef("pk"), status__in=RUNNING_STATUSES)
        items = Initiative.objects.filter(Exists(running))
        if kind == BACKUP_INITIATOR_MISSING:
            backup = Initiator.objects.active().filter(initiative=OuterRef("pk"), is_backup=True)
            return items.filter(~Exists(backup))
        return items.filter(backup_facilitator__isnull=True)

    def candidates(self, today: date) -> Iterable[Candidate]:
        monday = week_start(today)
        for kind in self.kinds:
            for (pk,), user_ids in _recipient_ids(self.base(kind), ("pk",), "", WHO[kind]).items():
                yield Candidate(pk, kind, monday, frozenset(user_ids))

    def get(self, object_id: int) -> Any | None:
        return Initiative.objects.filter(pk=object_id).first()

    def is_relevant(self, item: Any, kind: str, due_on: date, today: date) -> bool:
        return due_on == week_start(today) and self.base(kind).filter(pk=item.pk).exists()

    def is_recipient(self, item: Any, kind: str, user: Any) -> bool:
        return _involves(item, WHO[kind], user)

    def message(
        self, item: Any, kind: str, due_on: date, today: date, recipient: Any
    ) -> tuple[str, dict]:
        return f"reminders/{kind}", {
            "initiative": item,
            "is_initiator": _is_initiator(item, recipient),
            "link": link(item),
        }


SOURCES = (EvaluationReminders(), AccountabilityReminders(), BackupReminders())
