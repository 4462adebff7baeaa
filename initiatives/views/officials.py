"""Lists for facilitators and the facilitator coordinator."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export.views import ExportMixin

from burgerkracht.core.breadcrumbs import BreadcrumbsMixin, Crumb
from initiatives import permissions, selectors
from initiatives.filters import OfficialsInitiativeFilter
from initiatives.tables import OfficialsInitiativeTable


class OfficialsMixin(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin):
    def test_func(self):
        return permissions.can_use_officials_list(self.request.user)


class OfficialsInitiativeListView(OfficialsMixin, ExportMixin, SingleTableMixin, FilterView):
    template_name = "initiatives/officials_list.html"
    table_class = OfficialsInitiativeTable
    filterset_class = OfficialsInitiativeFilter
    # tables2 paginates; ListView's own pagination would count and fetch a second time.
    table_pagination = {"per_page": 25}
    export_formats = ("csv", "xlsx")
    export_name = "initiatieven"

    def get_queryset(self):
        return selectors.initiatives_for_officials(self.request.user).distinct()

    def get_breadcrumbs(self):
        return [Crumb(_("Initiatives I facilitate"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            signals=selectors.open_signals(self.request.user)[:10],
            recent=selectors.recent_updates(self.request.user)[:10],
            is_coordinator=permissions.is_coordinator(self.request.user),
        )


class CoordinatorView(OfficialsMixin, TemplateView):
    template_name = "initiatives/coordinator.html"

    def test_func(self):
        return permissions.is_coordinator(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(_("Assigning facilitators"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            unassigned=selectors.unassigned_initiatives()[:100],
            workload=selectors.facilitator_workload(),
        )
