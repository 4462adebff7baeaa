"""DigiD sessions end after DIGID_IDLE_TIMEOUT_SECONDS without a request (the DigiD norms
ask for 15 minutes); a form that arrives after that is kept for the same person. And the
pages with a broker's login button may send their form on to that broker (CSP form-action)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from burgerkracht.accounts.models import LoginMethod
from burgerkracht.accounts.oidc import session as broker_session
from burgerkracht.core.privacy import crypto

# A request counts as activity at most this often: a session write per request is not needed.
SEEN_RESOLUTION = 15
UNSAVED = ("csrfmiddlewaretoken",)


class BrokerSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and broker_session.login_kind(request) == LoginMethod.Kind.DIGID
        ):
            now = time.time()
            seen = request.session.get(broker_session.SEEN_KEY) or now
            if now - seen > broker_session.idle_seconds():
                return self._expired(request)
            if now - seen >= SEEN_RESOLUTION:
                request.session[broker_session.SEEN_KEY] = now
        response = self.get_response(request)
        origins = getattr(request, "broker_form_action", None)
        if origins:
            response._csp_update = {"form-action": sorted(origins)}  # type: ignore[attr-defined]
        return response

    def _expired(self, request: HttpRequest) -> HttpResponse:
        user_pk, path = request.user.pk, request.get_full_path()
        keep_alive = request.path == reverse("oidc:keep-alive")
        posted = request.method == "POST" and not keep_alive
        data = [(k, v) for k, v in request.POST.lists() if k not in UNSAVED] if posted else []
        logout(request)
        request.session[broker_session.REAUTH_KEY] = True
        if keep_alive:
            # "I am still here" too late: back to the page it was pressed on, not to this
            # address (POST only). The dialog (portal.js) hears it and keeps the page.
            if request.headers.get("Accept", "").startswith("application/json"):
                return JsonResponse({"ends_in": 0}, status=401)
            back = request.POST.get("next", "")
            host = {request.get_host()}
            safe = url_has_allowed_host_and_scheme(back, host, request.is_secure())
            path = back if safe else reverse("core:dashboard")
        next_url = path
        if posted:
            saved = {"user": user_pk, "path": path, "data": data}
            request.session[broker_session.RESUME_KEY] = crypto.encrypt(json.dumps(saved))
            next_url = reverse("oidc:resume")
        minutes = max(1, broker_session.idle_seconds() // 60)
        messages.warning(
            request,
            ngettext(
                "You were logged out because you did nothing for %(minutes)d minute. "
                "Log in again with DigiD; what you typed is kept.",
                "You were logged out because you did nothing for %(minutes)d minutes. "
                "Log in again with DigiD; what you typed is kept.",
                minutes,
            )
            % {"minutes": minutes},
        )
        return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
