"""What the broker's claims say about the person who logged in. Pure functions.

The BSN is the identity of a DigiD login; it leaves this module only as a keyed hash (the
account's uid) and, for the User row, in the encrypted field. Nothing here logs it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as stdnum_bsn

from burgerkracht.accounts.models import AssuranceLevel, LoginMethod
from burgerkracht.core.validation import kvk

# The SAML authentication contexts of DigiD and eIDAS as brokers pass them on in `acr`.
LEVEL_URNS = {
    AssuranceLevel.BASIS: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    AssuranceLevel.MIDDEN: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    AssuranceLevel.SUBSTANTIEEL: "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    AssuranceLevel.HOOG: "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
}
SAML_LEVELS = {urn.lower(): level for level, urn in LEVEL_URNS.items()}


class ClaimError(Exception):
    """The claims lack what the login method needs (a BSN, a KvK number). `message` is the
    Dutch text shown to the person; the exception never carries a claim's value."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Identity:
    kind: str
    uid: str
    name: str = ""
    email: str = ""
    email_verified: bool = False
    bsn: str = field(default="", repr=False)
    level: str = ""
    kvk_number: str = ""
    branch_number: str = ""
    organisation_name: str = ""
    second_factor: bool = False
    roles: tuple[str, ...] = ()


def bsn_hash(bsn: str) -> str:
    """A keyed hash of the BSN (HMAC-SHA256 with BSN_HASH_KEY): the same person gives the same
    value, and without the key nobody can find a BSN from it by trying all nine-digit numbers."""
    key = (settings.BSN_HASH_KEY or settings.SECRET_KEY).encode()
    return hmac.new(key, b"bsn:" + bsn.encode(), hashlib.sha256).hexdigest()


def level_of(value: Any) -> str:
    """The DigiD level a claim value stands for ("" when it says none we know)."""
    values = value if isinstance(value, list) else [value]
    found = ""
    for item in values:
        text = str(item or "").strip().lower()
        level = SAML_LEVELS.get(text) or (text if text in AssuranceLevel.values else "")
        if AssuranceLevel.rank(level) > AssuranceLevel.rank(found):
            found = level
    return found


def _text(claims: dict, name: str) -> str:
    value = claims.get(name) if name else None
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() if value not in (None, "") else ""


def _second_factor(method: LoginMethod, claims: dict) -> bool:
    amr = claims.get("amr") or []
    amr = set(amr if isinstance(amr, list) else str(amr).split())
    acr = set(str(claims.get("acr") or "").split())
    return bool(amr & method.values("second_factor_amr")) or bool(
        acr & method.values("second_factor_acr")
    )


def _roles(method: LoginMethod, claims: dict) -> tuple[str, ...]:
    if not method.claim_roles:
        return ()
    value = claims.get(method.claim_roles) or []
    values = value if isinstance(value, list) else str(value).split()
    mapping = method.role_mapping or {}
    return tuple(sorted({mapping[str(v)] for v in values if str(v) in mapping}))


def identity_from(method: LoginMethod, claims: dict, subject: str) -> Identity:
    """The identity of a login by `method`, from the merged ID-token and userinfo claims."""
    common = {
        "kind": method.kind,
        "name": _text(claims, method.claim_name),
        "email": _text(claims, method.claim_email).lower(),
        "email_verified": bool(claims.get("email_verified")),
    }
    if method.kind == LoginMethod.Kind.DIGID:
        number = _text(claims, method.claim_bsn)
        if not number:
            raise ClaimError(_("DigiD did not tell us your citizen service number (BSN)."))
        number = stdnum_bsn.compact(number)  # pads to nine digits
        if not stdnum_bsn.is_valid(number):
            raise ClaimError(_("DigiD passed on a citizen service number (BSN) that is not valid."))
        return Identity(
            uid=bsn_hash(number), bsn=number, level=level_of(claims.get(method.claim_level)),
            **common,
        )  # fmt: skip
    if method.kind == LoginMethod.Kind.EHERKENNING:
        number = kvk.compact(_text(claims, method.claim_kvk))
        if not (number.isdigit() and len(number) == kvk.LENGTH):
            raise ClaimError(_("eHerkenning did not tell us the KvK number of your organisation."))
        branch = kvk.compact(_text(claims, method.claim_branch))
        return Identity(
            uid=subject, kvk_number=number,
            branch_number=branch if branch.isdigit() and len(branch) == kvk.BRANCH_LENGTH else "",
            organisation_name=_text(claims, method.claim_organisation)[:200], **common,
        )  # fmt: skip
    return Identity(
        uid=subject, second_factor=_second_factor(method, claims), roles=_roles(method, claims),
        **common,
    )  # fmt: skip
