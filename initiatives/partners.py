"""Partners' contributions (F-S17, BR-38): record what a partner organisation promised an
initiative, and judge what it delivered on the residents' scale. "Evalueer hun inbreng
altijd net zoals bij initiatieven die alleen door bewoners worden uitgevoerd." A partner
that did not deliver is judged "no": non-contribution is an outcome (SC-08), and the
initiative goes on without it (a contribution is never a status of the initiative, BR-08).
Every write is in the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, Organisation
from initiatives import permissions
from initiatives.enums import ContributionKind, Delivered
from initiatives.models import Initiative, PartnerContribution

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from burgerkracht.accounts.models import User


@transaction.atomic
def record_contribution(
    *, initiative: Initiative, by: User, organisation: Organisation, kind: str, promised: str,
    hours: int | None = None,
) -> PartnerContribution:  # fmt: skip
    """Write down a partner's promise to the initiative."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not permissions.can_record_contribution(by, initiative):
        raise DomainError(_("You cannot record a partner's contribution to this initiative."))
    if kind != ContributionKind.HOURS:
        hours = None
    contribution = PartnerContribution(
        initiative=initiative, organisation=organisation, kind=kind,
        promised=promised.strip(), hours=hours, recorded_by=by,
    )  # fmt: skip
    contribution.full_clean()
    contribution.save()
    AuditEvent.record(
        subject=initiative, actor=by, action="contribution.recorded",
        data={"contribution": contribution.pk, "organisation": organisation.pk, "kind": kind,
              "hours": hours},
    )  # fmt: skip
    return contribution


@transaction.atomic
def judge_contribution(
    *, contribution: PartnerContribution, by: User, delivered: str, note: str,
    occasion: str = "",
) -> PartnerContribution:  # fmt: skip
    """Did the partner deliver? Judged again at every evaluation; the audit trail keeps each
    judgement with its `occasion` (for example "evaluation:12")."""
    contribution = (
        PartnerContribution.objects.select_for_update(of=("self",))
        .select_related("initiative").get(pk=contribution.pk)
    )  # fmt: skip
    if not permissions.can_judge_contribution(by, contribution):
        raise DomainError(_("You cannot judge this contribution."))
    if delivered not in Delivered.values:
        raise DomainError(_("Say whether the partner delivered what it promised."))
    previous = contribution.delivered
    contribution.delivered, contribution.delivered_note = delivered, note.strip()
    contribution.judged_by, contribution.judged_at = by, timezone.now()
    contribution.full_clean()
    contribution.save(update_fields=["delivered", "delivered_note", "judged_by", "judged_at",
                                     "updated_at"])  # fmt: skip
    AuditEvent.record(
        subject=contribution.initiative, actor=by, action="contribution.judged",
        data={"contribution": contribution.pk, "from": previous, "to": delivered,
              "occasion": occasion},
    )  # fmt: skip
    return contribution


def contributions_of(initiative: Initiative) -> QuerySet[PartnerContribution]:
    return initiative.partner_contributions.select_related("organisation", "judged_by")
