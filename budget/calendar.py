"""The Samen Sterk dates in a person's agenda feed (burgerkracht.core.personal.calendar): planned
interim evaluations, their visits and the accountability still to send in, for everyone
involved — initiators, the facilitator and the backup facilitator, and the visitors. The
decision holder who decides the application (its decider; while it has none, the holders of
its line) gets the evaluation, after which they decide on the continuation, and the
accountability, which settles the grant of their line; the visit is not theirs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext as _

from budget.enums import ACCOUNTING_STATUSES, RUNNING_STATUSES, EvaluationStatus
from budget.models import Accountability, BudgetLine, Evaluation
from budget.reminders import OPEN_ACCOUNTABILITY
from burgerkracht.accounts.roles import Role
from burgerkracht.core.messaging.reminders import link
from burgerkracht.core.personal.calendar import Event
from initiatives.models import Initiator


def _involved(user: Any) -> Q:
    mine = Initiator.objects.active().filter(user=user).values("initiative")
    return (
        Q(application__initiative__facilitator=user)
        | Q(application__initiative__backup_facilitator=user)
        | Q(application__initiative__in=mine)
    )


def _deciding(user: Any) -> Q:
    """The applications `user` decides on (see budget.permissions.is_decider)."""
    if not user.has_role(Role.BUDGET_DECISION_HOLDER):
        return Q(pk__in=[])
    holding = BudgetLine.decision_holders.through.objects.filter(
        budgetline=OuterRef("application__line"), user=user
    )
    return Q(application__decider=user) | Q(application__decider__isnull=True) & Q(Exists(holding))


def events_for(user: Any) -> Iterator[Event]:
    visiting = Evaluation.visitors.through.objects.filter(evaluation=OuterRef("pk"), user=user)
    sees_visit = _involved(user) | Q(Exists(visiting))
    evaluations = (
        Evaluation.objects.filter(
            sees_visit | _deciding(user),
            status=EvaluationStatus.PLANNED,
            application__status__in=RUNNING_STATUSES,
        )
        .annotate(sees_visit=ExpressionWrapper(sees_visit, output_field=BooleanField()))
        .select_related("application__initiative")
        .order_by("planned_on", "pk")
    )
    for evaluation in evaluations:
        title = evaluation.application.initiative.title
        url = link(evaluation, evaluation.application)
        yield Event(
            key=f"evaluation-{evaluation.pk}",
            on=evaluation.planned_on,
            summary=_("Interim evaluation: %(title)s") % {"title": title},
            url=url,
        )
        if evaluation.visit_on is not None and evaluation.sees_visit:
            yield Event(
                key=f"visit-{evaluation.pk}",
                on=evaluation.visit_on,
                summary=_("Visit for the interim evaluation: %(title)s") % {"title": title},
                url=url,
            )
    accountabilities = (
        Accountability.objects.filter(
            _involved(user) | _deciding(user),
            status__in=OPEN_ACCOUNTABILITY,
            application__status__in=ACCOUNTING_STATUSES,
        )
        .select_related("application__initiative")
        .order_by("due_on", "pk")
    )
    for accountability in accountabilities:
        yield Event(
            key=f"accountability-{accountability.pk}",
            on=accountability.due_on,
            summary=_("Send in the accountability: %(title)s")
            % {"title": accountability.application.initiative.title},
            url=link(accountability, accountability.application),
        )
