from django.http import HttpRequest

from burgerkracht.core.models import Municipality
from burgerkracht.core.navigation import main_navigation


def portal(request: HttpRequest) -> dict:
    """The municipality and the navigation: on every page, for one query."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    # Tables and other nested templates render with their own RequestContext: query once.
    if not hasattr(request, "_municipality"):
        request._municipality = Municipality.current()
    return {
        "municipality": request._municipality,
        "main_navigation": main_navigation(user) if user is not None else [],
        "current_url_name": match.view_name if match else "",
    }
