"""Partners' contributions at the interim evaluation (F-S17, BR-38): the facilitator judges
each contribution a partner promised the initiative, on the residents' scale, as part of the
notes of the evaluation. The judgement itself is initiatives.partners.judge_contribution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from budget.enums import EvaluationStatus
from budget.models import Evaluation
from burgerkracht.core.exceptions import DomainError
from initiatives import partners

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User
    from initiatives.models import PartnerContribution


def contributions_at(evaluation: Evaluation) -> list[PartnerContribution]:
    return list(partners.contributions_of(evaluation.application.initiative))


def partners_missing(evaluation: Evaluation) -> bool:
    """True while a contribution of the initiative has not been judged yet."""
    return evaluation.application.initiative.partner_contributions.filter(delivered="").exists()


@transaction.atomic
def judge_partners_at_evaluation(
    *, evaluation: Evaluation, by: User, judgements: dict[int, tuple[str, str]]
) -> Evaluation:
    """`judgements`: contribution pk → (delivered, note), for every contribution."""
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("application__initiative")
        .get(pk=evaluation.pk)
    )
    if evaluation.status != EvaluationStatus.PLANNED:
        raise DomainError(_("This cannot be done with the evaluation as it is now."))
    contributions = {c.pk: c for c in contributions_at(evaluation)}
    if set(judgements) - set(contributions):
        raise ValueError(f"not contributions of this initiative: {sorted(set(judgements))}")
    for pk, (delivered, note) in judgements.items():
        partners.judge_contribution(
            contribution=contributions[pk], by=by, delivered=delivered, note=note,
            occasion=f"evaluation:{evaluation.pk}",
        )  # fmt: skip
    return evaluation
