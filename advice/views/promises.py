"""The promise register (filter, sort, export) and a promise's page with its progress notes,
the progress form for its owner and the coordinator, and reassigning it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from advice import permissions
from advice.forms.followup import PromiseUpdateForm, ReassignForm
from advice.forms.promises import VerdictForm
from advice.models import Promise
from advice.promise_selectors import PromiseFilter, PromiseTable, promise_detail, promise_register
from advice.services import followup as services
from advice.services import promises as own_promises
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.ui.subject_views import SubjectPermissionMixin


class PromiseListView(
    LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin, ExportMixin, SingleTableMixin,
    FilterView,
):  # fmt: skip
    template_name = "advice/promises/list.html"
    table_class = PromiseTable
    filterset_class = PromiseFilter
    table_pagination = {"per_page": 25}
    export_formats = ("csv", "xlsx")
    export_name = "toezeggingen"

    def test_func(self):
        return permissions.can_view_promises(self.request.user)

    def get_queryset(self):
        return promise_register(user=self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs, can_manage=permissions.can_manage_promises(user),
            can_view_agendas=permissions.can_view_agendas(user),
        )  # fmt: skip

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_breadcrumbs(self):
        return [Crumb(_("Promises"))]


class PromiseMixin(SubjectPermissionMixin, BreadcrumbsMixin):
    subject = "promise"
    permission = staticmethod(permissions.can_view_promise)

    @cached_property
    def promise(self) -> Promise:
        try:
            return promise_detail(self.kwargs["pk"])
        except Promise.DoesNotExist as missing:
            raise Http404 from missing

    def get_breadcrumbs(self):
        first = (
            [Crumb(_("Promises"), reverse("advice:promises"))]
            if permissions.can_view_promises(self.request.user)
            else []
        )
        return [*first, Crumb(self.promise.text[:60], self.promise.get_absolute_url())]

    def update_form(self, data=None):
        return PromiseUpdateForm(data, promise=self.promise, prefix="update")

    def reassign_form(self, data=None):
        p = self.promise
        initial = {"owner": p.owner, "department": p.department, "due_on": p.due_on}
        return ReassignForm(data, initial=initial, prefix="reassign")

    def get_context_data(self, **kwargs):
        user, p, today = self.request.user, self.promise, timezone.localdate()
        can_judge = permissions.can_manage_promises(user) and p.is_standalone
        context = {
            "promise": p,
            "overdue": p.is_overdue(today),
            "can_update": permissions.can_update_promise(user, p),
            "can_reassign": permissions.is_editor(user),
            "can_change": permissions.can_change_promise(user, p),
            "can_view_advice": p.advice_id is not None
            and permissions.can_view_advice(user, p.advice),
            "can_view_agenda": p.agenda_id is not None
            and permissions.can_view_agenda(user, p.agenda),
            "verdict": getattr(p, "verdict", None),
            "verdict_refusal": own_promises.verdict_refusal(p, today) if can_judge else "",
        }
        context["can_judge"] = can_judge and not context["verdict_refusal"]
        if context["can_judge"] and "verdict_form" not in kwargs:
            context["verdict_form"] = VerdictForm(prefix="verdict")
        if context["can_update"] and "update_form" not in kwargs:
            context["update_form"] = self.update_form()
        if context["can_reassign"] and "reassign_form" not in kwargs:
            context["reassign_form"] = self.reassign_form()
        return super().get_context_data(**context, **kwargs)


class PromiseDetailView(PromiseMixin, TemplateView):
    """GET shows the promise; POST with the "update" or "reassign" button runs that form."""

    template_name = "advice/promises/detail.html"

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs()[:-1], Crumb(self.promise.text[:60])]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        user, p = request.user, self.promise
        if "verdict" in request.POST:
            if not permissions.can_manage_promises(user):
                raise PermissionDenied
            form = VerdictForm(request.POST, prefix="verdict")
            name, success = "verdict_form", _("The verdict has been given.")
            action = own_promises.judge_promise
        elif "reassign" in request.POST:
            if not permissions.is_editor(user):
                raise PermissionDenied
            form = self.reassign_form(request.POST)
            name, success = "reassign_form", _("The promise has been changed.")
            action = services.reassign_promise
        else:
            if not permissions.can_update_promise(user, p):
                raise PermissionDenied
            form = self.update_form(request.POST)
            name, success = "update_form", _("The progress has been saved.")
            action = services.update_promise
        if form.is_valid():
            try:
                action(promise=p, by=user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, success)
                return redirect(p.get_absolute_url())
        return self.render_to_response(self.get_context_data(**{name: form}))
