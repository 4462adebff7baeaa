"""The budget overview, the integrity log, and managing funds and lines in the portal."""

from __future__ import annotations

from functools import lru_cache

import tablib
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from budget import balance_selectors, change_selectors, permissions, selectors, services
from budget.enums import FundStatus
from budget.forms import FundForm, HolderForm, HolderProposalForm, LineForm, ReallocationForm
from budget.models import BudgetLine, Fund
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.reporting.charts import bar_chart
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.colours import MONEY_COLOURS

BUDGET = gettext_lazy("Samen Sterk budget")


@lru_cache(maxsize=16)
def _lines_chart(language: str | None, names: tuple, committed: tuple, remaining: tuple):
    """The overview's chart, drawn once per language and set of figures (the figures change
    only with a grant, a settlement or a reallocation). A chart is immutable; `language` is
    part of the key because the titles and the numbers are written in it."""
    return bar_chart(
        _("Per line: committed minus returned, and remaining (euro)"),
        list(names),
        {_("Committed minus returned"): committed, _("Remaining"): remaining},
        stacked=True,
        colours=[MONEY_COLOURS["committed"], MONEY_COLOURS["remaining"]],
    )


class ViewerMixin(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin):
    def test_func(self):
        return permissions.can_view_budget(self.request.user)


class ManagerMixin(ViewerMixin):
    def test_func(self):
        return permissions.can_manage_budget(self.request.user)


class FundListView(ViewerMixin, TemplateView):
    template_name = "budget/fund_list.html"

    def get_breadcrumbs(self):
        return [Crumb(BUDGET)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            funds=selectors.funds(),
            can_manage=permissions.can_manage_budget(self.request.user),
            can_order_payments=permissions.can_order_payments(self.request.user),
        )


class FundMixin:
    @cached_property
    def fund(self) -> Fund:
        return get_object_or_404(Fund, pk=self.kwargs["pk"])

    def get_breadcrumbs(self):
        return [
            Crumb(BUDGET, "/samen-sterk/budget/"),
            Crumb(self.fund.name, self.fund.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, fund=self.fund)


class OverviewView(ViewerMixin, FundMixin, TemplateView):
    """Per line: allocation, committed, paid, remaining, number of awards; table and chart."""

    template_name = "budget/overview.html"

    def get_breadcrumbs(self):
        return [Crumb(BUDGET, "/samen-sterk/budget/"), Crumb(self.fund.name)]

    def get(self, request, *args, **kwargs):
        lines = list(balance_selectors.with_out_of_purpose(selectors.lines_of(self.fund)))
        export = request.GET.get("_export")
        if export in ("csv", "xlsx"):
            return self.export(lines, export)
        return self.render_to_response(self.get_context_data(lines=lines, **kwargs))

    def get_context_data(self, **kwargs):
        lines = kwargs["lines"]
        user, is_open = self.request.user, self.fund.status == FundStatus.OPEN
        can_manage = permissions.can_manage_budget(user)
        can_propose = is_open and permissions.can_propose_budget_change(user)
        preparing = self.fund.status == FundStatus.PREPARING
        return super().get_context_data(
            **kwargs, totals=selectors.totals(lines), chart=self.chart(lines),
            out_of_purpose=balance_selectors.out_of_purpose_total(lines),
            can_manage=can_manage, can_propose=can_propose,
            can_change_holders=can_propose or (preparing and can_manage),
        )  # fmt: skip

    def chart(self, lines):
        return _lines_chart(
            get_language(),
            tuple(line.name for line in lines),
            tuple(line.committed - line.released for line in lines),
            tuple(line.remaining for line in lines),
        )

    def export(self, lines, fmt: str) -> HttpResponse:
        data = tablib.Dataset(
            headers=[_("Line"), _("Kind"), _("Allocation"), _("Committed"), _("Returned"),
                     _("Paid"), _("Remaining"), _("Awards"), _("Taken out of Samen Sterk")]
        )  # fmt: skip
        for line in lines:
            data.append([line.name, line.type.name, line.allocation, line.committed,
                         line.released, line.paid, line.remaining, line.award_count,
                         line.out_of_purpose])  # fmt: skip
        content = data.export(fmt)
        mime = (
            "text/csv; charset=utf-8"
            if fmt == "csv"
            else ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
        response = HttpResponse(content, content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="budget-{self.fund.pk}.{fmt}"'
        return response


class IntegrityLogView(ViewerMixin, FundMixin, TemplateView):
    template_name = "budget/integrity_log.html"

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Budget-integrity log"))]

    def get_context_data(self, **kwargs):
        (gone,) = balance_selectors.out_of_purpose_per_fund(Fund.objects.filter(pk=self.fund.pk))
        return super().get_context_data(
            **kwargs, entries=selectors.integrity_log(self.fund), out_of_purpose=gone.total,
            refused=change_selectors.refused_changes(self.fund),
        )  # fmt: skip


class ManageFormView(ManagerMixin, FormView):
    template_name = "budget/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title)

    def attempt(self, form, action, success, **kwargs):
        try:
            action(by=self.request.user, **kwargs)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, success)
        return redirect(self.get_success_url())


class FundCreateView(ManageFormView):
    form_class = FundForm
    title = gettext_lazy("New fund")

    def get_breadcrumbs(self):
        return [Crumb(BUDGET, "/samen-sterk/budget/"), Crumb(self.title)]

    def form_valid(self, form):
        fund = services.create_fund(by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The fund has been created. Now add its lines."))
        return redirect(fund.get_absolute_url())


class LineCreateView(FundMixin, ManageFormView):
    form_class = LineForm
    title = gettext_lazy("New budget line")

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_success_url(self):
        return self.fund.get_absolute_url()

    def form_valid(self, form):
        return self.attempt(form, services.add_line, _("The line has been added."),
                            fund=self.fund, **form.cleaned_data)  # fmt: skip


class FundOpenView(FundMixin, ManageFormView):
    form_class = forms.Form
    title = gettext_lazy("Open the period")
    template_name = "budget/confirm.html"

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_success_url(self):
        return self.fund.get_absolute_url()

    def form_valid(self, form):
        return self.attempt(form, services.open_fund, _("The period is open."), fund=self.fund)


class OpenFundProposerMixin:
    """An administrator manages a fund being prepared; once it is open an administrator or
    coordinator proposes, and a second one approves."""

    def get_fund(self) -> Fund:
        raise NotImplementedError

    @property
    def proposing(self) -> bool:
        return self.get_fund().status == FundStatus.OPEN

    def test_func(self):
        user = self.request.user
        if self.proposing:
            return permissions.can_propose_budget_change(user)
        return permissions.can_manage_budget(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, proposing=self.proposing)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.proposing:
            form.helper.inputs[0].value = _("Propose the change")
        return form

    def proposed(self, form, action, **kwargs):
        try:
            change = action(by=self.request.user, **kwargs)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your proposal waits for approval by another administrator or coordinator."),
        )
        return redirect(change)


class ReallocateView(OpenFundProposerMixin, FundMixin, ManageFormView):
    form_class = ReallocationForm
    title = gettext_lazy("Move money between lines")

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "fund": self.fund}

    def get_success_url(self):
        return self.fund.get_absolute_url()

    def get_fund(self) -> Fund:
        return self.fund

    def form_valid(self, form):
        if self.proposing:
            return self.proposed(form, services.propose_reallocation, **form.cleaned_data)
        return self.attempt(
            form, services.reallocate, _("The money has been moved."), **form.cleaned_data
        )


class HoldersView(OpenFundProposerMixin, ManageFormView):
    """Before the period opens the administrator sets the holders; afterwards a change is a
    proposal with a reason that a second administrator or coordinator approves (SC-15)."""

    title = gettext_lazy("Who decides on this line")

    def get_fund(self) -> Fund:
        return self.line.fund

    def get_form_class(self):
        return HolderProposalForm if self.proposing else HolderForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.proposing:
            kwargs.update(line=self.line, holders=self.holders)
        return kwargs

    @cached_property
    def holders(self) -> list:
        return list(self.line.decision_holders.order_by("full_name", "email"))

    @cached_property
    def line(self) -> BudgetLine:
        return get_object_or_404(BudgetLine.objects.select_related("fund"), pk=self.kwargs["pk"])

    def get_breadcrumbs(self):
        fund = self.line.fund
        return [Crumb(BUDGET, "/samen-sterk/budget/"), Crumb(fund.name, fund.get_absolute_url()),
                Crumb(self.line.name)]  # fmt: skip

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, line=self.line, holders=self.holders)

    def get_success_url(self):
        return self.line.fund.get_absolute_url()

    def form_valid(self, form):
        if self.proposing:
            return self.proposed(
                form, services.propose_holder_change, line=self.line, **form.cleaned_data
            )
        return self.attempt(form, services.change_decision_holder, _("Saved."), line=self.line,
                            **form.cleaned_data)  # fmt: skip
