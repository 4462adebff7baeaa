"""allauth's OpenID Connect provider, with what it leaves out for a DigiD broker.

- a nonce: sent with every authorisation request, kept in allauth's state, and compared with
  the ID token's `nonce` claim (adapter.py, pre_social_login);
- the ID token's signature is always checked against the broker's keys (JWKS), also when
  allauth fetched the token itself (it skips that then, as OIDC Core 3.1.3.7 allows);
- the uid is a keyed hash of the BSN for DigiD, and the account's extra data keeps no claim
  that identifies a person (the BSN never reaches allauth's tables);
- PKCE always; a broker that cannot be reached gives a page, not a server error.
"""

from __future__ import annotations

import secrets

import jwt
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.base import ProviderException
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import HttpRequest
from requests import RequestException

from burgerkracht.accounts.models import AssuranceLevel, LoginMethod
from burgerkracht.accounts.oidc import claims as claimkit
from burgerkracht.accounts.oidc import session as broker_session

# What of the claims allauth may store with the account (SocialAccount.extra_data).
KEPT_CLAIMS = ("iss", "acr", "amr", "auth_time")
LEVEL_PARAM = "niveau"
CLOCK_SKEW_SECONDS = 60


class BrokerError(ProviderException):
    """A login that must stop, with the Dutch text to show (never a claim's value)."""

    def __init__(self, message, *, code: str = "error") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class BrokerOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    def complete_login(self, request: HttpRequest, app, token, **kwargs):
        login = super().complete_login(request, app, token, **kwargs)
        # For RP-initiated logout (session.py): the raw ID token, kept encrypted.
        request.broker_id_token = kwargs["response"].get("id_token") or ""
        return login

    def _decode_id_token(self, app, id_token: str) -> dict:
        """As allauth's jwtkit.verify_and_decode, with the signature always checked and a
        minute's leeway on exp, iat and nbf: the broker's clock and ours may differ a little."""
        try:
            alg, key = jwtkit.fetch_key(
                id_token, self.openid_config["jwks_uri"], jwtkit.lookup_kid_jwk
            )
            data = jwt.decode(
                id_token,
                key=key,
                algorithms=[alg],
                issuer=self.openid_config["issuer"],
                audience=app.client_id,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise OAuth2Error("Invalid id_token") from error
        jwtkit.verify_jti(data)
        return data


class BrokerProvider(OpenIDConnectProvider):
    oauth2_adapter_class = BrokerOAuth2Adapter

    @property
    def method(self) -> LoginMethod:
        return self.app.login_method

    def get_scope(self):
        return self.method.scope.split() or ["openid"]

    def redirect(self, request: HttpRequest, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = dict(kwargs.pop("auth_params", None) or self.get_auth_params())
        auth_params["nonce"] = nonce
        level = request.POST.get(LEVEL_PARAM) or request.GET.get(LEVEL_PARAM) or ""
        if self.method.kind == LoginMethod.Kind.DIGID and level in AssuranceLevel.values:
            auth_params["acr_values"] = claimkit.LEVEL_URNS[level]
            auth_params["prompt"] = "login"  # log in again, also with a session at the broker
            kwargs["level"] = level
        if request.session.pop(broker_session.REAUTH_KEY, False):
            # After an idle timeout: not straight back in on the broker's session, which
            # outlives ours (someone else at this computer would be).
            auth_params["prompt"] = "login"
        try:
            return super().redirect(
                request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
            )
        except RequestException as error:
            from allauth.socialaccount.helpers import render_authentication_error

            return render_authentication_error(request, self, exception=BrokerDown(error))

    def sociallogin_from_response(self, request: HttpRequest, response):
        id_token = response.get("id_token") or {}
        userinfo = response.get("userinfo") or {}
        if userinfo and id_token and userinfo.get("sub") != id_token.get("sub"):
            raise BrokerError(_wrong_answer(), code="sub_mismatch")
        merged = {**userinfo, **id_token}  # the signed claims win
        try:
            identity = claimkit.identity_from(self.method, merged, str(merged.get("sub", "")))
        except claimkit.ClaimError as error:
            raise BrokerError(error.message, code="claim_missing") from None
        if not identity.uid:
            raise BrokerError(_wrong_answer(), code="no_subject")
        self._identity = identity
        login = super().sociallogin_from_response(request, response)
        login.identity = identity
        login.id_token_claims = id_token
        return login

    def extract_uid(self, data):
        return self._identity.uid

    def extract_extra_data(self, data):
        id_token = data.get("id_token") or {}
        return {"id_token": {k: id_token[k] for k in KEPT_CLAIMS if k in id_token}}

    def extract_common_fields(self, data):
        identity = self._identity
        return {
            "email": identity.email if identity.email_verified else "",
            "name": identity.name,
        }

    def extract_email_addresses(self, data):
        from allauth.account.models import EmailAddress

        identity = self._identity
        if identity.email and identity.email_verified:
            return [EmailAddress(email=identity.email, verified=True, primary=True)]
        return []


class BrokerDown(ProviderException):
    """The broker's discovery document, keys or token endpoint could not be reached."""


def _wrong_answer():
    from django.utils.translation import gettext

    return gettext("The answer of the login service was not right.")
