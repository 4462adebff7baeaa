"""Escalation of a support request that waits too long (WF-6 step 3, PP-07, SC-08), through
the one reminder sweep (burgerkracht.core.messaging.reminders): SUPPORT_ESCALATION_DAYS after
it was asked (default 42), still without an answer, the initiative's current jager and the
facilitator coordinators get one e-mail each (caught up for REMINDER_CATCH_UP_DAYS when a
sweep missed the day). The sweep writes one row per (request, kind, recipient, date), so a
second sweep sends nothing. It is on "Mijn taken" and the dashboard of the same people, for
as long as the request waits."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts.roles import Role
from burgerkracht.core.messaging.reminders import Candidate, Milestone, ReminderSource, link
from burgerkracht.core.personal.worklist import Task
from initiatives import support_rules as rules
from initiatives.support_enums import WAITING
from initiatives.support_models import JagerAppointment, SupportRequest, escalation_days
from initiatives.support_selectors import overdue_requests

SUPPORT_OVERDUE = "support_overdue"


def _coordinator_ids() -> set[int]:
    users = get_user_model().objects.filter(groups__name=Role.FACILITATOR_COORDINATOR)
    return set(users.filter(is_active=True).values_list("pk", flat=True))


class SupportEscalations(ReminderSource):
    model = SupportRequest
    kinds = (SUPPORT_OVERDUE,)

    def milestone(self) -> Milestone:
        days = escalation_days()
        return Milestone(SUPPORT_OVERDUE, days, days + settings.REMINDER_CATCH_UP_DAYS)

    def candidates(self, today: date) -> Iterable[Candidate]:
        milestone = self.milestone()
        rows = list(
            SupportRequest.objects.filter(
                status__in=WAITING, **milestone.lookup("asked_at__date", today)
            ).values_list("pk", "initiative_id", "asked_at")
        )
        if not rows:
            return
        coordinators = _coordinator_ids()
        jagers = dict(
            JagerAppointment.objects.filter(
                ended_at__isnull=True, initiative__in={r[1] for r in rows}
            ).values_list("initiative_id", "jager_id")
        )
        for pk, initiative_id, asked_at in rows:
            jager = jagers.get(initiative_id)
            people = frozenset(coordinators | ({jager} if jager else set()))
            if people:
                yield Candidate(pk, SUPPORT_OVERDUE, milestone.due_on(timezone.localdate(asked_at)),
                                people)  # fmt: skip

    def get(self, object_id: int) -> Any | None:
        return (
            SupportRequest.objects.select_related("initiative", "holder_organisation")
            .filter(pk=object_id)
            .first()
        )

    def is_relevant(self, item: Any, kind: str, due_on: date, today: date) -> bool:
        asked = timezone.localdate(item.asked_at)
        milestone = self.milestone()
        return (
            item.is_waiting
            and milestone.due_on(asked) == due_on
            and milestone.is_open(asked, today)
        )

    def is_recipient(self, item: Any, kind: str, user: Any) -> bool:
        return rules.is_coordinator(user) or rules.is_jager(user, item.initiative)

    def message(
        self, item: Any, kind: str, due_on: date, today: date, recipient: Any
    ) -> tuple[str, dict]:
        return f"reminders/{kind}", {
            "request": item,
            "initiative": item.initiative,
            "days": item.days_open(),
            "link": link(item),
        }


SOURCES = [SupportEscalations()]


def _overdue_for(user: Any) -> list[SupportRequest]:
    """The overdue requests `user` must chase: all for a coordinator, their own as jager."""
    if not rules.can_use_jager_list(user):  # only facilitators and coordinators: no query
        return []
    requests = overdue_requests().select_related("holder_organisation").order_by("asked_at")
    if rules.is_coordinator(user):
        return list(requests)
    return list(requests.filter(rules.jager_q(user, prefix="initiative__")))


def tasks_for(user: Any) -> Iterator[Task]:
    """ "Mijn taken": chase each request that waits too long."""
    for request in _overdue_for(user):
        yield Task(
            key=f"support-{request.pk}",
            what=_("A support request waits too long: chase the answer"),
            reference=request.initiative.reference,
            title=request.question[:80],
            url=request.get_absolute_url(),
            due_on=timezone.localdate(request.asked_at) + timedelta(days=escalation_days()),
        )


def dashboard_context(user: Any) -> dict[str, Any] | None:
    """The dashboard panel: the overdue requests; no panel when there are none."""
    requests = _overdue_for(user)
    return {"overdue_requests": requests} if requests else None
