"""Every write to an account goes through here, and into the audit trail."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts import data_export, erasure
from burgerkracht.accounts.models import User
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, Neighbourhood
from burgerkracht.core.postal.queue import cancel_post_to
from burgerkracht.core.services import withdraw_mail_to

PROFILE_FIELDS = (
    "full_name",
    "phone",
    "neighbourhood",
    "notify_messages",
    "notify_status",
    "notify_reminders",
    "by_post",
    "street_address",
    "postal_code",
    "city",
)


@transaction.atomic
def update_profile(*, user: User, by: User, **changes: Any) -> User:
    """Change the profile fields; records which fields changed (never their values)."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, changes[name])
    if changed:
        user.full_clean(exclude=["password"])
        user.save(update_fields=changed)
        AuditEvent.record(
            subject=user, actor=by, action="profile.updated", data={"fields": sorted(changed)}
        )
    return user


def export_personal_data(*, user: User) -> dict[str, Any]:
    """Everything the portal holds about this person, as JSON-serialisable data."""
    neighbourhood: Neighbourhood | None = user.neighbourhood
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "name": user.full_name,
            "phone": user.phone,
            "postal_address": {
                "street_address": user.street_address,
                "postal_code": user.postal_code,
                "city": user.city,
                "by_post": user.by_post,
            },
            "neighbourhood": neighbourhood.name if neighbourhood else None,
            # The BSN only masked, here too (docs/privacy.md): the file travels by e-mail.
            "digid_bsn": user.masked_bsn or None,
            "eherkenning": {
                "kvk_number": user.kvk_number,
                "branch_number": user.branch_number,
                "organisation": user.organisation_name,
            }
            if user.kvk_number
            else None,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user.role_names),
            "notifications": {
                "messages": user.notify_messages,
                "status": user.notify_status,
                "reminders": user.notify_reminders,
            },
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_step_login": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "activity": [
            {"time": e.created_at.isoformat(), "action": e.action, "reason": e.reason}
            for e in AuditEvent.objects.filter(actor=user).order_by("created_at", "pk")
        ],
    }
    for section, exporter in data_export.exporters().items():
        data[section] = exporter(user)
    return data


@transaction.atomic
def delete_account(*, user: User, by: User | None, reason: str = "") -> User:
    """Erase a person's account.

    Their name, contact details, BSN, e-mail addresses, second factors, broker logins and
    sessions are removed
    and they can no longer log in. Records the municipality must keep by law (decisions and
    grant dossiers, under the Archiefwet) stay, but point at the anonymous account that is
    left; so does the audit trail, whose events keep that account as their actor: a stable
    pseudonym without personal data, so nobody erases what they did. Mails still waiting in
    the outbox no longer go to the person's addresses (`withdraw_mail_to`, in this
    transaction). `by=None` is the system: the purge erasing an account that was not used for
    the retention period. The municipality's staff do not erase themselves (an administrator
    deactivates them). First the apps' erasure steps run (burgerkracht.accounts.erasure):
    the person stops as initiator everywhere, through the same path as "Ik stop".
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if by is not None and by.pk == user.pk and user.is_municipal_staff:
        raise DomainError(_("Staff accounts are deactivated by an administrator."))
    AuditEvent.record(subject=user, actor=by, action="account.deleted", reason=reason)
    erasure.before_erasure(user, by)  # e.g. stop as initiator everywhere (SC-13)
    addresses = {
        *([user.email] if user.email else []),  # a resident without e-mail has none (SC-11)
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    } - {None, ""}  # a resident without e-mail (SC-11) has none
    withdraw_mail_to(addresses=sorted(addresses), subject=user, by=by)
    cancel_post_to(user=user, by=by, reason=_("The account was deleted."))
    EmailAddress.objects.filter(user=user).delete()
    user.claim_codes.all().delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()  # DigiD, eHerkenning, SSO links
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
    user.email = f"verwijderd-{user.pk}@invalid.invalid"
    user.full_name = ""
    user.phone = ""
    user.street_address = user.postal_code = user.city = ""
    user.by_post = False
    user.neighbourhood = None
    user.bsn, user.bsn_hash = "", None
    user.kvk_number = user.branch_number = user.organisation_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    return user
