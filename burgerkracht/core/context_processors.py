from django.http import HttpRequest

from burgerkracht.core.models import Municipality
from burgerkracht.core.ui.navigation import main_navigation, split_navigation


def portal(request: HttpRequest) -> dict:
    """The municipality and the navigation: on every page, for one query."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    # Tables and other nested templates render with their own RequestContext: query once.
    if not hasattr(request, "_municipality"):
        request._municipality = Municipality.current()
    visible, more = split_navigation(main_navigation(user) if user is not None else [])
    return {
        "municipality": request._municipality,
        "main_navigation": visible,
        "more_navigation": more,
        "current_url_name": match.view_name if match else "",
    }
