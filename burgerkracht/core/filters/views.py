"""Saving and deleting a filter of an officials' list (burgerkracht/core/filters/saved.py).
Plain forms, no JavaScript: saving is a POST from the list; a refused save shows the form on
its own page with the message next to the field; deleting asks first on its own page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.filters import saved as saved_filters
from burgerkracht.core.filters.models import SavedFilter
from burgerkracht.core.forms import SavedFilterForm
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb

SAVE = gettext_lazy("Save this filter")


class SavedFilterCreateView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    template_name = "core/saved_filter_form.html"
    form_class = SavedFilterForm
    http_method_names = ["post"]

    def get_breadcrumbs(self):
        return [Crumb(SAVE)]

    def form_valid(self, form):
        data = form.cleaned_data
        if not saved_filters.list_allows(self.request.user, data["list_key"]):
            raise Http404
        try:
            saved = saved_filters.save_filter(
                by=self.request.user, list_key=data["list_key"], name=data["name"],
                query=data["query"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error("name", error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The filter '%(name)s' is saved.") % {"name": saved})
        return redirect(saved.get_absolute_url())

    def form_invalid(self, form):
        list_key = form.data.get("list_key", "")
        if not saved_filters.list_allows(self.request.user, list_key):
            raise Http404
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        form = kwargs.get("form")
        list_key = form.data.get("list_key", "") if form is not None else ""
        query = saved_filters.clean_query(form.data.get("query", "")) if form is not None else ""
        back = reverse(list_key) + (f"?{query}" if query else "")
        return super().get_context_data(**kwargs, title=SAVE, back=back)


class SavedFilterDeleteView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    """Only the owner finds the filter: for anybody else it does not exist (404)."""

    template_name = "core/saved_filter_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.saved = get_object_or_404(SavedFilter, pk=kwargs["pk"], owner=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [Crumb(self.saved.name, self.saved.get_absolute_url()), Crumb(_("Delete"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, saved=self.saved)

    def post(self, request, *args, **kwargs):
        back = reverse(self.saved.list_key)
        saved_filters.delete_filter(by=request.user, saved=self.saved)
        messages.success(request, _("The filter '%(name)s' is deleted.") % {"name": self.saved})
        return redirect(back)
