"""The DigiD session's idle timeout on every page (templates/accounts/oidc/idle_notice.html):
a visible notice without JavaScript, a dialog a few minutes before with it. No queries."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest

from burgerkracht.accounts.oidc import session as broker_session


def digid_session(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    ends = broker_session.expires_at(request) if user and user.is_authenticated else None
    if ends is None:
        return {}
    return {
        "digid_session": {
            "ends": datetime.fromtimestamp(ends, UTC),
            "ends_in": max(0, int(ends - time.time())),
            "warning": settings.DIGID_IDLE_WARNING_SECONDS,
            "minutes": broker_session.idle_seconds() // 60,
        }
    }
