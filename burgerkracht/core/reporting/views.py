"""/rapportages/: the list of reports, one report with filters and exports, the annual report.

Thin: the registry says which reports exist and who may see them; each report builds its
own sections through its app's selectors.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from burgerkracht.core.models import AnnualReport
from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.annual import request_annual_report
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb

REPORTS = gettext_lazy("Reports")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_see_annual_reports(user) -> bool:
    return user.is_authenticated and user.is_municipal_staff


class ReportIndexView(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, TemplateView):
    template_name = "reports/index.html"

    def test_func(self):
        return bool(reports.reports_for(self.request.user)) or can_see_annual_reports(
            self.request.user
        )

    def get_breadcrumbs(self):
        return [Crumb(REPORTS)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            reports=reports.reports_for(self.request.user),
            annual=can_see_annual_reports(self.request.user),
        )


class ReportView(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, TemplateView):
    template_name = "reports/report.html"

    def dispatch(self, request, *args, **kwargs):
        self.report = reports.get(kwargs["slug"])
        if self.report is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def test_func(self):
        return self.report.visible_to(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(REPORTS, "/rapportages/"), Crumb(self.report.title)]

    def get(self, request, *args, **kwargs):
        form = self.report.filter_form(request.GET or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        if form.is_bound and not form.is_valid():
            filters = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
        sections = reports.build(self.report, filters)
        export = request.GET.get("_export")
        if export in ("csv", "xlsx"):
            return self.export(sections, export, request.GET.get("tabel", ""))
        query = request.GET.copy()
        for key in ("_export", "tabel"):
            query.pop(key, None)
        return self.render_to_response(
            self.get_context_data(
                report=self.report, form=form, sections=sections, query=query.urlencode()
            )
        )

    def export(self, sections, fmt: str, table_slug: str) -> HttpResponse:
        name = f"{self.report.slug}-{timezone.localdate():%Y-%m-%d}"
        if fmt == "xlsx":
            content = reports.workbook_bytes(self.report, sections)
            response = HttpResponse(content, content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        tables = [t for s in sections for t in s.tables]
        table = next((t for t in tables if t.slug == table_slug), tables[0] if tables else None)
        if table is None:
            raise Http404
        content = table.dataset().export("csv")
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-{table.slug}.csv"'
        return response


class AnnualReportView(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, TemplateView):
    """The runs of the annual report per year; asking for one hands it to a worker."""

    template_name = "reports/annual.html"

    def test_func(self):
        return can_see_annual_reports(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(REPORTS, "/rapportages/"), Crumb(_("Annual report"))]

    def years(self) -> list[int]:
        this_year = timezone.localdate().year
        return list(range(this_year, this_year - 6, -1))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, years=self.years(), runs=AnnualReport.objects.all()[:30]
        )

    def post(self, request, *args, **kwargs):
        try:
            year = int(request.POST.get("jaar", ""))
        except ValueError:
            year = 0
        if year not in self.years():
            messages.error(request, _("Choose one of the years in the list."))
            return redirect("core:annual-report")
        request_annual_report(by=request.user, year=year)
        messages.success(
            request,
            _("The annual report %(year)s is being made. Refresh this page in a minute.")
            % {"year": year},
        )
        return redirect("core:annual-report")


class AnnualReportDownloadView(LoginRequiredMixin, UserPassesTestMixin, View):
    def test_func(self):
        return can_see_annual_reports(self.request.user)

    def get(self, request, *args, **kwargs):
        run = get_object_or_404(AnnualReport.objects.exclude(pdf=""), pk=kwargs["pk"])
        return FileResponse(
            run.pdf.open("rb"), as_attachment=True, filename=f"jaarverslag-{run.year}.pdf",
            content_type="application/pdf",
        )  # fmt: skip
