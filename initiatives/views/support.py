"""Support requests and the jager (WF-6): asking, the request's page with its hand-offs and
days, passing it on, the answer, withdrawing, appointing a jager, and the jager's list of
open requests. Services in initiatives/support.py; rights in initiatives/support_rules.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.subject_views import SubjectPermissionMixin
from initiatives import permissions, support
from initiatives import support_rules as rules
from initiatives.support_enums import SupportStatus
from initiatives.support_forms import (
    AnswerForm,
    AskSupportForm,
    HandOverForm,
    JagerForm,
    WithdrawSupportForm,
)
from initiatives.support_models import SupportRequest
from initiatives.support_selectors import open_requests_for
from initiatives.support_tables import OpenRequestFilter, OpenRequestTable
from initiatives.views.workspace import ActionView

OPEN_REQUESTS = gettext_lazy("Open support requests")


class AskSupportView(ActionView):
    permission = staticmethod(rules.can_ask_support)
    form_class = AskSupportForm
    template_name = "initiatives/support/ask.html"
    title = gettext_lazy("Ask the municipality or a partner for help")

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            request = support.ask_support(
                by=self.request.user, initiative=self.initiative, question=data["question"],
                domain=data["domain"], organisation=data["organisation"],
                decider_name=data["name"], decider_email=data["email"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Your request is recorded."))
        return redirect(request.get_absolute_url())


class AppointJagerView(ActionView):
    permission = staticmethod(rules.can_appoint_jager)
    form_class = JagerForm
    template_name = "initiatives/support/jager.html"
    title = gettext_lazy("Appoint a jager")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, current=rules.current_jager(self.initiative))

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            support.appoint_jager(
                initiative=self.initiative, by=self.request.user, jager=data["jager"],
                mandate=data["mandate"], money_limit=data["money_limit"],
                departments=list(data["departments"]),
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The jager is appointed."))
        return redirect(self.initiative.get_absolute_url())


class SupportMixin(SubjectPermissionMixin, BreadcrumbsMixin):
    """Loads `self.support_request` and checks `permission(user, request)` (403 otherwise)."""

    subject = "support_request"
    permission = staticmethod(rules.can_view_support)

    @cached_property
    def support_request(self) -> SupportRequest:
        return get_object_or_404(
            SupportRequest.objects.select_related(
                "initiative", "organisation", "holder_organisation", "asked_by", "closed_by"
            ),
            pk=self.kwargs["pk"],
        )

    def get_breadcrumbs(self):
        initiative = self.support_request.initiative
        return [
            Crumb(_("My burgerkracht"), "/mijn/"),
            Crumb(initiative.title, initiative.get_absolute_url()),
            Crumb(_("Support request")),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, support_request=self.support_request,
            initiative=self.support_request.initiative,
        )  # fmt: skip


class SupportDetailView(SupportMixin, TemplateView):
    template_name = "initiatives/support/detail.html"

    def get_context_data(self, **kwargs):
        request = self.support_request
        now = timezone.now()
        return super().get_context_data(
            **kwargs,
            handoffs=list(request.handoffs.select_related("by", "from_organisation",
                                                          "to_organisation")),
            days_open=request.days_open(now), days_with_holder=request.days_with_holder(now),
            is_overdue=request.is_overdue(timezone.localdate()),
            can_handle=rules.can_handle_support(self.request.user, request),
            can_write_lesson=request.status == SupportStatus.ANSWERED
            and permissions.can_write_lesson_from(self.request.user, request.initiative),
        )  # fmt: skip


class SupportActionView(SupportMixin, FormView):
    permission = staticmethod(rules.can_handle_support)
    template_name = "initiatives/support/action.html"
    title = ""
    success = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title)

    def act(self, data) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, str(self.success))
        return redirect(self.support_request.get_absolute_url())


class HandOverView(SupportActionView):
    form_class = HandOverForm
    title = gettext_lazy("Record a hand-off")
    success = gettext_lazy("The hand-off is recorded.")

    def act(self, data):
        support.hand_over_request(
            request=self.support_request, by=self.request.user, to_name=data["name"],
            to_email=data["email"], to_organisation=data["organisation"], note=data["note"],
        )  # fmt: skip


class AnswerView(SupportActionView):
    form_class = AnswerForm
    title = gettext_lazy("Record the answer")
    success = gettext_lazy("The answer is recorded.")

    def act(self, data):
        support.answer_request(
            request=self.support_request,
            by=self.request.user,
            answer=data["answer"],
            what_it_took=data["what_it_took"],
        )


class WithdrawSupportView(SupportActionView):
    form_class = WithdrawSupportForm
    title = gettext_lazy("Withdraw the support request")
    success = gettext_lazy("The request is withdrawn.")

    def act(self, data):
        support.withdraw_request(request=self.support_request, by=self.request.user,
                                 reason=data["reason"])  # fmt: skip


class OpenRequestsView(
    LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, SingleTableMixin, FilterView
):
    """The jager's list: every open request of their initiatives, oldest first."""

    template_name = "initiatives/support/open_list.html"
    table_class = OpenRequestTable
    filterset_class = OpenRequestFilter
    table_pagination = {"per_page": 25}

    def test_func(self):
        return rules.can_use_jager_list(self.request.user)

    def get_queryset(self):
        return open_requests_for(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(OPEN_REQUESTS)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, page_title=OPEN_REQUESTS)
