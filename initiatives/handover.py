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
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.validation.reasons import is_reason
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
    *, by: User, leaving: User, note: str = "", successor: User | None = None,
    deactivate: bool = False, notes: dict[int, str] | None = None,
) -> list[Handover]:  # fmt: skip
    """Move everything `leaving` facilitates: where they are the contact, the backup takes
    over (or `successor` when there is no backup); where they are the backup, `successor`
    becomes the backup (or the place stays open, and the weekly missing-backup reminder
    asks for one). With `deactivate`, the account is switched off in the same step.

    `notes` holds "het waarom" per initiative (its key → text, SC-13); each handover keeps
    its own note, with the general `note` after it. Every initiative needs one or the other."""
    notes = {pk: text.strip() for pk, text in (notes or {}).items() if text and text.strip()}
    if successor is not None and successor.pk == leaving.pk:
        raise DomainError(_("The successor must be someone else."))
    initiatives = list(initiatives_of(leaving).select_for_update(of=("self",)))
    unwritten = [i.title for i in initiatives if i.pk not in notes and not note.strip()]
    if unwritten or (not initiatives and not note.strip()):
        raise DomainError(
            _("Write a handover note: what the next person needs to know, and why. Missing for: "
              "%(titles)s.") % {"titles": ", ".join(unwritten) or "—"}
        )  # fmt: skip
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
        _move(initiative, by, leaving, successor, _note(notes.get(initiative.pk, ""), note))
        for initiative in initiatives
    ]
    if deactivate and leaving.is_active:
        User.objects.filter(pk=leaving.pk).update(is_active=False)
        AuditEvent.record(subject=leaving, actor=by, action="account.deactivated", reason=note)
    return handovers


def _note(own: str, general: str) -> str:
    """An initiative's own "waarom" first, then the general note of the whole handover."""
    return "\n\n".join(part for part in (own.strip(), general.strip()) if part)


def latest_handovers(initiative: Initiative, limit: int = 3) -> list[Handover]:
    """The last handovers of an initiative with their "waarom", newest first (one query)."""
    return list(initiative.handovers.select_related("from_user", "to_user")[:limit])


def with_handovers(updates: list, handovers: list[Handover]) -> list:
    """The timeline with the handovers in it, newest first; a handover has `is_handover`."""
    for handover in handovers:
        handover.is_handover = True
    return sorted([*updates, *handovers], key=lambda entry: entry.created_at, reverse=True)


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
    return _record_move(
        initiative, by=by, from_user=leaving, receiver=receiver, to=receiver, note=note,
        action="initiative.handed_over", was_contact=was_contact,
    )  # fmt: skip


def _record_move(
    initiative, *, by, from_user, receiver, to, note: str, action: str, was_contact: bool
) -> Handover:
    """The move of one initiative written down (a Handover with the why, an audit event) and
    told: the residents when their contact changed, the one who takes over with the note."""
    handover = Handover.objects.create(
        initiative=initiative, from_user=from_user, to_user=receiver, note=note, by=by
    )
    AuditEvent.record(
        subject=initiative, actor=by, action=action, reason=note,
        data={"from": from_user.pk, "to": to.pk if to else None,
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
            context={"initiative": initiative, "leaving": from_user, "note": note, "link": link},
        )  # fmt: skip
    return handover


# Who knows the applications of an initiative: budget registers a function in its
# budget/hooks.py (initiatives cannot import budget, docs/architecture.md) that takes
# initiative keys and returns {initiative key: [running applications]} in one query.
_running_applications = None


def register_running_applications(function) -> None:
    global _running_applications
    _running_applications = function


def dossiers_of(user: User) -> list[Initiative]:
    """The initiatives `user` facilitates, each with its running applications (sent in, being
    checked, waiting for a decision, or granted and running) in `running`, in two queries."""
    initiatives = list(initiatives_of(user))
    running = _running_applications([i.pk for i in initiatives]) if _running_applications else {}
    for initiative in initiatives:
        initiative.running = running.get(initiative.pk, [])
        role = _("contact") if initiative.facilitator_id == user.pk else _("backup")
        label = f"{initiative.reference} — {initiative.title} ({role})"
        if initiative.running:
            label += " · " + _("running applications: %(references)s") % {
                "references": ", ".join(a.reference for a in initiative.running)
            }
        initiative.choice_label = label
    return initiatives


@transaction.atomic
def reassign(
    *, by: User, from_user: User, to_user: User, initiative_ids, reason: str
) -> list[Handover]:
    """Move the chosen dossiers of `from_user` (who stays) to `to_user`, with one reason kept
    on every move. Where `from_user` is the contact, `to_user` becomes the contact; where they
    are the backup, `to_user` becomes the backup. All or nothing: a dossier that is not
    `from_user`'s (a tampered form) refuses the whole request."""
    reason = (reason or "").strip()
    if not is_reason(reason):
        raise DomainError(_("Write the reason why these dossiers move."))
    if to_user.pk == from_user.pk:
        raise DomainError(_("Choose someone else than the current facilitator."))
    wanted = {int(pk) for pk in initiative_ids}
    if not wanted:
        raise DomainError(_("Tick at least one dossier that moves."))
    initiatives = list(
        initiatives_of(from_user).filter(pk__in=wanted).select_for_update(of=("self",))
    )
    if {i.pk for i in initiatives} != wanted:
        raise DomainError(
            _("One or more of these dossiers is not facilitated by %(name)s. Nothing has moved.")
            % {"name": from_user}
        )
    return [_reassign_one(i, by, from_user, to_user, reason) for i in initiatives]


def _reassign_one(initiative: Initiative, by: User, from_user: User, to_user: User, reason: str):
    was_contact = initiative.facilitator_id == from_user.pk
    if was_contact:
        initiative.facilitator = to_user
        if initiative.backup_facilitator_id == to_user.pk:
            initiative.backup_facilitator = None  # one person is not their own backup
    else:
        initiative.backup_facilitator = None if initiative.facilitator_id == to_user.pk else to_user
    initiative.save(update_fields=["facilitator", "backup_facilitator", "updated_at"])
    receiver = to_user if was_contact or initiative.backup_facilitator_id else None
    return _record_move(
        initiative, by=by, from_user=from_user, receiver=receiver, to=to_user, note=reason,
        action="initiative.reassigned", was_contact=was_contact,
    )  # fmt: skip
