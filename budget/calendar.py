"""The Samen Sterk dates in a person's agenda feed (burgerkracht.core.calendar): planned
interim evaluations, their visits and the accountability still to send in, for everyone
involved — initiators, the facilitator and the backup facilitator, and the visitors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from budget.enums import ACCOUNTING_STATUSES, RUNNING_STATUSES, EvaluationStatus
from budget.models import Accountability, Evaluation
from budget.reminders import OPEN_ACCOUNTABILITY
from burgerkracht.core.calendar import Event
from burgerkracht.core.reminders import link
from initiatives.models import Initiator


def _involved(user: Any) -> Q:
    mine = Initiator.objects.active().filter(user=user).values("initiative")
    return (
        Q(application__initiative__facilitator=user)
        | Q(application__initiative__backup_facilitator=user)
        | Q(application__initiative__in=mine)
    )


def events_for(user: Any) -> Iterator[Event]:
    visiting = Evaluation.visitors.through.objects.filter(evaluation=OuterRef("pk"), user=user)
    evaluations = (
        Evaluation.objects.filter(
            _involved(user) | Q(Exists(visiting)),
            status=EvaluationStatus.PLANNED,
            application__status__in=RUNNING_STATUSES,
        )
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
        if evaluation.visit_on is not None:
            yield Event(
                key=f"visit-{evaluation.pk}",
                on=evaluation.visit_on,
                summary=_("Visit for the interim evaluation: %(title)s") % {"title": title},
                url=url,
            )
    accountabilities = (
        Accountability.objects.filter(
            _involved(user),
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
