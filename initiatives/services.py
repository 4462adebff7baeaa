"""Every write to an initiative, and every state change, goes through here.

Each function is transactional, names the actor (`by`), writes the audit trail and queues
the e-mails that the change causes (in the same transaction, through the outbox).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts.models import User
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify, notify_address
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.required import required
from burgerkracht.core.transitions import transition
from initiatives import intake
from initiatives.enums import (
    TRANSITIONS,
    Channel,
    InitiativeStatus,
    InitiatorRole,
    Result,
    UpdateKind,
)
from initiatives.models import Initiative, Initiator, Message, Update


def _audit(
    initiative: Initiative, by: User | None, action: str, reason: str = "", **data: Any
) -> None:
    AuditEvent.record(subject=initiative, actor=by, action=action, reason=reason, data=data)


def initiator_users(initiative: Initiative) -> list[User]:
    return [required(i.user) for i in initiative.initiators.active().select_related("user")]


def facilitator_users(initiative: Initiative) -> list[User]:
    return [u for u in (initiative.facilitator, initiative.backup_facilitator) if u is not None]


# --- Intake ---------------------------------------------------------------------------------


@transaction.atomic
def start_initiative(*, by: User, assisted: bool = False, **fields: Any) -> Initiative:
    """Create a draft from step 1. A resident becomes its lead initiator at once; with
    `assisted`, a professional registers it *with* a resident, who is invited in step 4."""
    initiative = Initiative(created_by=by, assisted_by=by if assisted else None)
    if assisted:  # how it came in; the professional may say it was by phone, on paper...
        initiative.channel = Channel.PROFESSIONAL
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.full_clean(exclude=["created_by"])
    initiative.save()
    if not assisted:
        now = timezone.now()
        Initiator.objects.create(
            initiative=initiative,
            user=by,
            email=by.email or "",
            role=InitiatorRole.LEAD,
            invited_at=now,
            accepted_at=now,
        )
    _audit(initiative, by, "initiative.started", assisted=assisted)
    return initiative


@transaction.atomic
def save_intake_step(
    *, initiative: Initiative, by: User, step: int, data: dict[str, Any]
) -> Initiative:
    """Save one step of a draft. Partial is fine: completeness is checked at submission."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status != InitiativeStatus.DRAFT:
        raise DomainError(_("This initiative has been submitted; its intake can no longer change."))
    fields = intake.STEP_FIELDS[step]
    neighbourhoods = data.pop("neighbourhoods", None)
    for name in fields:
        if name in data:
            setattr(initiative, name, data[name])
    initiative.full_clean(exclude=["created_by"])
    initiative.save()
    if neighbourhoods is not None:
        initiative.neighbourhoods.set(neighbourhoods)
    _audit(initiative, by, "initiative.step_saved", step=step)
    return initiative


@transaction.atomic
def save_people(
    *,
    initiative: Initiative,
    by: User,
    resident_email: str = "",
    backup_email: str = "",
    co_emails: list[str] | None = None,
    motivation: dict[str, str] | None = None,
) -> Initiative:
    """Step 4: who takes part. New e-mail addresses get an invitation; nothing is removed."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status != InitiativeStatus.DRAFT:
        raise DomainError(_("This initiative has been submitted; its intake can no longer change."))
    if resident_email and initiative.assisted_by_id:
        _replace_lead_invitation(initiative, by, resident_email)
    if backup_email:
        _name_backup(initiative, by, backup_email)
    for email in co_emails or []:
        _invite(initiative, by, email, role=InitiatorRole.CO)
    if motivation:
        mine = initiative.initiators.filter(user=by, left_at__isnull=True).first()
        if mine is not None:
            for name, value in motivation.items():
                setattr(mine, name, value)
            mine.save(update_fields=list(motivation))
    _audit(initiative, by, "initiative.people_saved")
    return initiative


def _name_backup(initiative: Initiative, by: User, email: str) -> Initiator:
    backup = _invite(initiative, by, email, role=InitiatorRole.CO)
    if backup.role == InitiatorRole.CO and not backup.is_backup:
        initiative.initiators.filter(is_backup=True).update(is_backup=False)
        backup.is_backup = True
        backup.save(update_fields=["is_backup"])
    return backup


@transaction.atomic
def name_backup_initiator(*, initiative: Initiative, by: User, email: str) -> Initiator:
    """Name (and invite) the backup initiator at any moment before the initiative ends, for
    example while applying for money."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status == InitiativeStatus.ENDED:
        raise DomainError(_("This initiative has ended."))
    backup = _name_backup(initiative, by, email)
    if backup.role == InitiatorRole.LEAD:
        raise DomainError(_("The lead initiator cannot be their own backup."))
    _audit(initiative, by, "initiative.backup_named")
    return backup


def _replace_lead_invitation(initiative: Initiative, by: User, email: str) -> None:
    """Assisted intake: (re)invite the resident who will lead. A confirmed lead stays."""
    current = initiative.initiators.filter(role=InitiatorRole.LEAD, left_at__isnull=True).first()
    if current is not None and current.email.lower() == email.strip().lower():
        return
    if current is not None and current.accepted_at is not None:
        raise DomainError(_("The resident has already confirmed; the lead can no longer change."))
    if current is not None:
        current.left_at = timezone.now()  # the earlier invitation is withdrawn
        current.save(update_fields=["left_at"])
    _invite(initiative, by, email, role=InitiatorRole.LEAD)


def _invite(
    initiative: Initiative, by: User, email: str, *, role: str, extra: dict | None = None
) -> Initiator:
    email = email.strip().lower()
    existing = (
        initiative.initiators.filter(left_at__isnull=True).filter(email__iexact=email).first()
    )
    if existing is not None:
        return existing
    initiator = Initiator.objects.create(
        initiative=initiative, email=email, role=role, invited_at=timezone.now()
    )
    lead = role == InitiatorRole.LEAD
    link = absolute_url(reverse("initiatives:invitation", args=[initiator.token]))
    _send_invitation(initiative, by, email, link, lead=lead, extra=extra)
    _audit(initiative, by, "initiative.invited", role=role)
    return initiator


def _send_invitation(
    initiative: Initiative, by: User, email: str, link: str, *, lead: bool,
    extra: dict[str, Any] | None = None,
) -> None:  # fmt: skip
    notify_address(
        email=email,
        template="initiatives/invitation",
        context={"initiative": initiative, "inviter": by, "link": link, "lead": lead,
                 **(extra or {})},
    )  # fmt: skip


@transaction.atomic
def submit_initiative(*, initiative: Initiative, by: User) -> Initiative:
    """The lead initiator sends the intake in. Refused with the missing steps named."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    missing = intake.missing_steps(initiative)
    if missing:
        raise DomainError(
            _("Some steps are not complete yet: %(steps)s.")
            % {"steps": ", ".join(str(n) for n in missing)}
        )
    initiative = change_status(initiative=initiative, to=InitiativeStatus.SUBMITTED, by=by)
    notify(
        recipients=initiator_users(initiative),
        template="initiatives/submitted",
        context={"initiative": initiative, "link": absolute_url(initiative.get_absolute_url())},
        preference="status",
    )
    return initiative


# --- Lifecycle ------------------------------------------------------------------------------


@transaction.atomic
def give_publication_consent(*, initiative: Initiative, by: User) -> Initiative:
    """The initiators agree that the initiative is shown on the public pages (without names
    or e-mail addresses). Asked in the intake, or for an initiative born from a Samen Sterk
    application at the story step of the accountability. Giving it twice changes nothing."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not initiative.publication_consent:
        initiative.publication_consent = True
        initiative.save(update_fields=["publication_consent", "updated_at"])
        _audit(initiative, by, "initiative.publication_consent", given=True)
    return initiative


@transaction.atomic
def change_status(
    *, initiative: Initiative, to: str, by: User, reason: str = "", **extra: Any
) -> Initiative:
    """Move an initiative to `to`: lock, check the table, write, audit."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    now = timezone.now()
    stamps = {"status_changed_at": now}
    if to == InitiativeStatus.SUBMITTED:
        stamps["submitted_at"] = now
    if to == InitiativeStatus.ENDED:
        stamps.update(ended_at=now, result=extra.get("result", ""),
                      lessons=extra.get("lessons", ""))  # fmt: skip
    return transition(
        initiative, to, table=TRANSITIONS, by=by, reason=reason, action="initiative.status",
        stamps=stamps, clean_exclude=["created_by"],
    )  # fmt: skip


def _status_changed(initiative: Initiative, template: str) -> None:
    notify(
        recipients=initiator_users(initiative),
        template=template,
        context={"initiative": initiative, "link": absolute_url(initiative.get_absolute_url())},
        preference="status",
    )


@transaction.atomic
def activate_initiative(*, initiative: Initiative, by: User, reason: str = "") -> Initiative:
    initiative = change_status(
        initiative=initiative, to=InitiativeStatus.ACTIVE, by=by, reason=reason
    )
    _status_changed(initiative, "initiatives/activated")
    return initiative


@transaction.atomic
def pause_initiative(*, initiative: Initiative, by: User, reason: str) -> Initiative:
    initiative = change_status(
        initiative=initiative, to=InitiativeStatus.PAUSED, by=by, reason=reason
    )
    _status_changed(initiative, "initiatives/paused")
    return initiative


@transaction.atomic
def resume_initiative(*, initiative: Initiative, by: User, reason: str = "") -> Initiative:
    initiative = change_status(
        initiative=initiative, to=InitiativeStatus.ACTIVE, by=by, reason=reason
    )
    _status_changed(initiative, "initiatives/resumed")
    return initiative


@transaction.atomic
def end_initiative(
    *, initiative: Initiative, by: User, result: str, lessons: str, reason: str = ""
) -> Initiative:
    """End it and record the result without blame: not reaching it is a result too."""
    if result not in Result.values:
        raise DomainError(_("Choose whether the result was reached, partly reached or not."))
    initiative = change_status(
        initiative=initiative,
        to=InitiativeStatus.ENDED,
        by=by,
        reason=reason,
        result=result,
        lessons=lessons,
    )
    _status_changed(initiative, "initiatives/ended")
    return initiative


# --- Facilitators ---------------------------------------------------------------------------


@transaction.atomic
def assign_facilitators(
    *, initiative: Initiative, by: User, facilitator: User, backup: User | None, reason: str = ""
) -> Initiative:
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if backup is not None and backup.pk == facilitator.pk:
        raise DomainError(_("The backup facilitator must be someone else."))
    changed = (initiative.facilitator_id, initiative.backup_facilitator_id) != (
        facilitator.pk,
        backup.pk if backup else None,
    )
    initiative.facilitator = facilitator
    initiative.backup_facilitator = backup
    initiative.full_clean(exclude=["created_by"])
    initiative.save(update_fields=["facilitator", "backup_facilitator", "updated_at"])
    if changed:
        _audit(
            initiative,
            by,
            "initiative.facilitators_assigned",
            reason=reason,
            facilitator=facilitator.pk,
            backup=backup.pk if backup else None,
        )
        notify(
            recipients=initiator_users(initiative),
            template="initiatives/facilitator_assigned",
            context={"initiative": initiative, "link": absolute_url(initiative.get_absolute_url())},
            preference="status",
        )
    return initiative


# --- Timeline and messages ------------------------------------------------------------------


@transaction.atomic
def post_update(
    *, initiative: Initiative, by: User, kind: str, text: str, is_signal: bool = False
) -> Update:
    update = Update(
        initiative=initiative,
        author=by,
        kind=kind,
        text=text,
        is_signal=is_signal and kind == UpdateKind.OBSTACLE,
    )
    update.full_clean()
    update.save()
    _audit(initiative, by, "initiative.update_posted", kind=kind, signal=update.is_signal)
    return update


@transaction.atomic
def mark_signal_handled(*, update: Update, by: User, reason: str = "") -> Update:
    update = Update.objects.select_for_update().get(pk=update.pk)
    if not update.is_signal or update.signal_handled_at is not None:
        raise DomainError(_("This signal has already been picked up."))
    update.signal_handled_at = timezone.now()
    update.save(update_fields=["signal_handled_at"])
    _audit(update.initiative, by, "initiative.signal_handled", reason=reason, update=update.pk)
    return update


@transaction.atomic
def send_message(*, initiative: Initiative, by: User, body: str) -> Message:
    message = Message(initiative=initiative, sender=by, body=body)
    message.full_clean()
    message.save()
    initiators = initiator_users(initiative)
    to_residents = by.pk not in {u.pk for u in initiators}
    recipients = initiators if to_residents else facilitator_users(initiative)
    notify(
        recipients=[u for u in recipients if u.pk != by.pk],
        template="initiatives/message",
        context={
            "initiative": initiative,
            "sender": by,
            "text": body,  # on paper only (message_letter.txt): never in an e-mail
            "link": absolute_url(initiative.get_absolute_url()) + "#berichten",
        },
        preference="messages",
    )
    _audit(initiative, by, "initiative.message_sent")
    return message
