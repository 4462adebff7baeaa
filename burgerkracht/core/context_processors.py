from django.http import HttpRequest

from burgerkracht.core.models import Municipality
from burgerkracht.core.navigation import main_navigation


def portal(request: HttpRequest) -> dict:
    """The municipality and the navigation: on every page, for one query."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "municipality": Municipality.current(),
        "main_navigation": main_navigation(user) if user is not None else [],
        "current_url_name": match.view_name if match else "",
    }
