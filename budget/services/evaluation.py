"""Interim evaluations of a grant: planned from the agreed dates, a visit, the facilitator's
notes and the residents' own view; the continuation decision is services.continuation.

"Vertel ook dat de (financiële) ondersteuning afhangt van die evaluatie" (BR-31) and
"minder mensen die meedoen dan minder middelen; eigen mogelijkheden groter dan minder stut en
steun van professionals. Maar ook andersom een extra duwtje in de rug" (BR-32). Stopping is a
normal end: "Accepteer … dat initiatieven kunnen mislukken."
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.enums import (
    EVALUATION_TRANSITIONS,
    RUNNING_STATUSES,
    AccountabilityStatus,
    EvaluationStatus,
)
from budget.models import Accountability, Application, Evaluation, SignObservation
from budget.services.application import (
    facilitator_users,
    initiator_users,
    is_holder,
)
from budget.services.ledger import (
    euro,
    plan_tranche,
)
from budget.services.partners import partners_missing
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.required import required
from burgerkracht.core.transitions import transition
from burgerkracht.core.ui.formatting import day
from burgerkracht.core.validation.reasons import is_reason
from burgerkracht.meetlat import services as meetlat_services
from burgerkracht.meetlat.enums import DecisionKind

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User

# After a stop, the residents account for what they did within this many days.
ACCOUNTABILITY_AFTER_STOP = timedelta(days=42)
RECORD_STEPS = {
    1: ("meeting", "held_on", "present", "participants_now"),
    2: ("going_well", "hard", "own_capacity"),
}


def _link(evaluation: Evaluation) -> str:
    return absolute_url(evaluation.get_absolute_url())


def _locked(evaluation: Evaluation, *statuses: str) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("application__line", "application__initiative", "application__award")
        .get(pk=evaluation.pk)
    )
    if statuses and evaluation.status not in statuses:
        raise DomainError(_("This cannot be done with the evaluation as it is now."))
    if evaluation.application.status not in RUNNING_STATUSES:
        raise DomainError(_("This grant is no longer running."))
    return evaluation


@transaction.atomic
def change_evaluation_status(
    *, evaluation: Evaluation, to: str, by: User, reason: str = ""
) -> Evaluation:
    """Move an evaluation to `to`: lock, check the table, write, audit."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    now = timezone.now()
    stamps = {}
    if to == EvaluationStatus.RECORDED:
        stamps = {"recorded_by": by, "recorded_at": now}
    if to == EvaluationStatus.DECIDED:
        stamps = {"decided_by": by, "decided_at": now}
    return transition(
        evaluation, to, table=EVALUATION_TRANSITIONS, by=by, reason=reason, stamps=stamps
    )


# --- Planning ------------------------------------------------------------------------------


@transaction.atomic
def plan_follow_up(*, application: Application, by: User) -> None:
    """At the grant: one evaluation per agreed date, the accountability afterwards, and the
    payments, each planned after an evaluation waiting for that evaluation's decision."""
    evaluations = [
        Evaluation.objects.create(application=application, planned_on=date.fromisoformat(day))
        for day in sorted(set(application.evaluation_dates))
    ]
    Accountability.objects.create(
        application=application, due_on=required(application.accountability_due)
    )
    for payment in application.payment_schedule:
        planned_on = date.fromisoformat(payment["date"])
        before = [e for e in evaluations if e.planned_on <= planned_on]
        plan_tranche(
            by=by, award=required(application.award), planned_on=planned_on,
            amount=Decimal(payment["amount"]), after_evaluation=before[-1] if before else None,
        )  # fmt: skip


@transaction.atomic
def sync_evaluation_dates(*, application: Application, by: User, reason: str) -> None:
    """After the agreements changed: planned evaluations follow the new dates (an evaluation
    already written down or decided stays); the accountability follows its new date."""
    wanted = {date.fromisoformat(day) for day in application.evaluation_dates}
    kept = set()
    for evaluation in application.evaluations.select_for_update().filter(
        status=EvaluationStatus.PLANNED
    ):
        if evaluation.planned_on in wanted:
            kept.add(evaluation.planned_on)
        elif not evaluation.tranches.exists():
            change_evaluation_status(
                evaluation=evaluation, to=EvaluationStatus.CANCELLED, by=by, reason=reason
            )
        else:
            kept.add(evaluation.planned_on)  # a tranche waits for it: it stays
    done = set(
        application.evaluations.exclude(status=EvaluationStatus.PLANNED).values_list(
            "planned_on", flat=True
        )
    )
    for planned_on in sorted(wanted - kept - done):
        Evaluation.objects.create(application=application, planned_on=planned_on)
    Accountability.objects.filter(application=application, status=AccountabilityStatus.OPEN).update(
        due_on=application.accountability_due, updated_at=timezone.now()
    )


@transaction.atomic
def plan_visit(
    *, evaluation: Evaluation, by: User, visit_on: date, visitors: Iterable[User]
) -> Evaluation:
    evaluation = _locked(evaluation, EvaluationStatus.PLANNED)
    visitors = list(visitors)
    if not visitors:
        raise DomainError(_("Say who goes on the visit."))
    evaluation.visit_on = visit_on
    evaluation.save(update_fields=["visit_on", "updated_at"])
    evaluation.visitors.set(visitors)
    AuditEvent.record(
        subject=evaluation, actor=by, action="evaluation.visit_planned",
        data={"visit_on": str(visit_on), "visitors": [v.pk for v in visitors]},
    )  # fmt: skip
    notify(
        recipients=initiator_users(evaluation.application),
        template="budget/visit_planned",
        context={"evaluation": evaluation, "application": evaluation.application,
                 "link": _link(evaluation), "visitors": visitors},
        preference="status",
    )  # fmt: skip
    return evaluation


# --- What the facilitator writes down, and the residents' view ------------------------------


@transaction.atomic
def save_evaluation_record(
    *, evaluation: Evaluation, by: User, step: int, data: dict[str, Any]
) -> Evaluation:
    """Save one step of the facilitator's notes; nothing typed is lost between steps."""
    evaluation = _locked(evaluation, EvaluationStatus.PLANNED)
    if step == 3:
        signs = {s.pk: s for s in evaluation.application.signs.all()}
        for sign_pk, seen in data.items():
            if int(sign_pk) not in signs:
                raise ValueError(f"not a sign of this application: {sign_pk}")
            SignObservation.objects.filter(evaluation=evaluation, sign_id=int(sign_pk)).delete()
            if seen.strip():
                SignObservation.objects.create(
                    evaluation=evaluation, sign_id=int(sign_pk), seen=seen.strip()
                )
    else:
        unknown = set(data) - set(RECORD_STEPS[step])
        if unknown:
            raise ValueError(f"not fields of step {step}: {sorted(unknown)}")
        for name, value in data.items():
            setattr(evaluation, name, value)
        evaluation.full_clean(exclude=["application"])
        evaluation.save()
    AuditEvent.record(subject=evaluation, actor=by, action="evaluation.saved", data={"step": step})
    return evaluation


def record_missing(evaluation: Evaluation) -> list[str]:
    e, missing = evaluation, []
    if not e.meeting or not e.held_on:
        missing.append(_("how and when you met"))
    if not e.present.strip():
        missing.append(_("who was there"))
    if e.participants_now is None:
        missing.append(_("how many people take part now"))
    if not e.going_well.strip() or not e.hard.strip():
        missing.append(_("what goes well and what is hard"))
    if not e.own_capacity:
        missing.append(_("what the residents can do themselves"))
    seen = {o.sign_id for o in e.observations.all()}
    if any(sign.pk not in seen for sign in e.application.signs.all()):
        missing.append(_("for every sign, what was seen of it"))
    if partners_missing(e):
        missing.append(_("for every partner's contribution, whether it was delivered"))
    return missing


@transaction.atomic
def complete_evaluation_record(*, evaluation: Evaluation, by: User) -> Evaluation:
    """The notes are complete: the decision holders can decide how it continues. The
    decision record starts here."""
    evaluation = _locked(evaluation, EvaluationStatus.PLANNED)
    missing = record_missing(evaluation)
    if missing:
        raise DomainError(
            _("The notes are not complete yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    application = evaluation.application
    if evaluation.decision_id is None:
        evaluation.decision = meetlat_services.create_decision(
            subject=evaluation, kind=DecisionKind.CONTINUATION, by=by,
            title=_("Continuation after the evaluation of %(date)s: %(title)s")
            % {"date": day(evaluation.planned_on), "title": application.initiative},
            financial_accountability=_("Awarded %(amount)s on %(line)s.")
            % {"amount": euro(required(application.award).amount), "line": application.line},
            legal_accountability=application.legal_check
            or _("The agreements of the grant letter apply."),
            resident_input_who=evaluation.present,
            resident_input_how=evaluation.resident_view or _("The residents were at the visit."),
            department=required(application.line).name,
        )  # fmt: skip
        evaluation.save(update_fields=["decision", "updated_at"])
    evaluation = change_evaluation_status(
        evaluation=evaluation, to=EvaluationStatus.RECORDED, by=by
    )
    notify(
        recipients=[*required(application.line).decision_holders.filter(is_active=True),
                    *initiator_users(application)],
        template="budget/evaluation_recorded",
        context={"evaluation": evaluation, "application": application, "link": _link(evaluation)},
        preference="status",
    )  # fmt: skip
    return evaluation


@transaction.atomic
def save_resident_view(*, evaluation: Evaluation, by: User, text: str) -> Evaluation:
    """The residents' own words on how it goes, until the decision is made."""
    evaluation = _locked(evaluation, EvaluationStatus.PLANNED, EvaluationStatus.RECORDED)
    evaluation.resident_view, evaluation.resident_view_by = text.strip(), by
    evaluation.save(update_fields=["resident_view", "resident_view_by", "updated_at"])
    AuditEvent.record(subject=evaluation, actor=by, action="evaluation.resident_view")
    if evaluation.decision_id and text.strip():
        meetlat_services.update_decision(
            decision=required(evaluation.decision), by=by, resident_input_how=text.strip()
        )
    return evaluation


@transaction.atomic
def reopen_evaluation(*, evaluation: Evaluation, by: User, reason: str) -> Evaluation:
    """The decision holder needs more before deciding: back to the facilitator."""
    if not is_reason(reason):
        raise DomainError(_("Say what is still needed."))
    evaluation = _locked(evaluation, EvaluationStatus.RECORDED)
    if not is_holder(by, evaluation.application):
        raise DomainError(_("Only a decision holder of this line can decide."))
    evaluation = change_evaluation_status(
        evaluation=evaluation, to=EvaluationStatus.PLANNED, by=by, reason=reason
    )
    notify(
        recipients=facilitator_users(evaluation.application),
        template="budget/evaluation_reopened",
        context={"evaluation": evaluation, "application": evaluation.application,
                 "reason": reason, "link": _link(evaluation)},
    )  # fmt: skip
    return evaluation


def awards_of(application: Application) -> list:
    """The grant's award and every extra push on top of it."""
    extra = [e.extra_award for e in application.evaluations.exclude(extra_award=None)
             .select_related("extra_award")]  # fmt: skip
    return [application.award, *extra] if application.award_id else extra
