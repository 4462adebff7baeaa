"""The later reflection (principle 6) of a final decision, where its owner meets it: the
agenda feed (burgerkracht.core.personal.calendar), "Mijn taken" (core.personal.worklist) and a
panel on "Mijn burgerkracht" (core.personal.dashboard). Registered in MeetlatConfig.ready.

The owner is who entered the decision (`created_by`). When the owner of a policy decision
has left (deactivated or erased), the advice coordinators take its reflection over
(`subjects.takes_over_reflection`, decision record 0018). One query per function.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts.roles import DECISION_EDITOR_ROLES, Role
from burgerkracht.core.messaging.reminders import link
from burgerkracht.core.personal.calendar import Event
from burgerkracht.core.personal.worklist import Task
from burgerkracht.meetlat.enums import DecisionKind, DecisionStatus
from burgerkracht.meetlat.models import Decision
from burgerkracht.meetlat.rules import REFLECTION_AHEAD

OWNER_GONE = (
    Q(created_by__isnull=True)
    | Q(created_by__is_active=False)
    | Q(created_by__erased_at__isnull=False)
)


def open_reflections() -> QuerySet[Decision]:
    """Final decisions whose later reflection is planned and not written yet."""
    return Decision.objects.filter(
        status=DecisionStatus.FINAL, reflected_at__isnull=True, reflection_due__isnull=False
    )


def owned_by(user: Any) -> Q:
    """The decisions whose reflection is `user`'s: their own, and as advice coordinator the
    policy decisions whose owner has left."""
    mine = Q(created_by=user)
    if user.has_role(Role.ADVICE_COORDINATOR):
        mine |= OWNER_GONE & Q(kind=DecisionKind.POLICY)
    return mine


def reflections_for(user: Any, *, until: date | None = None) -> list[Decision]:
    if not (user.is_authenticated and user.has_role(*DECISION_EDITOR_ROLES)):
        return []
    decisions = open_reflections().filter(owned_by(user))
    if until is not None:
        decisions = decisions.filter(reflection_due__lte=until)
    return list(decisions.only("pk", "title", "reflection_due").order_by("reflection_due", "pk"))


def events_for(user: Any) -> Iterator[Event]:
    for decision in reflections_for(user):
        yield Event(
            key=f"meetlat-reflection-{decision.pk}",
            on=decision.reflection_due,
            summary=_("Reflect on the decision: %(title)s") % {"title": decision.title},
            url=link(decision),
            description=_("Principle 6: what have we learned, and what do we change?"),
        )


def tasks_for(user: Any) -> Iterator[Task]:
    until = timezone.localdate() + REFLECTION_AHEAD
    for decision in reflections_for(user, until=until):
        yield Task(
            key=f"meetlat-reflection-{decision.pk}",
            what=_("Reflect on the decision (principle 6)"),
            reference="",
            title=decision.title,
            url=decision.get_absolute_url(),
            due_on=decision.reflection_due,
        )


def dashboard_context(user: Any) -> dict[str, Any] | None:
    """The reflections due within a month or overdue; no panel when there are none."""
    today = timezone.localdate()
    decisions = reflections_for(user, until=today + REFLECTION_AHEAD)
    if not decisions:
        return None
    return {
        "reflections": [{"decision": d, "overdue": d.reflection_due < today} for d in decisions]
    }
