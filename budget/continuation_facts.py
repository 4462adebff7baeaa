"""The facts of a continuation decision, as the amended award letter and the pages read them
(SC-14): what was decided and why, the grant's total before and after, the professional
support's cost line before and after, the payments as they stand, what comes next.

Reads only. The letter's wording lives with the letters; this gives it the facts.
"""

from __future__ import annotations

from decimal import Decimal

from budget.enums import Continuation, EvaluationStatus, LetterKind
from budget.models import ZERO, Accountability, Evaluation, Letter
from budget.selectors import tranches_of

REDUCING = (Continuation.FEWER_MEANS, Continuation.LESS_SUPPORT)


def money_change(evaluation: Evaluation) -> Decimal:
    """What the decision does to the grant's total: plus the extra push, minus the reduction."""
    if evaluation.outcome == Continuation.EXTRA_PUSH:
        return evaluation.extra_amount or ZERO
    if evaluation.outcome in REDUCING:
        return -(evaluation.reduce_by or ZERO)
    return ZERO


def grant_total(application) -> Decimal:
    """The grant's total now: its award and every extra push (services.evaluation.awards_of)."""
    total = application.award.amount if application.award_id else ZERO
    extra = application.evaluations.exclude(extra_award=None).values_list(
        "extra_award__amount", flat=True
    )
    return total + sum(extra, ZERO)


def amount_now(application, tranches: list) -> Decimal | None:
    """The grant's total now when a continuation changed it (else None), from the payments
    the page shows already (selectors.tranches_of): an extra push is always paid in one."""
    if not application.award_id:
        return None
    extra = {t.award_id: t.award.amount for t in tranches if t.award_id != application.award_id}
    total = application.award.amount + sum(extra.values(), ZERO)
    return None if total == application.granted_amount else total


def continuation_facts(evaluation: Evaluation) -> dict:
    """The facts of `evaluation`'s continuation decision (or of its draft, as it would be).

    The totals are the grant's as the decision found and left it: the total now, less what
    the later decisions changed. A stopped grant keeps its total; what is withheld is in
    `tranches`."""
    application = evaluation.application
    decided = list(
        application.evaluations.filter(status=EvaluationStatus.DECIDED).order_by("decided_at", "pk")
    )
    is_decided = any(e.pk == evaluation.pk for e in decided)
    later = decided[[e.pk for e in decided].index(evaluation.pk) + 1 :] if is_decided else []
    new_amount = grant_total(application) - sum((money_change(e) for e in later), ZERO)
    if not is_decided:
        new_amount += money_change(evaluation)
    outcome = evaluation.outcome
    return {
        "outcome": outcome,
        "outcome_label": str(Continuation(outcome).label) if outcome else "",
        "reasons": evaluation.decision.reasons if evaluation.decision_id else "",
        "new_agreements": evaluation.new_agreements,
        "old_amount": new_amount - money_change(evaluation),
        "new_amount": new_amount,
        "extra_amount": money_change(evaluation) if outcome == Continuation.EXTRA_PUSH else ZERO,
        "reduced_by": -money_change(evaluation) if outcome in REDUCING else ZERO,
        "cost_line": _cost_line(evaluation),
        "tranches": _tranches(application),
        "next_evaluation_on": application.evaluations.filter(
            status=EvaluationStatus.PLANNED, planned_on__gt=evaluation.planned_on
        )
        .order_by("planned_on")
        .values_list("planned_on", flat=True)
        .first(),
        "accountability_due": _accountability_due(application),
        "stopped": outcome == Continuation.STOP,
    }


def _cost_line(evaluation: Evaluation) -> dict | None:
    line = evaluation.cost_line
    if evaluation.outcome != Continuation.LESS_SUPPORT or line is None:
        return None
    old = evaluation.cost_line_was if evaluation.cost_line_was is not None else line.amount
    return {
        "description": line.description,
        "old": old,
        "new": old - (evaluation.reduce_by or ZERO),
    }


def _tranches(application) -> list[tuple]:
    return [(t.planned_on, t.amount, t.state) for t in tranches_of(application)]


def _accountability_due(application):
    return (
        Accountability.objects.filter(application=application)
        .values_list("due_on", flat=True)
        .first()
    )


def amendment_letter(evaluation: Evaluation, *, internal: bool) -> Letter | None:
    """The amended award letter that followed `evaluation`'s decision: the residents see it
    once it is made; the municipality at once."""
    if evaluation.status != EvaluationStatus.DECIDED:
        return None
    letters = Letter.objects.filter(evaluation=evaluation, kind=LetterKind.AMENDMENT)
    if not internal:
        letters = letters.filter(generated_at__isnull=False)
    return letters.order_by("pk").first()
