"""Invitations to become an initiator: accepting one, sending an expired one again, inviting a
co-initiator outside the intake, and withdrawing an invitation nobody accepted.

The intake invites through `services._invite`. Accepting an invitation as lead ends the
search for a new lead (`succession.lead_invitation_accepted`), so this module stands on both.
Inviting outside the intake is used when an organisation names the residents who lead its plan
while it applies for money (BR-05): they are invited like any co-initiator, with a line saying
why."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role
from burgerkracht.accounts.selectors import has_verified_email
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url
from initiatives.enums import InitiativeStatus, InitiatorRole
from initiatives.models import Initiative, Initiator
from initiatives.services import _audit, _invite, _send_invitation
from initiatives.succession import lead_invitation_accepted


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


def invitation_expired(initiator: Initiator) -> bool:
    """An invitation can be accepted for INVITATION_VALID_DAYS after it was sent."""
    valid = timedelta(days=settings.INVITATION_VALID_DAYS)
    return initiator.invited_at is not None and initiator.invited_at + valid < timezone.now()


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Initiator:
    """The invited resident joins: only with a resident's account whose verified e-mail
    address is the one the invitation was sent to, and only before it expires. The link alone
    is not enough: whoever else holds it is refused."""
    initiator = Initiator.objects.select_for_update().select_related("initiative").get(token=token)
    if initiator.left_at is not None:
        raise DomainError(_("This invitation has been withdrawn."))
    if initiator.accepted_at is not None:
        if initiator.user_id != user.pk:
            raise DomainError(_("Someone else has already accepted this invitation."))
        return initiator
    if not user.has_role(Role.RESIDENT):
        raise DomainError(
            _("Only a resident can accept an invitation. Log in with your own resident account.")
        )
    if not initiator.email or not has_verified_email(user, initiator.email):
        raise DomainError(
            _(
                "This invitation was sent to another e-mail address. Log in with the account "
                "of the e-mail address that received the invitation."
            )
        )
    if invitation_expired(initiator):
        raise DomainError(_("This invitation has expired. Ask for a new one on this page."))
    if initiator.initiative.initiators.active().filter(user=user).exists():
        raise DomainError(_("You are already an initiator of this initiative."))
    initiator.user = user
    initiator.accepted_at = timezone.now()
    initiator.save(update_fields=["user", "accepted_at"])
    _audit(initiator.initiative, user, "initiative.invitation_accepted", role=initiator.role)
    if initiator.role == InitiatorRole.LEAD:
        lead_invitation_accepted(initiator.initiative, user)
    return initiator


@transaction.atomic
def renew_invitation(*, token: str, by: User) -> Initiator:
    """An expired invitation is sent again, with a new link, to the address it was sent to
    (never to the person asking), so asking for it gives nothing to someone else."""
    initiator = Initiator.objects.select_for_update().select_related("initiative").get(token=token)
    if initiator.accepted_at is not None or initiator.left_at is not None:
        raise DomainError(_("This invitation can no longer be sent again."))
    if not invitation_expired(initiator):
        raise DomainError(_("This invitation is still valid. Look in your e-mail for the link."))
    initiator.token = uuid.uuid4()
    initiator.invited_at = timezone.now()
    initiator.save(update_fields=["token", "invited_at"])
    link = absolute_url(reverse("initiatives:invitation", args=[initiator.token]))
    lead = initiator.role == InitiatorRole.LEAD
    _send_invitation(initiator.initiative, by, initiator.email, link, lead=lead)
    _audit(initiator.initiative, by, "initiative.invitation_renewed", role=initiator.role)
    return initiator
