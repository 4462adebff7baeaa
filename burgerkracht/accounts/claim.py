"""A resident without e-mail takes over their own account (SC-11).

The professional or the facilitator makes a one-time claim code (printed on a letter; only a
hash is stored, valid CLAIM_VALID_DAYS). The resident enters it with their own e-mail address
at /account/overnemen/; a signed link goes to that address; opening it puts the address on
the same account and lets the resident choose a password. History stays: it is the same
person.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.accounts.models import ClaimCode, User
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify_address
from burgerkracht.core.models import AuditEvent

CLAIM_VALID_DAYS = 60
LINK_VALID_SECONDS = 3 * 24 * 3600
# No 0/O, 1/I/L: the code is read from paper and typed in.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SALT = "burgerkracht.accounts.claim"


def _hash(code: str) -> str:
    normal = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


@transaction.atomic
def make_claim_code(*, user: User, by: User) -> str:
    """A new code for a person without e-mail; earlier codes stop working. Returns the code
    itself, once: it is printed, never stored."""
    if user.email:
        raise DomainError(_("This resident already has an e-mail address and can log in."))
    now = timezone.now()
    user.claim_codes.filter(used_at__isnull=True).update(expires_at=now)
    code = _new_code()
    ClaimCode.objects.create(
        user=user, code_hash=_hash(code), created_by=by,
        expires_at=now + timedelta(days=CLAIM_VALID_DAYS),
    )  # fmt: skip
    AuditEvent.record(subject=user, actor=by, action="account.claim_code_made")
    return code


def _valid_claim(code: str) -> ClaimCode:
    claim = ClaimCode.objects.select_related("user").filter(code_hash=_hash(code)).first()
    if claim is None or not claim.is_valid or claim.user.email:
        raise DomainError(_("This code is not right, has been used or is no longer valid."))
    return claim


def _email_taken(email: str, user: User) -> bool:
    return User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()


@transaction.atomic
def request_claim(*, code: str, email: str) -> None:
    """Check the code and send a confirmation link to the given address."""
    claim = _valid_claim(code)
    email = email.strip().lower()
    if _email_taken(email, claim.user):
        raise DomainError(
            _("There is already an account with this e-mail address. Log in with it, or "
              "ask the person who helped you.")
        )  # fmt: skip
    token = signing.dumps({"claim": claim.pk, "email": email}, salt=SALT)
    notify_address(
        email=email,
        template="accounts/claim_confirm",
        context={"link": absolute_url(reverse("claim:confirm", args=[token])),
                 "days": LINK_VALID_SECONDS // 86400},
    )  # fmt: skip
    AuditEvent.record(subject=claim.user, actor=None, action="account.claim_requested")


def read_token(token: str) -> tuple[ClaimCode, str]:
    """The claim and the address a confirmation link is for; refused when it is stale."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_VALID_SECONDS)
    except signing.BadSignature:
        raise DomainError(_("This link is not right or is no longer valid.")) from None
    claim = ClaimCode.objects.select_related("user").filter(pk=data.get("claim")).first()
    if claim is None or not claim.is_valid or claim.user.email:
        raise DomainError(_("This link is not right or is no longer valid."))
    return claim, data["email"]


@transaction.atomic
def confirm_claim(*, token: str, password_form) -> User:
    """Put the confirmed address on the same account and set the chosen password (through
    Django's SetPasswordForm, already validated)."""
    claim, email = read_token(token)
    claim = ClaimCode.objects.select_for_update().select_related("user").get(pk=claim.pk)
    user = claim.user
    if _email_taken(email, user):
        raise DomainError(_("There is already an account with this e-mail address."))
    user.email = email
    user.save(update_fields=["email"])
    password_form.user = user
    password_form.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    claim.used_at = timezone.now()
    claim.save(update_fields=["used_at"])
    AuditEvent.record(subject=user, actor=user, action="account.claimed")
    return user
