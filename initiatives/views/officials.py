"""Lists for facilitators and the facilitator coordinator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export.views import ExportMixin

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.filters.saved import SavedFiltersMixin
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.validation.parsing import whole_number
from initiatives import permissions, selectors
from initiatives.filters import OfficialsInitiativeFilter
from initiatives.forms_people import HandoverForm, ReassignForm
from initiatives.handover import dossiers_of, hand_over, initiatives_of, reassign
from initiatives.tables import OfficialsInitiativeTable


def _person(request, field: str, people):
    """The facilitator a page is about: ?van= on the page, `field` on a POST."""
    key = request.POST.get(field) if request.method == "POST" else None
    pk = whole_number(key or request.GET.get("van"))
    return None if pk is None else people.filter(pk=pk).first()


class OfficialsMixin(LoginRequiredMixin, UserPassesTestMixin, BreadcrumbsMixin):
    def test_func(self):
        return permissions.can_use_officials_list(self.request.user)


class OfficialsInitiativeListView(
    OfficialsMixin, SavedFiltersMixin, ExportMixin, SingleTableMixin, FilterView
):
    template_name = "initiatives/officials_list.html"
    table_class = OfficialsInitiativeTable
    filterset_class = OfficialsInitiativeFilter
    # tables2 paginates; ListView's own pagination would count and fetch a second time.
    table_pagination = {"per_page": 25}
    export_formats = ("csv", "xlsx")
    export_name = "initiatieven"

    def get_queryset(self):
        return selectors.initiatives_for_officials(self.request.user)

    def page_title(self) -> str:
        """The heading, the browser title and the last crumb: one name for one page."""
        if permissions.is_coordinator(self.request.user):
            return _("All initiatives")
        return _("Initiatives I facilitate")

    def get_breadcrumbs(self):
        return [Crumb(self.page_title())]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            page_title=self.page_title(),
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


class CoordinatorMixin(OfficialsMixin):
    """A page of the facilitator coordinator's, under "Assigning facilitators"."""

    crumb = ""

    def test_func(self):
        return permissions.can_hand_over(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(_("Assigning facilitators"), reverse("initiatives:coordinator")),
                Crumb(self.crumb)]  # fmt: skip


class MoveDossiersView(CoordinatorMixin, FormView):
    """A coordinator's form that moves dossiers to another facilitator through a service,
    which tells the residents: a refusal shows on the form, the outcome on the coordinator's
    page."""

    def move(self, form) -> list:
        """Call the service; the dossiers it moved."""
        raise NotImplementedError

    def moved_message(self, data, count: int) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            moved = self.move(form)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.moved_message(form.cleaned_data, len(moved)))
        return redirect("initiatives:coordinator")


class HandoverView(MoveDossiersView):
    """A facilitator leaves: their initiatives and grants move on, with a handover note."""

    template_name = "initiatives/handover.html"
    form_class = HandoverForm

    crumb = _("Handover")

    def get_initial(self):
        return {"leaving": self.request.GET.get("van") or None}

    @cached_property
    def chosen(self):
        """Who leaves (their initiatives get a note each)."""
        return _person(self.request, "leaving", HandoverForm().fields["leaving"].queryset)

    @cached_property
    def initiatives(self):
        return list(initiatives_of(self.chosen)) if self.chosen else []

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "initiatives": self.initiatives}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, chosen=self.chosen, initiatives=self.initiatives)

    def move(self, form) -> list:
        data = form.cleaned_data
        return hand_over(
            by=self.request.user, leaving=data["leaving"], successor=data["successor"],
            note=data["note"], deactivate=data["deactivate"], notes=form.notes(),
        )  # fmt: skip

    def moved_message(self, data, count: int) -> str:
        return _("Handed over: %(count)d initiative(s). The residents have been told.") % {
            "count": count
        }


class ReassignView(MoveDossiersView):
    """Move some of a facilitator's dossiers (who stays) to another facilitator, with one
    reason: e.g. for someone with too much work. All the dossiers are ticked; untick the ones
    that stay."""

    template_name = "initiatives/reassign.html"
    form_class = ReassignForm

    crumb = _("Reassign dossiers")

    @cached_property
    def person(self):
        """The facilitator whose dossiers are shown."""
        return _person(self.request, "from_user", ReassignForm().fields["from_user"].queryset)

    @cached_property
    def dossiers(self):
        return dossiers_of(self.person) if self.person else []

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "dossiers": self.dossiers}

    def get_initial(self):
        return {
            "from_user": self.person.pk if self.person else None,
            "initiatives": [d.pk for d in self.dossiers],
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, chosen=self.person, dossiers=self.dossiers,
            people=ReassignForm().fields["from_user"].queryset,
        )  # fmt: skip

    def move(self, form) -> list:
        data = form.cleaned_data
        return reassign(
            by=self.request.user, from_user=data["from_user"], to_user=data["to_user"],
            initiative_ids=data["initiatives"], reason=data["reason"],
        )  # fmt: skip

    def moved_message(self, data, count: int) -> str:
        return _("Reassigned to %(name)s: %(count)d dossier(s). The residents have been told.") % {
            "name": data["to_user"], "count": count,
        }  # fmt: skip
