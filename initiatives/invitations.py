"""Inviting a co-initiator outside the intake, and withdrawing an invitation nobody accepted.

Used when an organisation names the residents who lead its plan while it applies for money
(BR-05): they are invited like any co-initiator, with a line saying why."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts.models import User
from burgerkracht.core.exceptions import DomainError
from initiatives.enums import InitiativeStatus, InitiatorRole
from initiatives.models import Initiative, Initiator
from initiatives.services import _audit, _invite


@transaction.atomic
def invite_co_initiator(
    *, initiative: Initiative, by: User, email: str, organisation: str = ""
) -> Initiator:
    """Invite `email` as a co-initiator (nothing new when that address is already one).
    With `organisation`, the e-mail says that organisation named them as a resident in the
    lead."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status == InitiativeStatus.ENDED:
        raise DomainError(_("This initiative has ended."))
    extra = {"organisation": organisation} if organisation else None
    return _invite(initiative, by, email, role=InitiatorRole.CO, extra=extra)


@transaction.atomic
def withdraw_invitation(*, initiator: Initiator, by: User, reason: str) -> bool:
    """Withdraw an invitation that was not accepted; an accepted one stays (the person is an
    initiator now and leaves only of their own accord). Returns whether it was withdrawn."""
    initiator = Initiator.objects.select_for_update().get(pk=initiator.pk)
    if initiator.accepted_at is not None or initiator.left_at is not None:
        return False
    initiator.left_at = timezone.now()
    initiator.save(update_fields=["left_at"])
    _audit(initiator.initiative, by, "initiative.invitation_withdrawn", reason=reason)
    return True
