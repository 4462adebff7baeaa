"""The public showcase: only published initiatives, never names or e-mail addresses."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from initiatives import selectors
from initiatives.enums import UpdateKind
from initiatives.forms import InitiativeFilterForm
from initiatives.models import Initiative


class PublicListView(BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/public_list.html"

    def get_breadcrumbs(self):
        return [Crumb(_("Initiatives"))]

    def get_context_data(self, **kwargs):
        form = InitiativeFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        queryset = selectors.published_initiatives(
            search=filters.get("q", ""),
            neighbourhood=filters.get("wijk", ""),
            theme=filters.get("theme", ""),
        )
        page = Paginator(queryset, 20).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(**kwargs, form=form, page=page)


class PublicDetailView(BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/public_detail.html"

    @cached_property
    def initiative(self) -> Initiative:
        return get_object_or_404(
            Initiative.objects.published().prefetch_related("neighbourhoods"), pk=self.kwargs["pk"]
        )

    def get_breadcrumbs(self):
        return [Crumb(_("Initiatives"), "/initiatieven/"), Crumb(self.initiative.title)]

    def get_context_data(self, **kwargs):
        initiative = self.initiative
        return super().get_context_data(
            **kwargs,
            initiative=initiative,
            # "initiative" too: the related manager sets it on every row (else a query each).
            results=initiative.updates.filter(kind=UpdateKind.RESULT).only(
                "initiative", "created_at", "text"
            ),
        )


class NeighbourhoodView(BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/public_neighbourhood.html"

    @cached_property
    def neighbourhood(self) -> Neighbourhood:
        return get_object_or_404(
            Neighbourhood.objects.select_related("district"), slug=self.kwargs["slug"]
        )

    def get_breadcrumbs(self):
        return [Crumb(_("Initiatives"), "/initiatieven/"), Crumb(self.neighbourhood.name)]

    def get_context_data(self, **kwargs):
        neighbourhood = self.neighbourhood
        queryset = selectors.published_initiatives(neighbourhood=neighbourhood.slug)
        page = Paginator(queryset, 20).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(**kwargs, neighbourhood=neighbourhood, page=page)
