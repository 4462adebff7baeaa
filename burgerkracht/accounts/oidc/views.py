"""The pages of a broker login: the callback (allauth's, with our checks), linking DigiD to
an existing account, logging in again at a higher level, staying logged in, going on with
a form sent after the session had expired, and logging out at the broker."""

from __future__ import annotations

import json
import time

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.helpers import complete_social_login, render_authentication_error
from allauth.socialaccount.models import SocialApp, SocialLogin
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from requests import RequestException

from burgerkracht.accounts.models import AssuranceLevel, LoginMethod, User
from burgerkracht.accounts.oidc import levels
from burgerkracht.accounts.oidc import session as broker_session
from burgerkracht.accounts.oidc.adapter import LINK_KEY
from burgerkracht.accounts.oidc.provider import BrokerDown, BrokerOAuth2Adapter
from burgerkracht.core.privacy import crypto

LOGOUT_URL_KEY = "broker_logout_url"


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    """allauth's OpenID Connect callback with our OAuth2 adapter (provider.py), and a page
    instead of a server error when the broker cannot be reached."""
    adapter = BrokerOAuth2Adapter(request, provider_id)
    try:
        return OAuth2CallbackView.adapter_view(adapter)(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    except RequestException as error:
        provider = adapter.get_provider()
        return render_authentication_error(request, provider, exception=BrokerDown(error))


def _safe(request: HttpRequest, url: str | None, default: str = "/") -> str:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


class LinkView(TemplateView):
    """A DigiD login whose person already has an account here: link it only when they say
    so (their drafts and dossiers are in that account)."""

    template_name = "accounts/oidc/link.html"

    def dispatch(self, request, *args, **kwargs):
        self.pending = request.session.get(LINK_KEY)
        if not isinstance(self.pending, dict):
            messages.info(request, _("There is nothing to link. Log in again."))
            return redirect("account_login")
        self.account = User.objects.filter(pk=self.pending.get("user")).first()
        if self.account is None:
            request.session.pop(LINK_KEY, None)
            return redirect("account_login")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        email = self.account.email or ""
        name, _at, domain = email.partition("@")
        masked = f"{name[:2]}…@{domain}" if domain else ""
        return super().get_context_data(account=self.account, masked_email=masked, **kwargs)

    def post(self, request, *args, **kwargs):
        request.session.pop(LINK_KEY, None)
        if request.POST.get("choice") != "link":
            messages.info(request, _("DigiD was not linked. You are not logged in with DigiD."))
            return redirect("account_login")
        identity = broker_session.unseal(self.pending.get("identity") or "")
        if identity is None:
            return redirect("account_login")
        sociallogin = SocialLogin.deserialize(self.pending["sociallogin"])
        sociallogin.connect(request, self.account)
        request.broker_identity = identity  # adapter.pre_social_login
        messages.success(request, _("DigiD is now linked to your account."))
        return complete_social_login(request, SocialLogin.deserialize(self.pending["sociallogin"]))


class LevelView(LoginRequiredMixin, TemplateView):
    """An action needs a higher DigiD level than this login has: log in again at that level.
    Every step of the form is saved, so nothing typed is lost."""

    template_name = "accounts/oidc/level.html"

    def get_context_data(self, **kwargs):
        action = self.request.GET.get("actie", "")
        needed = levels.required_level(action) if action in levels.ACTIONS else ""
        return super().get_context_data(
            needed=AssuranceLevel(needed).label if needed else "",
            needed_value=needed,
            current=_level_label(broker_session.level(self.request)),
            next_url=_safe(self.request, self.request.GET.get("next")),
            **kwargs,
        )


def _level_label(level: str) -> str:
    return AssuranceLevel(level).label if level in AssuranceLevel.values else _("unknown")


class KeepAliveView(LoginRequiredMixin, View):
    """ "I am still here": the session's idle time starts again."""

    def post(self, request, *args, **kwargs):
        if broker_session.login_kind(request):
            request.session[broker_session.SEEN_KEY] = time.time()
        if request.headers.get("Accept", "").startswith("application/json"):
            ends = broker_session.expires_at(request)
            return HttpResponse(
                json.dumps({"ends_in": int(ends - time.time()) if ends else None}),
                content_type="application/json",
            )
        messages.success(request, _("You stay logged in."))
        return HttpResponseRedirect(_safe(request, request.POST.get("next")))


class ResumeView(LoginRequiredMixin, TemplateView):
    """A form that arrived after the DigiD session had expired: what was typed is kept
    (encrypted, in the new session) and can be sent again once the same person is back."""

    template_name = "accounts/oidc/resume.html"

    def get(self, request, *args, **kwargs):
        token = request.session.pop(broker_session.RESUME_KEY, None)
        try:
            saved = json.loads(crypto.decrypt(token)) if token else None
        except (crypto.DecryptionError, ValueError):
            saved = None
        if not saved or saved.get("user") != request.user.pk:
            return redirect("core:dashboard")
        context = self.get_context_data(
            action=_safe(request, saved.get("path")),
            fields=[(name, value) for name, values in saved["data"] for value in values],
        )
        return self.render_to_response(context)


class LoggedOutView(TemplateView):
    """After logging out of a broker login: on to the broker's logout, which ends the DigiD
    (or eHerkenning, SSO) session too and comes back to the home page."""

    template_name = "accounts/oidc/logged_out.html"

    def get(self, request, *args, **kwargs):
        url = request.session.pop(LOGOUT_URL_KEY, "")
        if not url:
            return redirect("core:home")
        return self.render_to_response(self.get_context_data(broker_logout_url=url))


def broker_logout_url(request: HttpRequest) -> str:
    """The broker's end-session address for this session's login, or ""."""
    kind = broker_session.login_kind(request)
    method = LoginMethod.objects.filter(kind=kind).first() if kind else None
    if method is None:
        return ""
    try:
        config = BrokerOAuth2Adapter(request, kind).openid_config
    except (RequestException, SocialApp.DoesNotExist, ValueError):
        return ""
    return broker_session.end_session_url(request, config, method)


def logged_out_url() -> str:
    return reverse("oidc:logged-out")
