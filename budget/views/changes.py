"""Proposals during the open period and their approval (SC-15, SC-16): the list of proposals,
one proposal with approve / refuse / withdraw, and proposing money out of Samen Sterk. Adding
or removing a decision holder and moving money between lines are proposed on the pages of
budget.views.ledger once the period is open."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from budget import change_selectors, permissions, services
from budget.enums import FundStatus
from budget.forms import OutOfPurposeForm, RefusalForm
from budget.models import BudgetChange, Fund
from budget.views.ledger import BUDGET, ManageFormView, OpenFundProposerMixin
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb

CHANGES = gettext_lazy("Budget changes to approve")


class ChangesMixin(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin):
    def test_func(self):
        return permissions.can_view_budget_changes(self.request.user)


class ChangeListView(ChangesMixin, TemplateView):
    """Proposals waiting for approval first, then the ones decided most recently."""

    template_name = "budget/change_list.html"

    def get_breadcrumbs(self):
        return [Crumb(BUDGET, "/samen-sterk/budget/"), Crumb(CHANGES)]

    def get_context_data(self, **kwargs):
        waiting, decided = change_selectors.budget_changes()
        sections = [
            (_("Waiting for approval"), waiting, _("No proposal waits for approval.")),
            (_("Decided recently"), decided, _("No proposal has been decided yet.")),
        ]
        return super().get_context_data(**kwargs, sections=sections)


class ChangeView(ChangesMixin, FormView):
    """One proposal: approve it, refuse it with a reason, or (the proposer) withdraw it."""

    template_name = "budget/change_detail.html"
    form_class = RefusalForm

    @cached_property
    def change(self) -> BudgetChange:
        return get_object_or_404(change_selectors.budget_change_queryset(), pk=self.kwargs["pk"])

    def get_breadcrumbs(self):
        changes = Crumb(CHANGES, "/samen-sterk/budget/wijzigingen/")
        return [Crumb(BUDGET, "/samen-sterk/budget/"), changes, Crumb(str(self.change))]

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(
            **kwargs, change=self.change,
            can_decide=permissions.can_decide_budget_change(user, self.change),
            can_withdraw=permissions.can_withdraw_budget_change(user, self.change),
        )  # fmt: skip
        form = context["form"]
        context["refusal_form"] = form if isinstance(form, RefusalForm) else RefusalForm()
        return context

    def post(self, request, *args, **kwargs):
        action, user, change = request.POST.get("action"), request.user, self.change
        allowed = {
            "withdraw": permissions.can_withdraw_budget_change(user, change),
            "approve": permissions.can_decide_budget_change(user, change),
            "refuse": permissions.can_decide_budget_change(user, change),
        }
        if not allowed.get(action):
            return self.handle_no_permission()
        if action == "withdraw":
            return self._attempt(services.withdraw_change, _("The proposal has been withdrawn."))
        if action == "approve":
            return self._attempt(services.approve_change, _("Approved: the change has been made."))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        return self._attempt(
            services.refuse_change, _("Refused: nothing has changed."), form=form,
            reason=form.cleaned_data["reason"],
        )  # fmt: skip

    def _attempt(self, action, success, form=None, **kwargs):
        try:
            action(by=self.request.user, change=self.change, **kwargs)
        except DomainError as error:
            if form is None:  # approving or withdrawing: the refusal form stays empty
                form = forms.Form(data={})
                form.is_valid()
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(self.request, success)
        return redirect(self.change)


class OutOfPurposeView(OpenFundProposerMixin, ManageFormView):
    form_class = OutOfPurposeForm
    title = gettext_lazy("Propose moving money out of Samen Sterk")

    @cached_property
    def fund(self) -> Fund:
        return get_object_or_404(Fund, pk=self.kwargs["pk"], status=FundStatus.OPEN)

    def get_fund(self) -> Fund:
        return self.fund

    def get_breadcrumbs(self):
        return [Crumb(BUDGET, "/samen-sterk/budget/"),
                Crumb(self.fund.name, self.fund.get_absolute_url()), Crumb(self.title)]  # fmt: skip

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "fund": self.fund}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, fund=self.fund)

    def form_valid(self, form):
        return self.proposed(form, services.propose_out_of_purpose, **form.cleaned_data)
