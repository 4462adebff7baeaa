from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from health_check.views import HealthCheckView

from burgerkracht.core.messaging.notifications import absolute_url
from burgerkracht.core.models import CalendarFeed, Municipality
from burgerkracht.core.personal import calendar, worklist
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.colours import STATUS_COLOURS


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
        from burgerkracht.core.personal.dashboard import panels_for

        user = self.request.user
        # A resident is not told "Your roles: Resident"; people with more roles are.
        show_roles = user.has_roles_beyond_resident
        return super().get_context_data(**kwargs, panels=panels_for(user), show_roles=show_roles)


class TasksView(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, TemplateView):
    """/mijn/taken/: everything that waits on this official, the soonest deadline first."""

    template_name = "core/tasks.html"

    def test_func(self):
        return self.request.user.is_municipal_staff

    def get_breadcrumbs(self):
        return [
            Crumb(gettext_lazy("My burgerkracht"), reverse("core:dashboard")),
            Crumb(gettext_lazy("My tasks")),
        ]

    def get_context_data(self, **kwargs):
        rows = worklist.rows_for(self.request.user)
        return super().get_context_data(
            **kwargs, rows=rows, overdue=sum(1 for row in rows if row.overdue)
        )


class ThemeStylesheetView(View):
    """The municipality's colours as design-token overrides (CSP forbids inline styles)."""

    @method_decorator(cache_control(max_age=300, public=True))
    def get(self, request):
        css = render_to_string(
            "core/theme.css",
            {"municipality": Municipality.current(), "status_colours": STATUS_COLOURS.items()},
        )
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


class FontView(View):
    """The municipality's font file (WOFF2), for the @font-face rule in the theme."""

    @method_decorator(cache_control(max_age=3600, public=True))
    def get(self, request):
        municipality = Municipality.current()
        if not municipality.font_file:
            raise Http404
        return FileResponse(municipality.font_file.open("rb"), content_type="font/woff2")


def liveness(request):
    """/gezondheid/leeft/: the process answers; no database, cache or broker (a container's
    liveness probe). It is also the benchmark's floor: the cheapest request the stack serves."""
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, no_store=True)
    return response


class HealthView(HealthCheckView):
    """/gezondheid/: database, cache, broker (when it is a server) and the outbox backlog."""

    @property
    def checks(self):
        checks = [
            "health_check.checks.Database",
            "health_check.checks.Cache",
            "burgerkracht.core.operations.health.OutboxBacklog",
        ]
        if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
            checks.append("burgerkracht.core.operations.health.Broker")
        return checks


class CalendarPageView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    """/agenda/: the person's dates as a list (for who has no calendar program), their
    private agenda link, and a button to replace it."""

    template_name = "core/calendarfeed_detail.html"

    def get_breadcrumbs(self):
        return [
            Crumb(gettext_lazy("My profile"), reverse("accounts:profile")),
            Crumb(gettext_lazy("My agenda")),
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        feed_url = absolute_url(calendar.feed_for(user).get_absolute_url())
        today = timezone.localdate()
        events = calendar.events_for(user)
        return super().get_context_data(
            **kwargs,
            feed_url=feed_url,
            webcal_url="webcal://" + feed_url.split("://", 1)[-1],
            events=events,
            groups=[
                (
                    "agenda-overdue",
                    _("Date passed, not done yet"),
                    [event for event in events if event.on < today],
                ),
                ("agenda-dates", _("Coming dates"), [e for e in events if e.on >= today]),
            ],
        )

    def post(self, request):
        calendar.renew_feed(user=request.user)
        messages.success(
            request,
            _(
                "You have a new agenda link. The old link no longer works: "
                "add the new one to your calendar program."
            ),
        )
        return redirect("core:calendar")


class CalendarFeedView(View):
    """The feed itself, for calendar programs: no login, the unguessable token is the key."""

    def get(self, request, token: str):
        feed = (
            CalendarFeed.objects.select_related("user")
            .filter(token=token, user__is_active=True, user__erased_at__isnull=True)
            .first()
        )
        if feed is None:
            raise Http404
        response = HttpResponse(
            calendar.build_ics(feed.user), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="agenda.ics"'
        response["X-Robots-Tag"] = "noindex, nofollow"
        # Personal data: never in a shared cache.
        patch_cache_control(response, private=True, max_age=300)
        return response


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def _error_page(request, template: str, status: int) -> HttpResponse:
    from django.shortcuts import render

    return render(request, template, status=status)
