"""The continuation decision after an interim evaluation, and what it does to the money.

"minder mensen die meedoen dan minder middelen; eigen mogelijkheden groter dan minder stut en
steun van professionals. Maar ook andersom een extra duwtje in de rug" (BR-32). Every outcome
that changes the money or the agreements is an amended award letter (SC-14); continuing as
agreed changes nothing and sends none.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.enums import (
    AccountabilityStatus,
    ApplicationStatus,
    Continuation,
    EvaluationStatus,
    LetterKind,
)
from budget.models import ZERO, Accountability, Application, CostLine, Evaluation, Tranche
from budget.services.application import (
    audit,
    change_application_status,
    facilitator_users,
    initiator_users,
    is_holder,
)
from budget.services.assessment import _new_letter
from budget.services.evaluation import (
    ACCOUNTABILITY_AFTER_STOP,
    _link,
    _locked,
    awards_of,
    change_evaluation_status,
)
from budget.services.ledger import (
    approve_award,
    euro,
    plan_tranche,
    reduce_award,
    release_tranche,
    withhold_tranche,
)
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.required import required
from burgerkracht.core.ui.formatting import day
from burgerkracht.core.validation.reasons import is_reason
from burgerkracht.meetlat import services as meetlat_services
from burgerkracht.meetlat.services import missing_for_finalisation

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User

CONTINUATION_FIELDS = ("outcome", "extra_amount", "reduce_by", "cost_line", "new_agreements")
# The outcomes that take money off the grant, by `reduce_by`.
REDUCING = (Continuation.FEWER_MEANS, Continuation.LESS_SUPPORT)


@transaction.atomic
def save_continuation(
    *, evaluation: Evaluation, by: User, reasons: str, **fields: Any
) -> Evaluation:
    """The decision holder's draft: nothing changes and nobody is told yet."""
    unknown = set(fields) - set(CONTINUATION_FIELDS)
    if unknown:
        raise ValueError(f"not continuation fields: {sorted(unknown)}")
    evaluation = _locked(evaluation, EvaluationStatus.RECORDED)
    if not is_holder(by, evaluation.application):
        raise DomainError(_("Only a decision holder of this line can decide."))
    cost_line = fields.get("cost_line")
    if cost_line is not None and cost_line.application_id != evaluation.application_id:
        raise DomainError(_("Choose a cost line of this application."))
    for name, value in fields.items():
        setattr(evaluation, name, value)
    evaluation.full_clean(exclude=["application"])
    evaluation.save()
    meetlat_services.update_decision(
        decision=required(evaluation.decision), by=by, reasons=reasons,
        outcome=continuation_text(evaluation),
    )  # fmt: skip
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
    if evaluation.outcome in REDUCING and evaluation.reduce_by:
        return f"{label}: - {euro(evaluation.reduce_by)}"
    return label


def open_tranche_amount(application: Application) -> Decimal:
    """What of the grant's own award is not paid (nor withheld) yet: at most this comes off."""
    return sum(
        (t.amount for t in required(application.award).tranches.filter(
            paid_on__isnull=True, withheld_at__isnull=True)),
        Decimal(0),
    )  # fmt: skip


def continuation_missing(evaluation: Evaluation) -> list[str]:
    e, missing = evaluation, []
    if not e.outcome:
        return [_("the outcome")]
    if e.decision is None or not is_reason(e.decision.reasons):
        missing.append(_("the reasons"))
    if e.outcome == Continuation.EXTRA_PUSH and not (e.extra_amount or e.new_agreements.strip()):
        missing.append(_("the extra money, or the extra support in the new agreements"))
    if e.outcome == Continuation.LESS_SUPPORT and e.cost_line is None:
        missing.append(_("which cost line is the professional support"))
    if e.outcome in REDUCING:
        open_amount = open_tranche_amount(e.application)
        if not e.reduce_by or e.reduce_by <= 0:
            missing.append(_("how much less money"))
        elif e.reduce_by > open_amount or e.reduce_by >= required(e.application.award).amount:
            missing.append(
                _("less money than what is not paid yet (%(open)s)") % {"open": euro(open_amount)}
            )
        elif e.cost_line is not None and e.reduce_by > e.cost_line.amount:
            missing.append(
                _("at most the cost line (%(amount)s)") % {"amount": euro(e.cost_line.amount)}
            )
    needs_agreements = (Continuation.ADJUST, Continuation.LESS_SUPPORT)
    if e.outcome in needs_agreements and not e.new_agreements.strip():
        missing.append(_("the new agreements"))
    return missing


@transaction.atomic
def decide_continuation(*, evaluation: Evaluation, by: User, reason: str = "") -> Evaluation:
    """Make the continuation decision final and act on it.

    Side effects, by outcome: the tranches that waited for this evaluation are released
    (every outcome but stop); an extra push with money is a new award on the same line,
    paid at once, within the line's balance; fewer means takes money off the tranches not yet
    paid and gives it back to the line; less professional support does the same and lowers
    the chosen cost line by as much; stop withholds every unpaid tranche, cancels the
    evaluations still planned, stops the grant and brings the accountability forward. Every
    outcome but continue is an amended award letter. The residents are told in writing, with
    the reasons.
    """
    evaluation = _locked(evaluation, EvaluationStatus.RECORDED)
    application = evaluation.application
    if not is_holder(by, application):
        raise DomainError(_("Only a decision holder of this line can decide."))
    missing = continuation_missing(evaluation)
    missing += missing_for_finalisation(required(evaluation.decision))
    missing = list(dict.fromkeys(missing))
    if missing:
        raise DomainError(
            _("The decision is not complete yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    meetlat_services.update_decision(
        decision=required(evaluation.decision), by=by, decided_by=str(by),
        decided_on=timezone.localdate(),
    )  # fmt: skip
    meetlat_services.finalise_decision(decision=required(evaluation.decision), by=by, reason=reason)
    _act_on_ledger(evaluation, application, by)
    evaluation = change_evaluation_status(
        evaluation=evaluation, to=EvaluationStatus.DECIDED, by=by, reason=reason
    )
    audit(application, by, "application.continuation", outcome=evaluation.outcome)
    letter = None
    if evaluation.outcome != Continuation.CONTINUE:
        letter = _new_letter(
            application, by, LetterKind.AMENDMENT, reason=required(evaluation.decision).reasons,
            evaluation=evaluation,
        )  # fmt: skip
    notify(
        recipients=[*initiator_users(application), *facilitator_users(application)],
        template="budget/continuation_decided",
        context={"evaluation": evaluation, "application": evaluation.application,
                 "decision": evaluation.decision, "link": _link(evaluation),
                 "letter": letter, "letters_link": absolute_url(application.get_absolute_url())},
        preference="status",
    )  # fmt: skip
    return evaluation


def _act_on_ledger(evaluation: Evaluation, application: Application, by: User) -> None:
    outcome, award = evaluation.outcome, application.award
    why = _("Evaluation of %(date)s") % {"date": day(evaluation.planned_on)}
    if outcome == Continuation.STOP:
        _stop(evaluation, application, by, why)
        return
    if outcome == Continuation.FEWER_MEANS:
        reduce_award(by=by, award=required(award), amount=evaluation.reduce_by, reason=why)
    if outcome == Continuation.LESS_SUPPORT:
        cost_line = required(evaluation.cost_line)
        evaluation.cost_line_was = cost_line.amount
        evaluation.save(update_fields=["cost_line_was", "updated_at"])
        reduce_professional_support(
            by=by, application=application, cost_line=cost_line,
            amount=evaluation.reduce_by, reason=why,
        )  # fmt: skip
    for tranche in evaluation.tranches.filter(released_at__isnull=True, withheld_at__isnull=True):
        release_tranche(by=by, tranche=tranche)
    if outcome == Continuation.EXTRA_PUSH and evaluation.extra_amount:
        extra = approve_award(
            by=by, line=required(application.line), amount=evaluation.extra_amount,
            description=(_("Extra push: %(title)s") % {"title": application.initiative})[:250],
            initiative=application.initiative,
        )  # fmt: skip
        plan_tranche(
            by=by, award=extra, planned_on=timezone.localdate(), amount=evaluation.extra_amount
        )
        evaluation.extra_award = extra
        evaluation.save(update_fields=["extra_award", "updated_at"])


@transaction.atomic
def reduce_professional_support(
    *, by: User, application: Application, cost_line: CostLine, amount: Decimal, reason: str
) -> CostLine:
    """Less professional support: the cost line that is the support goes down by `amount`
    and so does the award, the money going back to the line (reduce_award). The cost line's
    old and new amount are in the audit trail."""
    if not is_holder(by, application):
        raise DomainError(_("Only a decision holder of this line can decide."))
    cost_line = CostLine.objects.select_for_update().get(pk=cost_line.pk)
    if cost_line.application_id != application.pk:
        raise DomainError(_("Choose a cost line of this application."))
    if amount <= ZERO or amount > cost_line.amount:
        raise DomainError(
            _("Take off at most the cost line: %(amount)s.") % {"amount": euro(cost_line.amount)}
        )
    reduce_award(by=by, award=required(application.award), amount=amount, reason=reason)
    old = cost_line.amount
    CostLine.objects.filter(pk=cost_line.pk).update(amount=F("amount") - amount)
    cost_line.refresh_from_db(fields=["amount"])
    audit(
        application, by, "application.support_reduced", reason=reason, cost_line=cost_line.pk,
        description=cost_line.description, old=str(old), new=str(cost_line.amount),
    )  # fmt: skip
    return cost_line


def _stop(evaluation: Evaluation, application: Application, by: User, why: str) -> None:
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
