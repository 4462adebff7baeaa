"""The facts of a continuation decision for the amended award letter (SC-14).

SEAM: the shared `budget.continuation_facts.continuation_facts` (written in parallel) is used
when it exists; until then this small copy computes the same keys from the evaluation. At the
merge, delete `_continuation_facts` and keep only the import."""

from __future__ import annotations

from decimal import Decimal

from budget.enums import Continuation, EvaluationStatus
from budget.models import ZERO, Accountability, Evaluation, Tranche

try:  # pragma: no cover - depends on the merge
    from budget.continuation_facts import continuation_facts
except ImportError:  # pragma: no cover

    def continuation_facts(evaluation: Evaluation) -> dict:
        return _continuation_facts(evaluation)


def _tranche_state(tranche: Tranche) -> str:
    if tranche.paid_on:
        return "paid"
    if tranche.withheld_at:
        return "withheld"
    if tranche.after_evaluation_id and not tranche.released_at:
        return "waiting"
    return "planned"


def _continuation_facts(evaluation: Evaluation) -> dict:
    application = evaluation.application
    awards = [application.award] if application.award_id else []
    if evaluation.extra_award_id:
        awards.append(evaluation.extra_award)
    new_amount = sum((award.amount for award in awards), ZERO)
    extra = evaluation.extra_amount or ZERO if evaluation.extra_award_id else ZERO
    reduced = (
        evaluation.reduce_by or ZERO if evaluation.outcome == Continuation.FEWER_MEANS else ZERO
    )
    tranches = Tranche.objects.filter(award__in=awards).order_by("planned_on", "pk")
    following = application.evaluations.filter(
        status=EvaluationStatus.PLANNED, planned_on__gt=evaluation.planned_on
    ).first()
    accountability = Accountability.objects.filter(application=application).first()
    return {
        "outcome": evaluation.outcome,
        "outcome_label": evaluation.get_outcome_display(),
        "reasons": evaluation.decision.reasons if evaluation.decision_id else "",
        "old_amount": new_amount - extra + reduced,
        "new_amount": new_amount,
        "extra_amount": extra or None,
        "reduced_by": reduced or None,
        "cost_line": None,
        "tranches": [(t.planned_on, Decimal(t.amount), _tranche_state(t)) for t in tranches],
        "next_evaluation_on": following.planned_on if following else None,
        "accountability_due": (
            accountability.due_on if accountability else application.accountability_due
        ),
        "stopped": evaluation.outcome == Continuation.STOP,
    }
