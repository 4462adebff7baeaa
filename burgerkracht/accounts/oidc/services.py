"""What a finished broker login changes: the person's account and the session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest

from burgerkracht.accounts.models import LoginMethod, User
from burgerkracht.accounts.oidc import session as broker_session
from burgerkracht.accounts.oidc.claims import Identity
from burgerkracht.core.models import AuditEvent

if TYPE_CHECKING:
    from allauth.socialaccount.models import SocialLogin


def finish_login(request: HttpRequest, user: User, sociallogin: SocialLogin | None = None) -> None:
    """allauth's user_logged_in: a broker login records its identity on the account and in
    the session; any other login clears what an earlier broker login left in the session."""
    identity = None
    if sociallogin is not None:
        # In the session while a login stage (the portal's TOTP) asks more; on the request
        # when allauth first logged out whoever was logged in (and so emptied the session).
        identity = broker_session.pop_pending(request) or getattr(request, "broker_identity", None)
    if identity is None:
        request.session.pop(broker_session.LOGIN_KEY, None)
        return
    apply_identity(user, identity)
    broker_session.start(request, identity, getattr(request, "broker_id_token", ""))


@transaction.atomic
def apply_identity(user: User, identity: Identity) -> None:
    fields: list[str] = []
    if identity.kind == LoginMethod.Kind.DIGID:
        if user.bsn_hash != identity.uid:
            user.bsn, user.bsn_hash = identity.bsn, identity.uid
            fields += ["bsn", "bsn_hash"]
            AuditEvent.record(subject=user, actor=user, action="account.digid_linked")
        if identity.name and not user.full_name:
            user.full_name = identity.name[:150]
            fields.append("full_name")
    elif identity.kind == LoginMethod.Kind.EHERKENNING:
        # The organisation and the acting person of this login.
        user.kvk_number, user.branch_number = identity.kvk_number, identity.branch_number
        user.organisation_name = identity.organisation_name or user.organisation_name
        user.full_name = (identity.name or user.full_name)[:150]
        fields += ["kvk_number", "branch_number", "organisation_name", "full_name"]
    else:
        sync_roles(user, identity)
    if fields:
        user.save(update_fields=fields)


def sync_roles(user: User, identity: Identity) -> None:
    """With a role claim configured, the portal's roles named in the mapping follow the
    claim; roles the mapping does not name stay as an administrator set them."""
    method = LoginMethod.objects.filter(kind=LoginMethod.Kind.STAFF).first()
    if method is None or not method.claim_roles:
        return
    mapped = set((method.role_mapping or {}).values())
    keep = set(identity.roles)
    current = set(user.groups.values_list("name", flat=True))
    remove, add = (current & mapped) - keep, keep - current
    if remove:
        user.groups.remove(*Group.objects.filter(name__in=remove))
    if add:
        user.groups.add(*Group.objects.filter(name__in=add))
    if remove or add:
        vars(user).pop("role_names", None)
        AuditEvent.record(
            subject=user, actor=user, action="account.roles_from_sso",
            data={"added": sorted(add), "removed": sorted(remove)},
        )  # fmt: skip
