"""The internal register and the requests for advice (WF-7)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from advice import permissions, selectors
from advice.enums import RequestStatus
from advice.filters import RegisterFilter
from advice.forms.register import ReasonForm, RequestEditForm, RequestForm
from advice.models import AdviceRequest
from advice.services import register as services
from advice.tables import RegisterTable
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.filters.saved import SavedFiltersMixin
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.subject_views import SubjectPermissionMixin

REGISTER = gettext_lazy("Advice register")


def register_crumb() -> Crumb:
    return Crumb(REGISTER, reverse("advice:register"))


# A service refuses with a DomainError; a model check it runs (full_clean) with a
# ValidationError. Both end up on the form, never as a server error.
REFUSED = (DomainError, ValidationError)


def form_error(form, error: DomainError | ValidationError):
    """A refusal of a service, shown on the form (and in its error summary)."""
    if isinstance(error, ValidationError):
        for message in error.messages:
            form.add_error(None, message)
    else:
        form.add_error(None, error.message)


OPEN_REQUESTS_SHOWN = 20


class RegisterView(
    LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, SavedFiltersMixin, ExportMixin,
    SingleTableMixin, FilterView,
):  # fmt: skip
    """Every advice the user may see, with the open requests above it."""

    template_name = "advice/register/register.html"
    table_class = RegisterTable
    filterset_class = RegisterFilter
    table_pagination = {"per_page": 25}  # as the other officials' lists; ?per_page= for more
    export_formats = ("csv", "xlsx")
    export_name = "adviesregister"

    def test_func(self):
        return permissions.can_use_register(self.request.user)

    def get_queryset(self):
        return selectors.register_rows(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(REGISTER)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        requests = selectors.open_requests(user)
        total = requests.count()
        show_all = self.request.GET.get("verzoeken") == "alle"
        return super().get_context_data(
            **kwargs,
            # The earliest deadlines first; all of them on request (a list that grows with
            # the years must not make every visit slower, target P2).
            requests=requests if show_all else requests[:OPEN_REQUESTS_SHOWN],
            requests_total=total,
            requests_all=show_all or total <= OPEN_REQUESTS_SHOWN,
            today=timezone.localdate(),
            can_request=permissions.can_request_advice(user),
            can_register=permissions.can_register_advice(user),
        )


class RequestCreateView(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, FormView):
    template_name = "advice/register/form.html"
    form_class = RequestForm

    def test_func(self):
        return permissions.can_request_advice(self.request.user)

    def get_initial(self):
        return {"requested_on": timezone.localdate()}

    def get_breadcrumbs(self):
        return [register_crumb(), Crumb(_("Ask for advice"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=_("Ask an advisory body for advice"))

    def form_valid(self, form):
        try:
            request = services.request_advice(
                by=self.request.user, body=form.cleaned_data["body"], **form.service_fields()
            )
        except REFUSED as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The request is sent to the body."))
        return redirect(request.get_absolute_url())


class RequestMixin(SubjectPermissionMixin, BreadcrumbsMixin):
    """Loads `self.advice_request` and refuses (403) unless `permission(user, request)`."""

    subject = "advice_request"

    permission: Callable = staticmethod(permissions.can_view_request)

    @cached_property
    def advice_request(self) -> AdviceRequest:
        return get_object_or_404(AdviceRequest.objects.select_related("body"), pk=self.kwargs["pk"])

    def get_breadcrumbs(self):
        r = self.advice_request
        return [register_crumb(), Crumb(str(r), r.get_absolute_url())]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, advice_request=self.advice_request)


class RequestDetailView(RequestMixin, TemplateView):
    template_name = "advice/register/request_detail.html"

    def get_breadcrumbs(self):
        return [register_crumb(), Crumb(str(self.advice_request))]

    def get_context_data(self, **kwargs):
        user, r = self.request.user, self.advice_request
        advice = getattr(r, "advice", None)
        return super().get_context_data(
            **kwargs,
            advice=advice if advice and permissions.can_view_advice(user, advice) else None,
            timeline=selectors.request_timeline(r),
            can_change=permissions.can_change_request(user, r),
            can_register=permissions.can_register_advice(user)
            and advice is None
            and (permissions.is_editor(user) or permissions.in_body(user, r.body_id)),
            min_days=settings.ADVICE_MIN_LEAD_DAYS,
        )


class RequestEditView(RequestMixin, FormView):
    template_name = "advice/register/form.html"
    form_class = RequestEditForm
    permission = staticmethod(permissions.can_change_request)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_obj": self.advice_request}

    def get_initial(self):
        r = self.advice_request
        return {name: getattr(r, name) for name in services.REQUEST_FIELDS}

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(_("Change"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=_("Change the request for advice"))

    def form_valid(self, form):
        fields = form.service_fields()
        try:
            services.update_request(
                advice_request=self.advice_request, by=self.request.user,
                reason=form.cleaned_data.get("reason") or "", **fields,
            )  # fmt: skip
        except REFUSED as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The request is changed."))
        return redirect(self.advice_request.get_absolute_url())


class RequestStatusView(RequestMixin, FormView):
    """Lapse (no advice came) or withdraw a request, with a reason."""

    template_name = "advice/register/form.html"
    form_class = ReasonForm
    permission = staticmethod(permissions.can_change_request)
    status = RequestStatus.WITHDRAWN

    @property
    def title(self):
        if self.status == RequestStatus.LAPSED:
            return _("The deadline passed without an advice")
        return _("Withdraw the request")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "button": self.title}

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(self.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, title=self.title)

    def form_valid(self, form):
        try:
            services.change_request_status(
                advice_request=self.advice_request, by=self.request.user, status=self.status,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except REFUSED as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The status of the request is changed."))
        return redirect(self.advice_request.get_absolute_url())
