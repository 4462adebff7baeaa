"""The Samen Sterk tasks on "Mijn taken" (burgerkracht.core.personal.worklist).

What waits on this person because of their place on the dossier:
- as facilitator or backup facilitator of the initiative: applications to check, interim
  evaluations and visits to hold, accountability sent in to check;
- as decision holder of the line: applications to decide, evaluations to decide on;
- as administrator: funds being prepared, or open with lines nobody may decide on.
One query per kind of task, whatever the number of tasks.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.enums import (
    ACCOUNTING_STATUSES,
    RUNNING_STATUSES,
    AccountabilityStatus,
    ApplicationStatus,
    ChangeStatus,
    EvaluationStatus,
)
from budget.models import Accountability, Application, BudgetChange, BudgetLine, Evaluation
from burgerkracht.accounts.roles import FACILITATOR_ROLES, OVERSEER_ROLES, Role
from burgerkracht.core.personal.worklist import Task
from initiatives.enums import LeadSuccession

# Residents hear within four weeks of sending in (budget.selectors.next_step); the check
# takes the first half of that, the decision the rest.
CHECK_WITHIN = timedelta(weeks=2)
DECIDE_WITHIN = timedelta(weeks=4)


def _facilitated(user: Any) -> Q:
    return Q(initiative__facilitator=user) | Q(initiative__backup_facilitator=user)


def _day(moment) -> Any:
    return timezone.localdate(moment) if moment else None


def tasks_for(user: Any) -> Iterator[Task]:
    if not (user.is_authenticated and user.is_municipal_staff):
        return
    fields = ("pk", "created_at", "submitted_at", "status", "initiative__title")
    if user.has_role(*FACILITATOR_ROLES):
        to_check = (
            Application.objects.filter(
                _facilitated(user),
                status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT),
            )
            .select_related("initiative")
            .only(*fields)
        )
        for application in to_check:
            due_on = _due(application.submitted_at, CHECK_WITHIN)
            yield _task("check", _("Check the application"), application, application, due_on)
        yield from _follow_up(user)
        yield from _without_lead(user)
    if user.has_role(Role.BUDGET_DECISION_HOLDER):
        held = BudgetLine.objects.filter(decision_holders=user).values("pk")
        to_decide = (
            Application.objects.filter(
                Q(decider=user) | Q(decider__isnull=True, line__in=held),
                status=ApplicationStatus.AWAITING_DECISION,
            )
            .select_related("initiative")
            .only(*fields)
        )
        for application in to_decide:
            due_on = _due(application.submitted_at, DECIDE_WITHIN)
            yield _task("decide", _("Decide on the application"), application, application, due_on)
        evaluations = Evaluation.objects.filter(
            application__line__in=held,
            status=EvaluationStatus.RECORDED,
            application__status__in=RUNNING_STATUSES,
        ).select_related("application__initiative")
        for evaluation in evaluations:
            what = _("Decide whether the grant continues")
            due_on = _due(evaluation.recorded_at, CHECK_WITHIN)
            yield _task("continue", what, evaluation.application, evaluation, due_on)
    if user.has_role(Role.ADMINISTRATOR):
        yield from _fund_set_up()
    if user.has_role(*OVERSEER_ROLES):
        yield from _changes_to_approve(user)


def _task(kind: str, what: str, application: Application, item: Any, due_on) -> Task:
    """A task about an application or one of its parts (item), named by its reference."""
    return Task(
        key=f"{kind}-{item.pk}",
        what=what,
        reference=application.reference,
        title=application.initiative.title,
        url=item.get_absolute_url(),
        due_on=due_on,
    )


def _due(submitted_at, within: timedelta):
    return _day(submitted_at) + within if submitted_at else None


def _follow_up(user: Any) -> Iterator[Task]:
    """The facilitator's part after the grant: evaluations, visits, accountability."""
    mine = Q(application__initiative__facilitator=user) | Q(
        application__initiative__backup_facilitator=user
    )
    evaluations = Evaluation.objects.filter(
        mine, status=EvaluationStatus.PLANNED, application__status__in=RUNNING_STATUSES
    ).select_related("application__initiative")
    for evaluation in evaluations:
        application = evaluation.application
        if evaluation.visit_on is not None:
            what = _("Visit for the interim evaluation")
            yield _task("visit", what, application, evaluation, evaluation.visit_on)
        what = _("Hold the interim evaluation")
        yield _task("evaluation", what, application, evaluation, evaluation.planned_on)
    accountabilities = Accountability.objects.filter(
        mine,
        status=AccountabilityStatus.SUBMITTED,
        application__status__in=ACCOUNTING_STATUSES,
    ).select_related("application__initiative")
    for accountability in accountabilities:
        application = accountability.application
        due_on = _due(accountability.submitted_at, CHECK_WITHIN) or accountability.due_on
        what = _("Check the accountability")
        yield _task("accountability", what, application, accountability, due_on)


def _without_lead(user: Any) -> Iterator[Task]:
    """Running grants whose lead initiator stopped and who have no new lead yet (SC-13)."""
    grants = (
        Application.objects.filter(_facilitated(user), status__in=RUNNING_STATUSES)
        .exclude(initiative__lead_succession=LeadSuccession.NONE)
        .select_related("initiative")
        .only("pk", "created_at", "initiative__title", "initiative__lead_succession")
    )
    for application in grants:
        what = _("Running grant without a lead initiator: make sure someone takes over")
        yield _task("grant-lead", what, application, application, None)


def _fund_set_up() -> Iterator[Task]:
    from budget.dashboard import funds_to_set_up

    for fund in funds_to_set_up():
        yield Task(
            key=f"fund-{fund.pk}",
            what=_("Finish the fund: give every line a decision holder"),
            reference="",
            title=fund.name,
            url=fund.get_absolute_url(),
            due_on=fund.starts_on,
        )


def _changes_to_approve(user: Any) -> Iterator[Task]:
    """Proposals during the open period that wait for a second person: not one's own."""
    waiting = (
        BudgetChange.objects.filter(status=ChangeStatus.PROPOSED)
        .exclude(proposed_by=user)
        .select_related("line")
        .order_by("proposed_at")
    )
    for change in waiting:
        yield Task(
            key=f"budget-change-{change.pk}",
            what=_("Approve or refuse: %(what)s") % {"what": change.get_kind_display()},
            reference="",
            title=change.line.name,
            url=change.get_absolute_url(),
            due_on=_day(change.proposed_at),
        )
