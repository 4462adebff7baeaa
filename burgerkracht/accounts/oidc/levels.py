"""The DigiD level of assurance an action needs (set by the municipality on the DigiD login
method), and whether this session has it. Only DigiD sessions have a level: e-mail accounts
and eHerkenning are not asked for one."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from burgerkracht.accounts.models import AssuranceLevel, LoginMethod
from burgerkracht.accounts.oidc import session as broker_session

ACTIONS = {
    "initiative": "level_initiative",  # sending in an initiative
    "application": "level_application",  # sending in a Samen Sterk application
}


def required_level(action: str) -> str:
    method = LoginMethod.objects.filter(kind=LoginMethod.Kind.DIGID, enabled=True).first()
    return getattr(method, ACTIONS[action]) if method else ""


def missing_level(request: HttpRequest, action: str) -> str:
    """The level `action` needs that this DigiD session lacks, or "" when it may go ahead."""
    if broker_session.login_kind(request) != LoginMethod.Kind.DIGID:
        return ""
    needed = required_level(action)
    if AssuranceLevel.rank(broker_session.level(request)) >= AssuranceLevel.rank(needed):
        return ""
    return needed


def ask_for_level(request: HttpRequest, action: str, next_url: str) -> HttpResponseRedirect | None:
    """A redirect to the page that asks to log in again at the level `action` needs, or None
    when the session has it. What the person typed is saved in the draft already."""
    if not missing_level(request, action):
        return None
    query = urlencode({"actie": action, "next": next_url})
    return HttpResponseRedirect(f"{reverse('oidc:level')}?{query}")
