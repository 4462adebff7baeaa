"""Interim evaluations of a grant: planned from the agreed dates, a visit, the facilitator's
notes, the residents' own view, and the continuation decision that acts on the ledger.

"Vertel ook dat de (financiële) ondersteuning afhangt van die evaluatie" (BR-31) and
"minder mensen die meedoen dan minder middelen; eigen mogelijkheden groter dan minder stut en
steun van professionals. Maar ook andersom een extra duwtje in de rug" (BR-32). Stopping is a
normal end: "Accepteer … dat initiatieven kunnen mislukken."
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.enums import (
    EVALUATION_TRANSITIONS,
    RUNNING_STATUSES,
    AccountabilityStatus,
    ApplicationStatus,
    Continuation,
    EvaluationStatus,
)
from budget.models import Accountability, Application, Evaluation, SignObservation, Tranche
from budget.services.application import (
    audit,
    change_application_status,
    facilitator_users,
    initiator_users,
)
from budget.services.assessment import is_holder
from budget.services.ledger import (
    approve_award,
    euro,
    plan_tranche,
    reduce_award,
    release_tranche,
    withhold_tranche,
)
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.formatting import day
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.notifications import absolute_url, notify
from burgerkracht.meetlat import services as meetlat_services
from burgerkracht.meetlat.enums import DecisionKind
from burgerkracht.meetlat.services import missing_for_finalisation

# After a stop, the residents account for what they did within this many days.
ACCOUNTABILITY_AFTER_STOP = timedelta(days=42)
RECORD_STEPS = {
    1: ("meeting", "held_on", "present", "participants_now"),
    2: ("going_well", "hard", "own_capacity"),
}
CONTINUATION_FIELDS = ("outcome", "extra_amount", "reduce_by", "new_agreements")


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
    *, evaluation: Evaluation, to: str, by, reason: str = ""
) -> Evaluation:
    """Move an evaluation to `to`: lock, check the table, write, audit."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if to not in EVALUATION_TRANSITIONS.get(evaluation.status, frozenset()):
        raise InvalidTransition(current=evaluation.status, requested=to)
    previous, now = evaluation.status, timezone.now()
    evaluation.status = to
    if to == EvaluationStatus.RECORDED:
        evaluation.recorded_by, evaluation.recorded_at = by, now
    if to == EvaluationStatus.DECIDED:
        evaluation.decided_by, evaluation.decided_at = by, now
    evaluation.save()
    AuditEvent.record(
        subject=evaluation, actor=by, action="evaluation.status", reason=reason,
        data={"from": previous, "to": to},
    )  # fmt: skip
    return evaluation


# --- Planning ------------------------------------------------------------------------------


@transaction.atomic
def plan_follow_up(*, application: Application, by) -> None:
    """At the grant: one evaluation per agreed date, the accountability afterwards, and the
    payments, each planned after an evaluation waiting for that evaluation's decision."""
    evaluations = [
        Evaluation.objects.create(application=application, planned_on=date.fromisoformat(day))
        for day in sorted(set(application.evaluation_dates))
    ]
    Accountability.objects.create(application=application, due_on=application.accountability_due)
    for payment in application.payment_schedule:
        planned_on = date.fromisoformat(payment["date"])
        before = [e for e in evaluations if e.planned_on <= planned_on]
        plan_tranche(
            by=by, award=application.award, planned_on=planned_on,
            amount=Decimal(payment["amount"]), after_evaluation=before[-1] if before else None,
        )  # fmt: skip


@transaction.atomic
def sync_evaluation_dates(*, application: Application, by, reason: str) -> None:
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
def plan_visit(*, evaluation: Evaluation, by, visit_on: date, visitors) -> Evaluation:
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
    *, evaluation: Evaluation, by, step: int, data: dict[str, Any]
) -> Evaluation:
    """Save one step of the facilitator's notes; nothing typed is lost between steps."""
    evaluation = _locked(evaluation, EvaluationStatus.PLANNED)
    if step == 3:
        signs = {s.pk: s for s in evaluation.application.signs.all()}
        for sign_pk, seen in data.items():
            if int(sign_pk) not in signs:
                raise ValueError(f"not a sign of this application: {sign_pk}")
            SignObservation.objects.filter(evaluation=evaluation, sign_id=sign_pk).delete()
            if seen.strip():
                SignObservation.objects.create(
                    evaluation=evaluation, sign_id=sign_pk, seen=seen.strip()
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
    return missing


@transaction.atomic
def complete_evaluation_record(*, evaluation: Evaluation, by) -> Evaluation:
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
            % {"amount": euro(application.award.amount), "line": application.line},
            legal_accountability=application.legal_check
            or _("The agreements of the grant letter apply."),
            resident_input_who=evaluation.present,
            resident_input_how=evaluation.resident_view or _("The residents were at the visit."),
            department=application.line.name,
        )  # fmt: skip
        evaluation.save(update_fields=["decision", "updated_at"])
    evaluation = change_evaluation_status(
        evaluation=evaluation, to=EvaluationStatus.RECORDED, by=by
    )
    notify(
        recipients=[*application.line.decision_holders.filter(is_active=True),
                    *initiator_users(application)],
        template="budget/evaluation_recorded",
        context={"evaluation": evaluation, "application": application, "link": _link(evaluation)},
        preference="status",
    )  # fmt: skip
    return evaluation


@transaction.atomic
def save_resident_view(*, evaluation: Evaluation, by, text: str) -> Evaluation:
    """The residents' own words on how it goes, until the decision is made."""
    evaluation = _locked(evaluation, EvaluationStatus.PLANNED, EvaluationStatus.RECORDED)
    evaluation.resident_view, evaluation.resident_view_by = text.strip(), by
    evaluation.save(update_fields=["resident_view", "resident_view_by", "updated_at"])
    AuditEvent.record(subject=evaluation, actor=by, action="evaluation.resident_view")
    if evaluation.decision_id and text.strip():
        meetlat_services.update_decision(
            decision=evaluation.decision, by=by, resident_input_how=text.strip()
        )
    return evaluation


@transaction.atomic
def reopen_evaluation(*, evaluation: Evaluation, by, reason: str) -> Evaluation:
    """The decision holder needs more before deciding: back to the facilitator."""
    if not reason.strip():
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


# --- The continuation decision -------------------------------------------------------------


@transaction.atomic
def save_continuation(*, evaluation: Evaluation, by, reasons: str, **fields: Any) -> Evaluation:
    """The decision holder's draft: nothing changes and nobody is told yet."""
    unknown = set(fields) - set(CONTINUATION_FIELDS)
    if unknown:
        raise ValueError(f"not continuation fields: {sorted(unknown)}")
    evaluation = _locked(evaluation, EvaluationStatus.RECORDED)
    if not is_holder(by, evaluation.application):
        raise DomainError(_("Only a decision holder of this line can decide."))
    for name, value in fields.items():
        setattr(evaluation, name, value)
    evaluation.full_clean(exclude=["application"])
    evaluation.save()
    meetlat_services.update_decision(
        decision=evaluation.decision, by=by, reasons=reasons, outcome=continuation_text(evaluation)
    )
    AuditEvent.record(
        subject=evaluation, actor=by, action="evaluation.draft_saved",
        data={"fields": sorted(fields)},
    )  # fmt: skip
    return evaluation


def continuation_text(evaluation: Evaluation) -> str:
    if not evaluation.outcome:
        return ""
    label = str(Continuation(evaluation.outcome).label)
    if evaluation.outcome == Continuation.EXTRA_PUSH and evaluation.extra_amount:
        return f"{label}: + {euro(evaluation.extra_amount)}"
    if evaluation.outcome == Continuation.FEWER_MEANS and evaluation.reduce_by:
        return f"{label}: - {euro(evaluation.reduce_by)}"
    return label


def _open_tranche_amount(application: Application) -> Decimal:
    return sum(
        (t.amount for t in application.award.tranches.filter(paid_on__isnull=True,
                                                            withheld_at__isnull=True)),
        Decimal(0),
    )  # fmt: skip


def continuation_missing(evaluation: Evaluation) -> list[str]:
    e, missing = evaluation, []
    if not e.outcome:
        return [_("the outcome")]
    if e.decision is None or not e.decision.reasons.strip():
        missing.append(_("the reasons"))
    if e.outcome == Continuation.EXTRA_PUSH and not (e.extra_amount or e.new_agreements.strip()):
        missing.append(_("the extra money, or the extra support in the new agreements"))
    if e.outcome == Continuation.FEWER_MEANS:
        open_amount = _open_tranche_amount(e.application)
        if not e.reduce_by or e.reduce_by <= 0:
            missing.append(_("how much less money"))
        elif e.reduce_by > open_amount or e.reduce_by >= e.application.award.amount:
            missing.append(
                _("less money than what is not paid yet (%(open)s)") % {"open": euro(open_amount)}
            )
    needs_agreements = (Continuation.ADJUST, Continuation.LESS_SUPPORT)
    if e.outcome in needs_agreements and not e.new_agreements.strip():
        missing.append(_("the new agreements"))
    return missing


@transaction.atomic
def decide_continuation(*, evaluation: Evaluation, by, reason: str = "") -> Evaluation:
    """Make the continuation decision final and act on it.

    Side effects, by outcome: the tranches that waited for this evaluation are released
    (every outcome but stop); an extra push with money is a new award on the same line,
    paid at once, within the line's balance; fewer means takes money off the tranches not yet
    paid and gives it back to the line; stop withholds every unpaid tranche, cancels the
    evaluations still planned, stops the grant and brings the accountability forward. The
    residents are told in writing, with the reasons.
    """
    evaluation = _locked(evaluation, EvaluationStatus.RECORDED)
    application = evaluation.application
    if not is_holder(by, application):
        raise DomainError(_("Only a decision holder of this line can decide."))
    missing = continuation_missing(evaluation) + missing_for_finalisation(evaluation.decision)
    missing = list(dict.fromkeys(missing))
    if missing:
        raise DomainError(
            _("The decision is not complete yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    meetlat_services.update_decision(
        decision=evaluation.decision, by=by, decided_by=str(by), decided_on=timezone.localdate()
    )
    meetlat_services.finalise_decision(decision=evaluation.decision, by=by, reason=reason)
    _act_on_ledger(evaluation, application, by)
    evaluation = change_evaluation_status(
        evaluation=evaluation, to=EvaluationStatus.DECIDED, by=by, reason=reason
    )
    audit(application, by, "application.continuation", outcome=evaluation.outcome)
    notify(
        recipients=[*initiator_users(application), *facilitator_users(application)],
        template="budget/continuation_decided",
        context={"evaluation": evaluation, "application": evaluation.application,
                 "decision": evaluation.decision,
                 "link": _link(evaluation)},
        preference="status",
    )  # fmt: skip
    return evaluation


def _act_on_ledger(evaluation: Evaluation, application: Application, by) -> None:
    outcome, award = evaluation.outcome, application.award
    why = _("Evaluation of %(date)s") % {"date": day(evaluation.planned_on)}
    if outcome == Continuation.STOP:
        _stop(evaluation, application, by, why)
        return
    if outcome == Continuation.FEWER_MEANS:
        reduce_award(by=by, award=award, amount=evaluation.reduce_by, reason=why)
    for tranche in evaluation.tranches.filter(released_at__isnull=True, withheld_at__isnull=True):
        release_tranche(by=by, tranche=tranche)
    if outcome == Continuation.EXTRA_PUSH and evaluation.extra_amount:
        extra = approve_award(
            by=by, line=application.line, amount=evaluation.extra_amount,
            description=(_("Extra push: %(title)s") % {"title": application.initiative})[:250],
            initiative=application.initiative,
        )  # fmt: skip
        plan_tranche(
            by=by, award=extra, planned_on=timezone.localdate(), amount=evaluation.extra_amount
        )
        evaluation.extra_award = extra
        evaluation.save(update_fields=["extra_award", "updated_at"])


def _stop(evaluation: Evaluation, application: Application, by, why: str) -> None:
    for tranche in Tranche.objects.filter(
        award__in=awards_of(application), paid_on__isnull=True, withheld_at__isnull=True
    ):
        withhold_tranche(by=by, tranche=tranche, reason=why)
    for other in application.evaluations.filter(status=EvaluationStatus.PLANNED):
        change_evaluation_status(evaluation=other, to=EvaluationStatus.CANCELLED, by=by, reason=why)
    change_application_status(
        application=application, to=ApplicationStatus.STOPPED, by=by, reason=why
    )
    soon = timezone.localdate() + ACCOUNTABILITY_AFTER_STOP
    Accountability.objects.filter(
        application=application, status=AccountabilityStatus.OPEN, due_on__gt=soon
    ).update(due_on=soon, updated_at=timezone.now())


def awards_of(application: Application) -> list:
    """The grant's award and every extra push on top of it."""
    extra = [e.extra_award for e in application.evaluations.exclude(extra_award=None)
             .select_related("extra_award")]  # fmt: skip
    return [application.award, *extra] if application.award_id else extra
