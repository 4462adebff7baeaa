"""{% broker_buttons %}: the login buttons of the switched-on broker login methods."""

from urllib.parse import urlsplit

from django import template
from django.urls import reverse

from burgerkracht.accounts.oidc.adapter import enabled_methods

register = template.Library()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@register.inclusion_tag("accounts/oidc/buttons.html", takes_context=True)
def broker_buttons(context, kinds="digid eherkenning staff", level="", process="login",
                   next_url="", heading=False, label=""):  # fmt: skip
    """A POST form per method (allauth asks a POST for a login); the page may then send its
    forms on to those brokers (CSP form-action, oidc/middleware.py). `label` replaces the
    method's button text where the button does something else than log in (the profile
    page's "DigiD koppelen")."""
    request = context["request"]
    methods = [m for m in enabled_methods() if m.kind in kinds.split()]
    origins = getattr(request, "broker_form_action", set())
    request.broker_form_action = origins | {"'self'"} | {_origin(m.server_url) for m in methods}
    return {
        "buttons": [
            (m, reverse("openid_connect_login", kwargs={"provider_id": m.kind})) for m in methods
        ],
        "csrf_token": context.get("csrf_token"),
        "next_url": next_url or request.GET.get("next", ""),
        "level": level,
        "process": process,
        "heading": heading,
        "label": label,
    }
