"""The promise register (filter, sort, export) and a promise's page with its progress notes,
the progress form for its owner and the coordinator, and reassigning it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied
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
from advice.models import Promise
from advice.promise_selectors import PromiseFilter, PromiseTable, promise_detail, promise_register
from advice.services import followup as services
from burgerkracht.core.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.exceptions import DomainError


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
        return promise_register()

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_breadcrumbs(self):
        return [Crumb(_("Promises"))]


class PromiseMixin(LoginRequiredMixin, BreadcrumbsMixin):
    permission = staticmethod(permissions.can_view_promise)

    @cached_property
    def promise(self) -> Promise:
        try:
            return promise_detail(self.kwargs["pk"])
        except Promise.DoesNotExist as missing:
            raise Http404 from missing

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not type(self).permission(request.user, self.promise):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

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
        user, p = self.request.user, self.promise
        context = {
            "promise": p,
            "overdue": p.is_overdue(timezone.localdate()),
            "can_update": permissions.can_update_promise(user, p),
            "can_reassign": permissions.is_editor(user),
            "can_view_advice": permissions.can_view_advice(user, p.advice),
        }
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
        if "reassign" in request.POST:
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
            else:
                messages.success(request, success)
                return redirect(p.get_absolute_url())
        return self.render_to_response(self.get_context_data(**{name: form}))
