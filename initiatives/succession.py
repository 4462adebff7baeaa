"""An initiator stops, and who leads next (SC-13, BR-36).

Any initiator can stop ("Ik stop als initiatiefnemer"), with a reason. When the lead stops,
the active backup is asked to become the lead (by e-mail and on their dashboard); without a
backup, or when the backup says no, the initiative looks for a new lead. Until someone is lead
again the initiative and its running grants are flagged for the facilitator (Mijn taken) and in
the continuity report. The facilitator of the initiative (or a coordinator) can appoint a
co-initiator or invite someone as the new lead. Deleting an account takes this same path first
(`leave_everything`), so a deleted person is never shown as an initiator.

The state of the search is `Initiative.lead_succession`; its transitions are
`initiatives.enums.LEAD_SUCCESSION`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts.models import User
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.validation.reasons import is_reason
from initiatives.enums import LEAD_SUCCESSION, InitiativeStatus, InitiatorRole, LeadSuccession
from initiatives.models import Initiative, Initiator
from initiatives.services import _audit, _invite, facilitator_users, initiator_users


def _move(initiative: Initiative, to: str) -> None:
    """Change the search state by the table (the initiative is locked by the caller)."""
    if to not in LEAD_SUCCESSION[initiative.lead_succession]:
        raise InvalidTransition(current=initiative.lead_succession, requested=to)
    initiative.lead_succession = to
    initiative.save(update_fields=["lead_succession", "updated_at"])


def _locked(initiative_pk: int) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative_pk)


def _tell(initiative: Initiative, template: str, recipients, **context) -> None:
    link = absolute_url(initiative.get_absolute_url())
    notify(
        recipients=recipients,
        template=template,
        context={"initiative": initiative, "link": link, **context},
    )


def pending_offer(initiative: Initiative) -> Initiator | None:
    """The active initiator asked to become the lead, from the loaded initiators."""
    if initiative.lead_succession != LeadSuccession.OFFERED:
        return None
    return next((i for i in initiative.initiators.all() if i.is_active and i.lead_offered_at), None)


@transaction.atomic
def step_down(*, initiator: Initiator, by: User | None, reason: str) -> Initiator:
    """`initiator` stops. A lead's place goes to the backup (asked first) or is searched for."""
    reason = (reason or "").strip()
    if not is_reason(reason):
        raise DomainError(_("Tell us why you stop. The facilitator reads it."))
    initiative = _locked(initiator.initiative_id)
    initiator = Initiator.objects.select_for_update().get(pk=initiator.pk)
    if initiator.left_at is not None:
        raise DomainError(_("You have already stopped with this initiative."))
    was_lead = initiator.role == InitiatorRole.LEAD and initiator.accepted_at is not None
    was_offered = initiator.lead_offered_at is not None
    initiator.left_at = timezone.now()
    initiator.lead_offered_at = None
    initiator.save(update_fields=["left_at", "lead_offered_at", "updated_at"])
    _audit(initiative, by, "initiative.stepped_down", reason=reason, role=initiator.role,
           backup=initiator.is_backup, initiator=initiator.pk)  # fmt: skip
    if initiative.status in (InitiativeStatus.ENDED, InitiativeStatus.DRAFT):
        # An ended initiative needs no lead; a draft nobody sent in is its makers' own: no
        # facilitator to search, and its retention clock (the last change) keeps running.
        return initiator
    if initiator.accepted_at is None:
        return initiator  # a withdrawn invitation: no search
    person = initiator.user
    if was_lead:
        backup = initiative.initiators.active().filter(is_backup=True).first()
        if backup is not None:
            _offer(initiative, backup, by)
        else:
            _move(initiative, LeadSuccession.WANTED)
        _tell(initiative, "initiatives/lead_stepped_down", facilitator_users(initiative),
              person=person, reason=reason, backup=backup)  # fmt: skip
        others = [u for u in initiator_users(initiative) if not backup or u.pk != backup.user_id]
        _tell(initiative, "initiatives/initiator_stopped", others,
              person=person, lead=True, backup=backup)  # fmt: skip
    else:
        if was_offered and initiative.lead_succession == LeadSuccession.OFFERED:
            _move(initiative, LeadSuccession.WANTED)
        _tell(initiative, "initiatives/initiator_stopped", initiator_users(initiative),
              person=person, lead=False, backup=None)  # fmt: skip
        _tell(initiative, "initiatives/initiator_stopped", facilitator_users(initiative),
              person=person, lead=False, backup=None, reason=reason)  # fmt: skip
    return initiator


def _offer(initiative: Initiative, backup: Initiator, by: User | None) -> None:
    backup.lead_offered_at = timezone.now()
    backup.save(update_fields=["lead_offered_at", "updated_at"])
    _move(initiative, LeadSuccession.OFFERED)
    _audit(initiative, by, "initiative.lead_offered", initiator=backup.pk)
    _tell(initiative, "initiatives/lead_offer", [backup.user],
          answer=absolute_url(initiative.get_absolute_url() + "hoofdinitiatiefnemer/"))  # fmt: skip


@transaction.atomic
def answer_lead_offer(*, initiative: Initiative, by: User, accept: bool, reason: str = "") -> None:
    """The backup says yes (becomes the lead) or no (the search is open for the facilitator)."""
    initiative = _locked(initiative.pk)
    offered = (
        initiative.initiators.active()
        .select_for_update()
        .filter(user=by, lead_offered_at__isnull=False)
        .first()
    )
    if offered is None or initiative.lead_succession != LeadSuccession.OFFERED:
        raise DomainError(_("Nobody has asked you to become the lead initiator."))
    offered.lead_offered_at = None
    if accept:
        offered.role, offered.is_backup = InitiatorRole.LEAD, False
        offered.save(update_fields=["role", "is_backup", "lead_offered_at", "updated_at"])
        _move(initiative, LeadSuccession.NONE)
        _audit(initiative, by, "initiative.lead_accepted", reason=reason, initiator=offered.pk)
        _tell(initiative, "initiatives/new_lead",
              [*initiator_users(initiative), *facilitator_users(initiative)], lead=by,
              reason=reason)  # fmt: skip
        return
    offered.save(update_fields=["lead_offered_at", "updated_at"])
    _move(initiative, LeadSuccession.WANTED)
    _audit(initiative, by, "initiative.lead_declined", reason=reason, initiator=offered.pk)
    _tell(initiative, "initiatives/lead_declined", facilitator_users(initiative),
          person=by, reason=reason)  # fmt: skip


@transaction.atomic
def appoint_lead(
    *, initiative: Initiative, by: User, reason: str, initiator: Initiator | None = None,
    email: str = "",
) -> Initiator:  # fmt: skip
    """The facilitator appoints an active co-initiator as lead, or invites `email` as lead
    (who becomes the lead when they accept the invitation)."""
    reason = (reason or "").strip()
    if not is_reason(reason):
        raise DomainError(_("Write why you choose this person."))
    if (initiator is None) == (not email.strip()):
        raise DomainError(_("Choose a co-initiator or fill in an e-mail address, not both."))
    initiative = _locked(initiative.pk)
    if initiative.lead_succession == LeadSuccession.NONE:
        raise DomainError(_("This initiative has a lead initiator."))
    # Whoever was asked before is no longer asked: an offer lapses, an invitation is withdrawn.
    initiative.initiators.filter(lead_offered_at__isnull=False).update(lead_offered_at=None)
    initiative.initiators.filter(
        role=InitiatorRole.LEAD, accepted_at__isnull=True, left_at__isnull=True
    ).update(left_at=timezone.now())
    if initiator is not None:
        chosen = initiative.initiators.active().select_for_update().filter(pk=initiator.pk).first()
        if chosen is None:
            raise DomainError(_("This person is not an active initiator of this initiative."))
        chosen.role, chosen.is_backup = InitiatorRole.LEAD, False
        chosen.save(update_fields=["role", "is_backup", "updated_at"])
        _move(initiative, LeadSuccession.NONE)
        _audit(initiative, by, "initiative.lead_appointed", reason=reason, initiator=chosen.pk)
        _tell(initiative, "initiatives/new_lead",
              [*initiator_users(initiative), *facilitator_users(initiative)], lead=chosen.user,
              reason=reason)  # fmt: skip
        return chosen
    if initiative.initiators.active().filter(email__iexact=email.strip()).exists():
        raise DomainError(_("This person is already an initiator: choose them from the list."))
    invited = _invite(initiative, by, email, role=InitiatorRole.LEAD)
    if invited.role != InitiatorRole.LEAD:  # already invited as co-initiator: now as lead
        invited.role, invited.is_backup = InitiatorRole.LEAD, False
        invited.save(update_fields=["role", "is_backup", "updated_at"])
    if initiative.lead_succession != LeadSuccession.OFFERED:
        _move(initiative, LeadSuccession.OFFERED)
    _audit(initiative, by, "initiative.lead_invited", reason=reason, initiator=invited.pk)
    return invited


def lead_invitation_accepted(initiative: Initiative, by: User) -> None:
    """An invitation as lead was accepted: the search is over (called by accept_invitation)."""
    if initiative.lead_succession != LeadSuccession.NONE:
        _move(initiative, LeadSuccession.NONE)
        _audit(initiative, by, "initiative.lead_accepted")
        _tell(initiative, "initiatives/new_lead",
              [*initiator_users(initiative), *facilitator_users(initiative)], lead=by,
              reason="")  # fmt: skip


def leave_everything(user: User, by: User | None) -> int:
    """Before an account is deleted: the person stops as initiator everywhere (the search for a
    new lead starts where they led) and their open invitations are withdrawn. Returns how many
    places they left. Registered with burgerkracht.accounts.erasure in hooks.py."""
    reason = _("The account was deleted.")
    places = list(Initiator.objects.filter(user=user, left_at__isnull=True).order_by("pk"))
    for place in places:
        step_down(initiator=place, by=by, reason=reason)
    invitations = Initiator.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True, left_at__isnull=True
    )
    return len(places) + invitations.update(left_at=timezone.now())
