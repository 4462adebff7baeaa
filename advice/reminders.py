"""Reminders of the advice register (WF-13), through the same sweep as every other reminder:
the deadline of a request coming up and passed, an answer that is late, promises due soon and
overdue, the evaluation of an advice, and a body that meets the college too little.

As in budget.reminders, the sweep and the check at sending time read the same querysets
(`base`), so a reminder is written and sent by one rule, and the recipients are read again
when it is sent: after a change of contact person the new one gets it, the old one nothing.
Recipients are read with one query per kind of person (never one per item).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from advice.enums import (
    OPEN_PROMISE,
    AdviceEvaluationStatus,
    AdviceStatus,
    MemberRole,
    RequestStatus,
)
from advice.models import (
    Advice,
    AdviceEvaluation,
    AdviceRequest,
    AdvisoryBody,
    Membership,
    Promise,
)
from burgerkracht.accounts.roles import Role
from burgerkracht.core.messaging.reminders import Candidate, Milestone, ReminderSource, link

DEADLINE_SOON = "advice_deadline_soon"
DEADLINE_PASSED = "advice_deadline_passed"
ANSWER_OVERDUE = "advice_answer_overdue"
PROMISE_SOON = "advice_promise_soon"
PROMISE_OVERDUE = "advice_promise_overdue"
EVALUATION_DUE = "advice_evaluation_due"
FEW_MEETINGS = "advice_few_meetings"

# Who gets which reminder (WF-13). "members": the current members of the body;
# "secretaries": its current secretaries; the others are fields of the item (PERSON_FIELDS).
WHO: dict[str, tuple[str, ...]] = {
    DEADLINE_SOON: ("members", "requester"),
    DEADLINE_PASSED: ("members", "requester", "coordinators"),
    ANSWER_OVERDUE: ("contact", "backup_contact", "coordinators", "members"),
    PROMISE_SOON: ("owner", "contact"),
    PROMISE_OVERDUE: ("owner", "contact", "coordinators", "members"),
    EVALUATION_DUE: ("members", "contact", "coordinators"),
    FEW_MEETINGS: ("coordinators", "secretaries"),
}
# The months and days on which the number of meetings of the year is checked (BR-54).
MEETING_CHECKS = ((7, 1), (10, 1))


def _catch_up() -> int:
    return settings.REMINDER_CATCH_UP_DAYS


def _coordinator_ids() -> set[int]:
    return set(
        get_user_model()
        .objects.filter(groups__name=Role.ADVICE_COORDINATOR)
        .values_list("pk", flat=True)
    )


def _member_ids(body_ids: Iterable[int], role: str | None = None) -> dict[int, set[int]]:
    """body id → ids of its current members (with `role`): one query for all bodies."""
    memberships = Membership.objects.filter(body_id__in=set(body_ids), ended_on__isnull=True)
    if role:
        memberships = memberships.filter(role=role)
    result: dict[int, set[int]] = defaultdict(set)
    for body_id, user_id in memberships.values_list("body_id", "user_id"):
        result[body_id].add(user_id)
    return result


def _is_member(body_id: int, user: Any, role: str | None = None) -> bool:
    memberships = Membership.objects.filter(body_id=body_id, user=user, ended_on__isnull=True)
    if role:
        memberships = memberships.filter(role=role)
    return memberships.exists()


class _DatedSource(ReminderSource):
    """Reminders at fixed distances from a date of the item (Milestone, as in budget)."""

    anchor = "due_on"
    body_path = "body_id"  # from the item to its body
    person_fields: dict[str, str] = {}  # kind of person → path from the item to the user id

    def milestones(self) -> list[Milestone]:
        raise NotImplementedError

    def base(self, kind: str) -> QuerySet:
        raise NotImplementedError

    def candidates(self, today: date) -> Iterable[Candidate]:
        for milestone in self.milestones():
            who = WHO[milestone.kind]
            persons = [name for name in who if name in self.person_fields]
            rows = list(
                self.base(milestone.kind)
                .filter(**milestone.lookup(self.anchor, today))
                .values_list(
                    "pk", self.anchor, self.body_path, *(self.person_fields[p] for p in persons)
                )
            )
            if not rows:
                continue
            members = _member_ids({row[2] for row in rows}) if "members" in who else {}
            coordinators = _coordinator_ids() if "coordinators" in who else set()
            for pk, anchor, body_id, *user_ids in rows:
                people = {u for u in user_ids if u is not None} | coordinators
                people |= members.get(body_id, set())
                if people:
                    yield Candidate(pk, milestone.kind, milestone.due_on(anchor), frozenset(people))

    def is_relevant(self, item: Any, kind: str, due_on: date, today: date) -> bool:
        anchor = getattr(item, self.anchor)
        return (
            anchor is not None
            and any(
                m.kind == kind and m.due_on(anchor) == due_on and m.is_open(anchor, today)
                for m in self.milestones()
            )
            and self.base(kind).filter(pk=item.pk).exists()
        )

    def person(self, item: Any, name: str) -> int | None:
        value = item
        for step in self.person_fields[name].split("__"):
            value = getattr(value, step)
            if value is None:
                return None
        return value

    def body_id(self, item: Any) -> int:
        raise NotImplementedError

    def is_recipient(self, item: Any, kind: str, user: Any) -> bool:
        who = WHO[kind]
        return (
            any(self.person(item, name) == user.pk for name in who if name in self.person_fields)
            or ("coordinators" in who and user.has_role(Role.ADVICE_COORDINATOR))
            or ("members" in who and _is_member(self.body_id(item), user))
        )

    def context(self, item: Any) -> dict[str, Any]:
        raise NotImplementedError

    def message(
        self, item: Any, kind: str, due_on: date, today: date, recipient: Any
    ) -> tuple[str, dict]:
        anchor = getattr(item, self.anchor)
        return f"reminders/{kind}", {
            **self.context(item),
            "item": item,
            "date": anchor,
            "days": (anchor - today).days,
            "days_late": (today - anchor).days,
        }


class RequestReminders(_DatedSource):
    """The deadline of a request for advice: coming up, and passed while no advice came."""

    model = AdviceRequest
    kinds = (DEADLINE_SOON, DEADLINE_PASSED)
    anchor = "deadline"
    person_fields = {"requester": "requested_by_id"}

    def milestones(self) -> list[Milestone]:
        soon = sorted(set(settings.REMINDER_ADVICE_DEADLINE_DAYS), reverse=True)
        ends = [-days for days in soon[1:]] + [1]
        return [
            *(Milestone(DEADLINE_SOON, -days, end) for days, end in zip(soon, ends, strict=True)),
            Milestone(DEADLINE_PASSED, 1, 1 + _catch_up()),
        ]

    def base(self, kind: str) -> QuerySet:
        return AdviceRequest.objects.filter(status=RequestStatus.OPEN)

    def body_id(self, item: Any) -> int:
        return item.body_id

    def context(self, item: Any) -> dict[str, Any]:
        return {"request": item, "body": item.body, "link": link(item)}


class AnswerReminders(_DatedSource):
    """A final advice whose answer term has passed without a published answer."""

    model = Advice
    kinds = (ANSWER_OVERDUE,)
    anchor = "response_due"
    person_fields = {"contact": "contact_id", "backup_contact": "backup_contact_id"}

    def milestones(self) -> list[Milestone]:
        return [Milestone(ANSWER_OVERDUE, 1, 1 + _catch_up())]

    def base(self, kind: str) -> QuerySet:
        return Advice.objects.filter(status=AdviceStatus.FINAL)

    def body_id(self, item: Any) -> int:
        return item.body_id

    def context(self, item: Any) -> dict[str, Any]:
        return {"advice": item, "body": item.body, "link": link(item)}


class PromiseReminders(_DatedSource):
    """An open promise: its due date coming up, and passed. A promise on its own has no
    advice: its body is its agenda's (the members of the group that handed it in), and it
    has no contact person; the owner and the coordinators are reminded all the same."""

    model = Promise
    kinds = (PROMISE_SOON, PROMISE_OVERDUE)
    body_path = "reminder_body"
    person_fields = {"owner": "owner_id", "contact": "advice__contact_id"}

    def milestones(self) -> list[Milestone]:
        soon = settings.REMINDER_PROMISE_SOON_DAYS
        return [
            Milestone(PROMISE_SOON, -soon, 1),
            Milestone(PROMISE_OVERDUE, 1, 1 + _catch_up()),
        ]

    def base(self, kind: str) -> QuerySet:
        return Promise.objects.filter(status__in=OPEN_PROMISE).annotate(
            reminder_body=Coalesce("advice__body_id", "agenda__body_id")
        )

    def get(self, object_id: int) -> Any | None:
        return Promise.objects.select_related("advice", "agenda").filter(pk=object_id).first()

    def person(self, item: Any, name: str) -> int | None:
        if name == "owner":
            return item.owner_id
        return item.advice.contact_id if item.advice_id else None

    def body_id(self, item: Any) -> int | None:
        if item.advice_id:
            return item.advice.body_id
        return item.agenda.body_id if item.agenda_id else None

    def context(self, item: Any) -> dict[str, Any]:
        return {"promise": item, "advice": item.advice, "agenda": item.agenda, "link": link(item)}


class EvaluationReminders(_DatedSource):
    """The evaluation of an advice, on the day it is planned for."""

    model = AdviceEvaluation
    kinds = (EVALUATION_DUE,)
    body_path = "advice__body_id"
    person_fields = {"contact": "advice__contact_id"}

    def milestones(self) -> list[Milestone]:
        return [Milestone(EVALUATION_DUE, 0, _catch_up())]

    def base(self, kind: str) -> QuerySet:
        return AdviceEvaluation.objects.filter(
            status=AdviceEvaluationStatus.PLANNED, advice__status=AdviceStatus.ANSWERED
        )

    def get(self, object_id: int) -> Any | None:
        return AdviceEvaluation.objects.select_related("advice").filter(pk=object_id).first()

    def person(self, item: Any, name: str) -> int | None:
        return item.advice.contact_id

    def body_id(self, item: Any) -> int:
        return item.advice.body_id

    def context(self, item: Any) -> dict[str, Any]:
        return {"evaluation": item, "advice": item.advice, "link": link(item, item.advice)}


def _check_day(today: date) -> date | None:
    """The check day (1 July, 1 October) whose catch-up window `today` is in."""
    for month, day in MEETING_CHECKS:
        check = date(today.year, month, day)
        if check <= today < check + timedelta(days=_catch_up()):
            return check
    return None


class MeetingReminders(ReminderSource):
    """A body with fewer meetings with the college in a year than agreed, on 1 July and on
    1 October of that year. The item is the body; the due date is the check day."""

    model = AdvisoryBody
    kinds = (FEW_MEETINGS,)

    def base(self, year: int) -> QuerySet:
        return (
            AdvisoryBody.objects.filter(is_active=True)
            .annotate(held=Count("meetings", filter=Q(meetings__date__year=year)))
            .filter(held__lt=settings.ADVICE_MEETINGS_PER_YEAR)
        )

    def candidates(self, today: date) -> Iterable[Candidate]:
        check = _check_day(today)
        if check is None:
            return
        body_ids = list(self.base(check.year).values_list("pk", flat=True))
        if not body_ids:
            return
        secretaries = _member_ids(body_ids, MemberRole.SECRETARY)
        coordinators = _coordinator_ids()
        for body_id in body_ids:
            people = coordinators | secretaries.get(body_id, set())
            if people:
                yield Candidate(body_id, FEW_MEETINGS, check, frozenset(people))

    def is_relevant(self, item: Any, kind: str, due_on: date, today: date) -> bool:
        return _check_day(today) == due_on and self.base(due_on.year).filter(pk=item.pk).exists()

    def is_recipient(self, item: Any, kind: str, user: Any) -> bool:
        return user.has_role(Role.ADVICE_COORDINATOR) or _is_member(
            item.pk, user, MemberRole.SECRETARY
        )

    def message(
        self, item: Any, kind: str, due_on: date, today: date, recipient: Any
    ) -> tuple[str, dict]:
        return f"reminders/{kind}", {
            "body": item,
            "year": due_on.year,
            "held": item.meetings.filter(date__year=due_on.year).count(),
            "wanted": settings.ADVICE_MEETINGS_PER_YEAR,
            "link": link(item),
        }


SOURCES = [
    RequestReminders(),
    AnswerReminders(),
    PromiseReminders(),
    EvaluationReminders(),
    MeetingReminders(),
]
