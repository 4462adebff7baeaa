"""Staff must set up two-factor authentication before they reach any staff page."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Pages a staff member without a second factor may still open: setting it up, leaving,
# and the public information pages.
ALLOWED_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/inloggen/uitgelogd/",
    "/static/",
    "/i18n/",
    "/privacy/",
    "/toegankelijkheid/",
    "/gezondheid/",
    "/thema.css",
)


def has_second_factor(request: HttpRequest) -> bool:
    """TOTP set up in the portal, or a staff SSO login whose provider reported a second
    factor (amr/acr, accounts/oidc/claims.py) for this session."""
    from burgerkracht.accounts.oidc.session import second_factor_at_broker

    return request.user.has_second_factor or second_factor_at_broker(request)


class StaffMfaRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.requires_mfa
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not has_second_factor(request)
        ):
            messages.warning(
                request,
                _(
                    "Your role at the municipality requires two-step login. "
                    "Set it up first; it takes about two minutes."
                ),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
