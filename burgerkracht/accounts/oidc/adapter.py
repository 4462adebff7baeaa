"""allauth's social-account and MFA adapters for the broker logins.

The apps come from LoginMethod rows (configuration is data); the secret from the
environment. pre_social_login checks the nonce and decides, per kind of login, whether the
person is known, is to be linked to an existing account after confirming, or is new.
"""

from __future__ import annotations

import hmac
import logging
import os

from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthError, AuthProcess
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from requests import RequestException

from burgerkracht.accounts.models import LoginMethod, User
from burgerkracht.accounts.oidc import session as broker_session
from burgerkracht.accounts.oidc.claims import Identity
from burgerkracht.accounts.oidc.provider import BrokerDown, BrokerError, BrokerProvider
from burgerkracht.accounts.roles import Role
from burgerkracht.core.models import AuditEvent

logger = logging.getLogger(__name__)
LINK_KEY = "broker_link"  # a DigiD login waiting for the person to confirm linking


def enabled_methods() -> list[LoginMethod]:
    return list(LoginMethod.objects.filter(enabled=True))


def app_for(method: LoginMethod) -> SocialApp:
    app = SocialApp(
        provider="openid_connect",
        provider_id=method.kind,
        name=method.label,
        client_id=method.client_id,
        secret=os.environ.get(method.secret_variable, ""),
        settings={"server_url": method.server_url, "oauth_pkce_enabled": True},
    )
    app.login_method = method  # read by BrokerProvider
    return app


def error_page(request: HttpRequest, message, *, status: int = 400) -> HttpResponse:
    return render(request, "accounts/oidc/error.html", {"message": message}, status=status)


def _fail(request: HttpRequest, message, code: str, *, status: int = 400):
    logger.warning("broker login refused: %s", code)
    return ImmediateHttpResponse(error_page(request, message, status=status))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None) -> list[SocialApp]:
        return [
            app_for(method)
            for method in enabled_methods()
            if provider in (None, method.kind, "openid_connect")
            and client_id in (None, method.client_id)
        ]

    def get_provider(self, request, provider, client_id=None):
        return BrokerProvider(request, app=self.get_app(request, provider, client_id=client_id))

    def list_providers(self, request) -> list:
        return [BrokerProvider(request, app=app) for app in self.list_apps(request)]

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return True

    def populate_user(self, request, sociallogin, data):
        user = sociallogin.user
        user.full_name = (data.get("name") or "")[:150]
        email = (data.get("email") or "").lower()
        # E-mail is unique: an address another account has stays with that account.
        taken = email and User.objects.filter(email__iexact=email).exists()
        user.email = email if email and not taken else None
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        identity: Identity | None = getattr(request, "broker_identity", None)
        roles = identity.roles if identity and identity.kind == LoginMethod.Kind.STAFF else ()
        user.groups.add(*Group.objects.filter(name__in=roles or [Role.RESIDENT]))
        AuditEvent.record(
            subject=user, actor=user, action="account.signed_up",
            data={"via": sociallogin.account.provider},
        )  # fmt: skip
        return user

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            # Linking goes through our own confirmation page (views.LinkView), never
            # allauth's connect: a staff SSO account on a resident's account would bring roles.
            raise _fail(request, _("This login attempt is not known."), "connect")
        identity = getattr(sociallogin, "identity", None)
        if identity is None:
            # Back from the confirmation page (views.LinkView): checked at the callback.
            identity = getattr(request, "broker_identity", None)
            if identity is None:
                raise _fail(request, _("This login attempt is not known."), "no_identity")
        else:
            expected = str(sociallogin.state.get("nonce") or "")
            got = str((sociallogin.id_token_claims or {}).get("nonce") or "")
            if not expected or not hmac.compare_digest(expected, got):
                raise _fail(request, _("The answer of the login service was not right."), "nonce")
        if sociallogin.state.get("level") and _someone_else(request, identity):
            raise _fail(
                request,
                _("You logged in with another DigiD than before. Log out first."),
                "other_person",
            )
        request.broker_identity = identity
        request.broker_second_factor = identity.second_factor
        broker_session.stash_pending(request, identity)
        if sociallogin.is_existing:
            return
        if identity.kind == LoginMethod.Kind.DIGID:
            self._digid(request, sociallogin, identity)
        elif identity.kind == LoginMethod.Kind.STAFF:
            self._staff(request, sociallogin, identity)

    def _digid(self, request, sociallogin, identity: Identity) -> None:
        owner = User.objects.filter(bsn_hash=identity.uid).first()
        if owner is not None:  # the same BSN: the same person
            sociallogin.connect(request, owner)
            return
        candidate = request.user if request.user.is_authenticated else None
        if candidate is None and identity.email and identity.email_verified:
            candidate = User.objects.filter(email__iexact=identity.email).first()
        if candidate is None:
            return  # a new account
        if candidate.bsn_hash:
            raise _fail(
                request,
                _("This account is already linked to another DigiD. Log out first."),
                "linked_to_other",
            )
        request.session[LINK_KEY] = {
            "sociallogin": sociallogin.serialize(),
            "user": candidate.pk,
            "identity": broker_session.seal(identity),
        }
        raise ImmediateHttpResponse(redirect("oidc:link"))

    def _staff(self, request, sociallogin, identity: Identity) -> None:
        user = User.objects.filter(email__iexact=identity.email).first() if identity.email else None
        if user is not None:
            sociallogin.connect(request, user)
        elif not identity.roles:
            raise _fail(
                request,
                _(
                    "The portal does not know you yet. Ask the portal's administrator to make "
                    "an account for your e-mail address."
                ),
                "staff_unknown",
                status=403,
            )

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        if error == AuthError.CANCELLED:
            return  # allauth's "login cancelled" page
        status = 400
        if isinstance(exception, BrokerError):
            message, code = exception.message, exception.code
        elif isinstance(exception, BrokerDown | RequestException):
            message, code, status = _broker_down(), "broker_down", 503
        elif isinstance(exception, OAuth2Error) and "id_token" in str(exception):
            message, code = _("The answer of the login service was not right."), "id_token"
        elif isinstance(exception, OAuth2Error) and "invalid_grant" in str(exception):
            message, code = _("This login attempt has expired or was already used."), "code"
        elif isinstance(exception, OAuth2Error):  # the token endpoint failed otherwise
            message, code, status = _broker_down(), "token_endpoint", 503
        elif exception is None and "state_id" in (extra_context or {}):
            message, code = _("This login attempt has expired or is not known."), "state"
        else:
            message, code = _("The login service reported an error."), "broker_error"
        raise _fail(request, message, code, status=status)


def _someone_else(request, identity: Identity) -> bool:
    """A login at a higher level must be the same person as the one logged in."""
    user = request.user
    return bool(user.is_authenticated and user.bsn_hash and user.bsn_hash != identity.uid)


def _broker_down() -> str:
    return _("The login service cannot be reached right now. Try again in a few minutes.")


class MFAAdapter(DefaultMFAAdapter):
    def is_mfa_enabled(self, user, types=None) -> bool:
        """A staff login whose broker reported a second factor is not asked for the portal's
        own (allauth.mfa's login stage asks this during the broker's callback)."""
        request = context.request
        if request is not None and getattr(request, "broker_second_factor", False):
            return False
        return super().is_mfa_enabled(user, types=types)
