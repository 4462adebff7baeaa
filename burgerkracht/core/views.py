from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from health_check.views import HealthCheckView

from burgerkracht.core.models import Municipality


class HomeView(TemplateView):
    template_name = "core/home.html"


class LocalisedPageView(TemplateView):
    """A page of long text kept per language (pages/<name>.<lang>.html), Dutch by default.

    Long B1 texts read better written whole in each language than cut into gettext strings.
    """

    page: str = ""
    folder: str = "pages"

    def get_template_names(self) -> list[str]:
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        return [f"{self.folder}/{self.page}.{language}.html", f"{self.folder}/{self.page}.nl.html"]


class DashboardView(LoginRequiredMixin, TemplateView):
    """ "Mijn burgerkracht": what needs this person's attention (filled by later apps)."""

    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        from burgerkracht.core.dashboard import panels_for

        return super().get_context_data(**kwargs, panels=panels_for(self.request.user))


class ThemeStylesheetView(View):
    """The municipality's colours as design-token overrides (CSP forbids inline styles)."""

    @method_decorator(cache_control(max_age=300, public=True))
    def get(self, request):
        css = render_to_string("core/theme.css", {"municipality": Municipality.current()})
        return HttpResponse(css, content_type="text/css; charset=utf-8")


class LogoView(View):
    @method_decorator(cache_control(max_age=3600, public=True))
    def get(self, request):
        municipality = Municipality.current()
        if not municipality.logo:
            raise Http404
        is_svg = municipality.logo.name.lower().endswith(".svg")
        response = FileResponse(
            municipality.logo.open("rb"), content_type="image/svg+xml" if is_svg else "image/png"
        )
        # An SVG can carry script; as a sandboxed document it cannot run any.
        response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
        return response


class HealthView(HealthCheckView):
    """/gezondheid/: database, cache, broker (when it is a server) and the outbox backlog."""

    @property
    def checks(self):
        checks = [
            "health_check.checks.Database",
            "health_check.checks.Cache",
            "burgerkracht.core.health.OutboxBacklog",
        ]
        if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
            checks.append("burgerkracht.core.health.Broker")
        return checks


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def _error_page(request, template: str, status: int) -> HttpResponse:
    from django.shortcuts import render

    return render(request, template, status=status)
