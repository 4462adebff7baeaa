"""Registering together with a resident who has no e-mail address (SC-11).

A professional (wijkteam, buurtvoorlichter) registers the initiative with the resident. The
resident becomes a person without a login: a name, a postal address and/or a phone number.
The professional records the resident's consent instead of the resident's own confirmation,
and can print a consent form for the resident to sign.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, Municipality
from initiatives.enums import ASSISTED_CHANNELS, Channel, InitiativeStatus, InitiatorRole
from initiatives.models import Initiative, Initiator

RESIDENT_FIELDS = ("full_name", "street_address", "postal_code", "city", "phone")


def offline_lead(initiative: Initiative) -> User | None:
    """The lead initiator when that is a resident without e-mail (read from all(): a page
    that prefetched the initiators asks nothing more)."""
    for initiator in initiative.initiators.all():
        if initiator.is_active and initiator.role == InitiatorRole.LEAD:
            user = initiator.user
            return user if user is not None and not user.email else None
    return None


@transaction.atomic
def register_resident_without_email(
    *,
    initiative: Initiative,
    by: User,
    channel: str,
    consent: bool,
    full_name: str,
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    phone: str = "",
) -> User:
    """Make the resident the lead initiator at once, consent recorded by the professional.

    A pending e-mail invitation to lead is withdrawn. Asked again, the same resident's
    details are corrected (the resident without e-mail stays the same person)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status != InitiativeStatus.DRAFT:
        raise DomainError(_("This initiative has been submitted; its intake can no longer change."))
    if initiative.assisted_by_id != by.pk:
        raise DomainError(_("Only the professional who registers this initiative can do this."))
    if not consent:
        raise DomainError(_("Record that the resident has given consent."))
    if channel not in ASSISTED_CHANNELS:
        raise DomainError(_("Choose how you register this together with the resident."))
    if not full_name.strip():
        raise DomainError(_("Enter the name of the resident."))
    has_address = street_address.strip() and postal_code.strip() and city.strip()
    if not (has_address or phone.strip()):
        raise DomainError(_("Enter a postal address or a phone number of the resident."))
    details = {
        "full_name": full_name.strip(), "street_address": street_address.strip(),
        "postal_code": postal_code.strip().upper(), "city": city.strip(), "phone": phone.strip(),
    }  # fmt: skip
    lead = initiative.initiators.filter(role=InitiatorRole.LEAD, left_at__isnull=True).first()
    if lead is not None and lead.accepted_at is not None:
        if lead.user is None or lead.user.email:
            raise DomainError(
                _("The resident has already confirmed; the lead can no longer change.")
            )
        resident = lead.user
        for name, value in details.items():
            setattr(resident, name, value)
        resident.save(update_fields=list(details))
    else:
        if lead is not None:  # an e-mail invitation to lead is withdrawn
            lead.left_at = timezone.now()
            lead.save(update_fields=["left_at"])
        resident = _create_resident(details)
        now = timezone.now()
        Initiator.objects.create(
            initiative=initiative, user=resident, email="", role=InitiatorRole.LEAD,
            invited_at=now, accepted_at=now,
        )  # fmt: skip
    initiative.channel = channel
    initiative.consent_recorded_at = timezone.now()
    initiative.consent_recorded_by = by
    initiative.save(
        update_fields=["channel", "consent_recorded_at", "consent_recorded_by", "updated_at"]
    )
    AuditEvent.record(
        subject=initiative, actor=by, action="initiative.consent_recorded",
        reason=_("The resident has no e-mail address; the professional records the consent."),
        data={"channel": channel, "resident": resident.pk},
    )  # fmt: skip
    return resident


def _create_resident(details: dict) -> User:
    resident = User(email=None, **details)
    resident.set_unusable_password()
    resident.save()
    resident.groups.add(Group.objects.get(name=Role.RESIDENT))
    AuditEvent.record(subject=resident, actor=None, action="account.created_without_email")
    return resident


@transaction.atomic
def set_channel(*, initiative: Initiative, by: User, channel: str) -> Initiative:
    """The professional says how the registration came in, at the start."""
    if channel not in Channel.values:
        raise DomainError(_("Choose how you register this together with the resident."))
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.channel != channel:
        initiative.channel = channel
        initiative.save(update_fields=["channel", "updated_at"])
        AuditEvent.record(
            subject=initiative, actor=by, action="initiative.channel_set", data={"channel": channel}
        )
    return initiative


def consent_form_pdf(*, initiative: Initiative) -> bytes:
    """The printable consent form: the resident signs it, the professional too."""
    from django.utils import translation

    from burgerkracht.core.files.pdf import logo_data_url, render_pdf

    municipality = Municipality.current()
    resident = offline_lead(initiative)
    helper = initiative.assisted_by
    with translation.override("nl"):
        recipient = resident.postal_lines if resident else [_("The resident")]
        return render_pdf(
            "pdf/consent_form.html",
            {
                "initiative": initiative, "resident": resident, "helper": helper,
                "municipality": municipality, "logo_url": logo_data_url(municipality),
                "recipient_lines": recipient, "reference": initiative.reference,
                "subject": _("Consent for your initiative \"%(title)s\"")
                % {"title": initiative.title},
                "contact": _contact(helper, municipality),
            },
        )  # fmt: skip


def _contact(person: User | None, municipality) -> dict:
    if person is None:
        return {"name": municipality.name, "email": municipality.email, "phone": municipality.phone}
    return {
        "name": person.full_name or person.email,
        "email": person.email,
        "phone": person.phone or municipality.phone,
    }


@transaction.atomic
def claim_letter_pdf(*, initiative: Initiative, by: User) -> bytes:
    """A new claim code for the resident without e-mail, printed on a letter to them."""
    from django.utils import translation

    from burgerkracht.accounts.claim import CLAIM_VALID_DAYS, make_claim_code
    from burgerkracht.core.files.pdf import logo_data_url, render_pdf
    from burgerkracht.core.messaging.notifications import absolute_url

    resident = offline_lead(initiative)
    if resident is None:
        raise DomainError(_("This initiative has no resident without e-mail."))
    code = make_claim_code(user=resident, by=by)
    AuditEvent.record(subject=initiative, actor=by, action="initiative.claim_letter_made")
    municipality = Municipality.current()
    with translation.override("nl"):
        return render_pdf(
            "pdf/claim_letter.html",
            {
                "initiative": initiative, "resident": resident, "code": code,
                "claim_url": absolute_url("/account/overnemen/"), "days": CLAIM_VALID_DAYS,
                "valid_until": timezone.localdate() + timedelta(days=CLAIM_VALID_DAYS),
                "municipality": municipality, "logo_url": logo_data_url(municipality),
                "recipient_lines": resident.postal_lines, "reference": initiative.reference,
                "subject": _("Your own account on the portal"),
                "contact": _contact(initiative.assisted_by or initiative.facilitator, municipality),
            },
        )  # fmt: skip
