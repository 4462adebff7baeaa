"""Decision register, Meetlat forms, PDF, coverage report. Thin: check, bind, call a service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import tablib
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.reporting.charts import bar_chart
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.meetlat import permissions, rules, selectors, services
from burgerkracht.meetlat.enums import MeetlatAnswer
from burgerkracht.meetlat.forms import (
    DecisionForm,
    MeetlatForm,
    PolicyDecisionForm,
    ReasonForm,
    ReflectionForm,
    TriadForm,
    VersionForm,
)
from burgerkracht.meetlat.models import Decision, MeetlatVersion
from burgerkracht.meetlat.subjects import rules_for

REGISTER = gettext_lazy("Decisions")


class StaffMixin(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin):
    def test_func(self):
        return permissions.can_view_decisions(self.request.user)


class RegisterView(StaffMixin, TemplateView):
    template_name = "meetlat/register.html"

    def get_breadcrumbs(self):
        return [Crumb(REGISTER)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            policy_decisions=selectors.policy_decisions()[:200],
            can_edit=permissions.can_edit_decisions(self.request.user),
        )


class PolicyDecisionCreateView(StaffMixin, FormView):
    template_name = "meetlat/form.html"
    form_class = PolicyDecisionForm

    def test_func(self):
        return permissions.can_edit_decisions(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(REGISTER, "/besluiten/"), Crumb(gettext_lazy("New policy decision"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=_("New policy decision"))

    def form_valid(self, form):
        policy = services.create_policy_decision(by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Added. Now fill in the decision and its Meetlat."))
        return redirect(policy.decision.get_absolute_url())


class DecisionMixin(StaffMixin):
    permission = staticmethod(permissions.can_view_decision)

    @cached_property
    def decision(self) -> Decision:
        return get_object_or_404(
            Decision.objects.select_related("meetlat_version", "reflected_by"), pk=self.kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not type(self).permission(request.user, self.decision):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [
            Crumb(REGISTER, "/besluiten/"),
            Crumb(self.decision.title, self.decision.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, decision=self.decision)


class ReadAuditMixin:
    """A decision about a person's application is read like the application: audited."""

    read_purpose = ""

    def audit_read(self) -> None:
        rules, subject = rules_for(self.decision)
        rules.audit_read(self.request.user, subject, str(self.read_purpose))

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.audit_read()
        return response


class DecisionDetailView(ReadAuditMixin, DecisionMixin, TemplateView):
    template_name = "meetlat/decision_detail.html"
    read_purpose = gettext_lazy("Viewing the decision")

    def get_breadcrumbs(self):
        return [Crumb(REGISTER, "/besluiten/"), Crumb(self.decision.title)]

    def get_context_data(self, **kwargs):
        decision, user = self.decision, self.request.user
        return super().get_context_data(
            **kwargs,
            answers=decision.answers.select_related("principle"),
            principles=decision.meetlat_version.principles.all(),
            missing=services.missing_for_finalisation(decision) if not decision.is_final else [],
            can_edit=permissions.can_edit_decision(user, decision),
            can_finalise=permissions.can_finalise_here(user, decision),
            can_reflect=permissions.can_reflect(user, decision),
        )


class DecisionFormView(DecisionMixin, FormView):
    template_name = "meetlat/form.html"
    permission = staticmethod(permissions.can_edit_decision)
    title = ""

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title)

    def run(self, action, success, **kwargs):
        try:
            action(decision=self.decision, by=self.request.user, **kwargs)
        except DomainError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, success)
        return redirect(self.decision.get_absolute_url())


class DecisionEditView(DecisionFormView):
    form_class = DecisionForm
    title = gettext_lazy("The decision and its reasons")

    def get_initial(self):
        return {name: getattr(self.decision, name) for name in DecisionForm.base_fields}

    def form_valid(self, form):
        return self.run(services.update_decision, _("Saved."), **form.cleaned_data)


class TriadView(DecisionFormView):
    form_class = TriadForm
    title = gettext_lazy("Accountability: financial, legal and resident input")

    def get_initial(self):
        return {name: getattr(self.decision, name) for name in TriadForm.base_fields}

    def form_valid(self, form):
        return self.run(services.update_decision, _("Saved."), **form.cleaned_data)


class MeetlatView(DecisionFormView):
    form_class = MeetlatForm
    template_name = "meetlat/meetlat_form.html"
    title = gettext_lazy("The Meetlat")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "version": self.decision.meetlat_version}

    def get_initial(self):
        decision = self.decision
        initial = {
            "reflection_due": decision.reflection_due
            or rules.proposed_reflection_date(timezone.localdate())
        }
        for answer in decision.answers.select_related("principle"):
            initial[f"answer_{answer.principle.number}"] = answer.answer
            initial[f"explanation_{answer.principle.number}"] = answer.explanation
        return initial

    def form_valid(self, form):
        return self.run(
            services.save_meetlat, _("The Meetlat has been saved."), answers=form.answers(),
            reflection_due=form.cleaned_data.get("reflection_due"),
        )  # fmt: skip


class FinaliseView(DecisionFormView):
    form_class = ReasonForm
    permission = staticmethod(permissions.can_finalise_here)
    title = gettext_lazy("Make the decision final")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "label": self.title}

    def form_valid(self, form):
        return self.run(
            services.finalise_decision,
            _("The decision is final."),
            reason=form.cleaned_data["reason"],
        )


class ReflectionView(DecisionFormView):
    form_class = ReflectionForm
    permission = staticmethod(permissions.can_reflect)
    title = gettext_lazy("Reflection (principle 6)")

    def form_valid(self, form):
        return self.run(
            services.record_reflection, _("The reflection has been saved."),
            learned=form.cleaned_data["learned"], changes=form.cleaned_data["changes"],
        )  # fmt: skip


class DecisionPdfView(ReadAuditMixin, DecisionMixin, TemplateView):
    """The stored PDF; when it is not there yet, ask a worker to make it. Its `get` replaces
    the mixin's: the download is the read, the "being made" page is not."""

    template_name = "meetlat/pdf_pending.html"
    read_purpose = gettext_lazy("Downloading the decision")

    def get(self, request, *args, **kwargs):
        decision = self.decision
        if not decision.is_final:
            raise PermissionDenied
        if not decision.pdf:
            services.request_pdf(decision_pk=decision.pk)
            decision.refresh_from_db()  # a worker running eagerly has made it already
        if decision.pdf:
            self.audit_read()
            return FileResponse(
                decision.pdf.open("rb"), as_attachment=True, filename=f"besluit-{decision.pk}.pdf",
                content_type="application/pdf",
            )  # fmt: skip
        return self.render_to_response(self.get_context_data(**kwargs))  # not read yet


class PublicDecisionView(BreadcrumbsMixin, TemplateView):
    template_name = "meetlat/decision_public.html"

    @cached_property
    def decision(self) -> Decision:
        return get_object_or_404(
            Decision.objects.filter(status="final", is_public=True), pk=self.kwargs["pk"]
        )

    def get_breadcrumbs(self):
        return [Crumb(self.decision.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, decision=self.decision,
            answers=self.decision.answers.select_related("principle"),
        )  # fmt: skip


@dataclass(frozen=True)
class Table:
    """A table of figures: its caption, its column headings (the first is the rows' own
    heading) and its rows, each a heading and its figures."""

    caption: str
    columns: list[str]
    rows: list[tuple[str, Sequence[int]]]


def coverage_columns(first: str) -> list[str]:
    """The headings of a table of `CoverageRow`s (and its CSV), after `first`."""
    return [
        first, _("Decisions"), _("Complete"), "%", _("Reflections due"), _("Reflections done"),
        _("Reflections overdue"),
    ]  # fmt: skip


class CoverageView(StaffMixin, TemplateView):
    template_name = "meetlat/coverage.html"

    def get_breadcrumbs(self):
        return [Crumb(REGISTER, "/besluiten/"), Crumb(gettext_lazy("Meetlat coverage"))]

    def get(self, request, *args, **kwargs):
        report = selectors.coverage(department=request.GET.get("afdeling", "")[:120])
        if request.GET.get("_export") == "csv":
            return self.csv(report)
        return self.render_to_response(self.get_context_data(report=report, **kwargs))

    def get_context_data(self, **kwargs):
        report = kwargs["report"]
        return super().get_context_data(
            **kwargs, chart=self.chart(report), departments=selectors.departments(),
            department=self.request.GET.get("afdeling", ""), tables=self.tables(report),
        )  # fmt: skip

    def tables(self, report) -> dict[str, Table]:
        """The three tables, each shown by meetlat/includes/figures_table.html."""
        principles = [
            (f"{number}. {heading}", [counts[answer] for answer in MeetlatAnswer.values])
            for (number, heading), counts in report["by_principle"]
        ]
        return {
            "department": Table(
                _("Per department"), coverage_columns(_("Department")),
                [(row.label, row.cells) for row in report["by_department"]],
            ),
            "principle": Table(
                _("Answers per principle"), [_("Principle"), *MeetlatAnswer.labels], principles
            ),
            "month": Table(
                _("Per month"), coverage_columns(_("Month")),
                [(row.label, row.cells) for row in report["by_month"]],
            ),
        }  # fmt: skip

    def chart(self, report):
        rows = report["by_department"]
        return bar_chart(
            _("Decisions with a complete Meetlat, per department (%)"),
            [row.label for row in rows], {_("complete"): [row.share for row in rows]},
            percent=True, keys=["complete"],
        )  # fmt: skip

    def csv(self, report) -> HttpResponse:
        data = tablib.Dataset(headers=coverage_columns(_("Department")))
        for row in report["by_department"]:
            data.append([row.label, *row.cells])
        response = HttpResponse(data.export("csv"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="meetlat-dekking.csv"'
        return response


class PublishVersionView(StaffMixin, FormView):
    template_name = "meetlat/form.html"
    form_class = VersionForm

    def test_func(self):
        return permissions.can_publish_meetlat(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(REGISTER, "/besluiten/"), Crumb(gettext_lazy("New Meetlat version"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current": MeetlatVersion.current()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=_("New Meetlat version"))

    def form_valid(self, form):
        try:
            version = services.publish_meetlat_version(
                by=self.request.user, note=form.cleaned_data["note"], principles=form.principles(),
                title=form.cleaned_data["title"], subtitle=form.cleaned_data["subtitle"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Version %(number)d is published.") % {"number": version.number}
        )
        return redirect("meetlat:register")
