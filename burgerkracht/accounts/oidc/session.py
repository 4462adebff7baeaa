"""What the session keeps of a broker login, the DigiD idle timeout, and logging out at the
broker (RP-initiated logout).

The session holds, under LOGIN_KEY: the method's kind, the DigiD level of assurance, whether
the broker reported a second factor, and the ID token for the broker's logout — encrypted
(core.privacy.crypto), because a DigiD ID token carries the BSN.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest

from burgerkracht.accounts.models import LoginMethod
from burgerkracht.accounts.oidc.claims import Identity
from burgerkracht.core.privacy import crypto

LOGIN_KEY = "broker_login"
PENDING_KEY = "broker_pending"  # the identity of a login that is not finished yet
SEEN_KEY = "broker_seen"  # the last request of a DigiD session (time.time())
RESUME_KEY = "broker_resume"  # a form sent after the DigiD session had expired
# Set when a DigiD session ended for lack of activity: the next broker login asks the person
# to log in again at the broker (prompt=login), even while the broker's own session lasts.
REAUTH_KEY = "broker_reauthenticate"


def login_info(request: HttpRequest) -> dict[str, Any]:
    return login_info_of(request.session) if hasattr(request, "session") else {}


def login_info_of(session) -> dict[str, Any]:
    info = session.get(LOGIN_KEY)
    return info if isinstance(info, dict) else {}


def login_kind_of(session) -> str:
    return login_info_of(session).get("kind", "")


def login_kind(request: HttpRequest) -> str:
    return login_info(request).get("kind", "")


def level(request: HttpRequest) -> str:
    return login_info(request).get("level", "")


def second_factor_at_broker(request: HttpRequest) -> bool:
    return bool(login_info(request).get("second_factor"))


def seal(identity: Identity) -> str:
    """The identity as it may be kept in the session: encrypted (it may hold the BSN)."""
    return crypto.encrypt(json.dumps(asdict(identity)))


def unseal(token: str) -> Identity | None:
    try:
        data = json.loads(crypto.decrypt(token))
    except (crypto.DecryptionError, ValueError):
        return None
    data["roles"] = tuple(data.get("roles") or ())
    return Identity(**data)


def stash_pending(request: HttpRequest, identity: Identity) -> None:
    request.session[PENDING_KEY] = seal(identity)


def pop_pending(request: HttpRequest) -> Identity | None:
    token = request.session.pop(PENDING_KEY, None)
    return unseal(token) if token else None


def start(request: HttpRequest, identity: Identity, id_token: str) -> None:
    """Called once the person is logged in through the broker."""
    request.session[LOGIN_KEY] = {
        "kind": identity.kind,
        "level": identity.level,
        "second_factor": identity.second_factor,
        "id_token": crypto.encrypt(id_token) if id_token else "",
    }
    request.session[SEEN_KEY] = time.time()


def idle_seconds() -> int:
    return settings.DIGID_IDLE_TIMEOUT_SECONDS


def expires_at(request: HttpRequest) -> float | None:
    """When the DigiD session ends without activity (a time.time() value), or None."""
    if login_kind(request) != LoginMethod.Kind.DIGID:
        return None
    seen = request.session.get(SEEN_KEY)
    return (seen or time.time()) + idle_seconds()


def end_session_url(request: HttpRequest, openid_config: dict, method: LoginMethod) -> str:
    """The broker's logout address for this session, or "" when the broker has none.

    A DigiD ID token carries the BSN, so it is not sent as `id_token_hint`: this address is
    opened by the browser (which keeps it in its history) and written to the broker's access
    log. `client_id` says which client it is (RP-Initiated Logout 1.0, section 2); the broker
    may then ask the person to confirm. A POST would keep the token out of the address, but
    a cross-site POST loses the broker's SameSite=Lax session cookie, so the broker would
    not know which session to end (docs/security.md)."""
    endpoint = openid_config.get("end_session_endpoint")
    if not endpoint:
        return ""
    params = {
        "client_id": method.client_id,
        "post_logout_redirect_uri": settings.SITE_URL + "/",
    }
    token = login_info(request).get("id_token")
    if token and method.kind != LoginMethod.Kind.DIGID:
        with contextlib.suppress(crypto.DecryptionError):
            params["id_token_hint"] = crypto.decrypt(token)
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urlencode(params)}"
