"""Handover: a facilitator leaves (or is deactivated) and their initiatives and grants move to
the backup facilitator, with a note on "het waarom" of earlier decisions (WF-5, BR-36).

The residents are told who their new contact is. Reminders need nothing: they read the
initiative's current facilitators when they are sent, so they follow the new owner.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from burgerkracht.accounts.models import User
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.notifications import absolute_url, notify
from initiatives.enums import InitiativeStatus
from initiatives.models import Handover, Initiative
from initiatives.services import initiator_users


def initiatives_of(user: User):
    """The initiatives someone facilitates (as contact or backup) that have not ended."""
    from django.db.models import Q

    return (
        Initiative.objects.filter(Q(facilitator=user) | Q(backup_facilitator=user))
        .exclude(status=InitiativeStatus.ENDED)
        .select_related("facilitator", "backup_facilitator")
        .order_by("title")
    )


@transaction.atomic
def hand_over(
    *, by: User, leaving: User, note: str, successor: User | None = None, deactivate: bool = False
) -> list[Handover]:
    """Move everything `leaving` facilitates: where they are the contact, the backup takes
    over (or `successor` when there is no backup); where they are the backup, `successor`
    becomes the backup (or the place stays open, and the weekly missing-backup reminder
    asks for one). With `deactivate`, the account is switched off in the same step."""
    if not note.strip():
        raise DomainError(_("Write a handover note: what the next person needs to know, and why."))
    if successor is not None and successor.pk == leaving.pk:
        raise DomainError(_("The successor must be someone else."))
    initiatives = list(initiatives_of(leaving).select_for_update(of=("self",)))
    stuck = [
        i.title
        for i in initiatives
        if i.facilitator_id == leaving.pk and not i.backup_facilitator_id and not successor
    ]
    if stuck:
        raise DomainError(
            _("These initiatives have no backup facilitator; choose a successor: %(titles)s.")
            % {"titles": ", ".join(stuck)}
        )
    handovers = [
        _move(initiative, by, leaving, successor, note.strip()) for initiative in initiatives
    ]
    if deactivate and leaving.is_active:
        User.objects.filter(pk=leaving.pk).update(is_active=False)
        AuditEvent.record(subject=leaving, actor=by, action="account.deactivated", reason=note)
    return handovers


def _move(initiative: Initiative, by: User, leaving: User, successor: User | None, note: str):
    was_contact = initiative.facilitator_id == leaving.pk
    if was_contact:
        new_contact = initiative.backup_facilitator or successor
        backup = successor if successor and successor.pk != new_contact.pk else None
        initiative.facilitator, initiative.backup_facilitator = new_contact, backup
        receiver = new_contact
    else:
        backup = successor if successor and successor.pk != initiative.facilitator_id else None
        initiative.backup_facilitator = backup
        receiver = backup
    initiative.save(update_fields=["facilitator", "backup_facilitator", "updated_at"])
    handover = Handover.objects.create(
        initiative=initiative, from_user=leaving, to_user=receiver, note=note, by=by
    )
    AuditEvent.record(
        subject=initiative, actor=by, action="initiative.handed_over", reason=note,
        data={"from": leaving.pk, "to": receiver.pk if receiver else None,
              "facilitator": initiative.facilitator_id,
              "backup": initiative.backup_facilitator_id},
    )  # fmt: skip
    link = absolute_url(initiative.get_absolute_url())
    if was_contact:
        notify(
            recipients=initiator_users(initiative), template="initiatives/new_contact",
            context={"initiative": initiative, "contact": initiative.facilitator, "link": link},
            preference="status",
        )  # fmt: skip
    if receiver is not None:
        notify(
            recipients=[receiver], template="initiatives/handed_over",
            context={"initiative": initiative, "leaving": leaving, "note": note, "link": link},
        )  # fmt: skip
    return handover
