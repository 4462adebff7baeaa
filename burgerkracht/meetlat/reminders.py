"""Reminders of the later reflection (principle 6), through the one reminder sweep
(burgerkracht.core.messaging.reminders): two weeks before its date, and on the day (caught up for
REMINDER_CATCH_UP_DAYS when a sweep missed it). Each reaches the owner once: the sweep writes
one row per (decision, kind, recipient, date) and the row is sent once. A reflection written
in the meantime stops it; the recipient is checked again at sending time, so after the owner
left the advice coordinators get it instead (`reflections.owned_by`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from burgerkracht.accounts.roles import Role
from burgerkracht.core.messaging.reminders import Candidate, Milestone, ReminderSource, link
from burgerkracht.meetlat import permissions
from burgerkracht.meetlat.enums import DecisionKind
from burgerkracht.meetlat.models import Decision
from burgerkracht.meetlat.reflections import OWNER_GONE, open_reflections
from burgerkracht.meetlat.subjects import takes_over_reflection

REFLECTION_SOON = "meetlat_reflection_soon"
REFLECTION_DUE = "meetlat_reflection_due"
SOON_DAYS = 14


class ReflectionReminders(ReminderSource):
    model = Decision
    kinds = (REFLECTION_SOON, REFLECTION_DUE)

    def milestones(self) -> list[Milestone]:
        return [
            Milestone(REFLECTION_SOON, -SOON_DAYS, 0),
            Milestone(REFLECTION_DUE, 0, settings.REMINDER_CATCH_UP_DAYS),
        ]

    def candidates(self, today: date) -> Iterable[Candidate]:
        coordinators: set[int] | None = None
        for milestone in self.milestones():
            rows = open_reflections().filter(**milestone.lookup("reflection_due", today))
            gone = set(
                rows.filter(OWNER_GONE, kind=DecisionKind.POLICY).values_list("pk", flat=True)
            )
            for pk, due, owner_id in rows.values_list("pk", "reflection_due", "created_by_id"):
                if pk in gone:
                    if coordinators is None:
                        coordinators = set(
                            get_user_model()
                            .objects.filter(groups__name=Role.ADVICE_COORDINATOR, is_active=True)
                            .values_list("pk", flat=True)
                        )
                    people = frozenset(coordinators)
                else:
                    people = frozenset({owner_id} - {None})
                if people:
                    yield Candidate(pk, milestone.kind, milestone.due_on(due), people)

    def get(self, object_id: int) -> Any | None:
        return Decision.objects.select_related("created_by").filter(pk=object_id).first()

    def is_relevant(self, item: Any, kind: str, due_on: date, today: date) -> bool:
        anchor = item.reflection_due
        return (
            anchor is not None
            and item.reflected_at is None
            and any(
                m.kind == kind and m.due_on(anchor) == due_on and m.is_open(anchor, today)
                for m in self.milestones()
            )
        )

    def is_recipient(self, item: Any, kind: str, user: Any) -> bool:
        owner = item.created_by_id == user.pk or (
            item.kind == DecisionKind.POLICY and takes_over_reflection(user, item)
        )
        return owner and permissions.can_reflect(user, item)

    def message(
        self, item: Any, kind: str, due_on: date, today: date, recipient: Any
    ) -> tuple[str, dict]:
        anchor = item.reflection_due
        return f"reminders/{kind}", {
            "decision": item,
            "date": anchor,
            "days": (anchor - today).days,
            "link": link(item),
        }


SOURCES = [ReflectionReminders()]
