"""Signals from practice: the list with its filters, recording one, the signals an advice is
based on, and turning an initiative's obstacle into a signal of a body."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from advice import permissions
from advice.forms.bodies import ConvertForm, LinkSignalsForm, SignalForm
from advice.models import Advice, AdvisoryBody, BodyOrganisation, Signal, Theme
from advice.services import bodies as body_services
from advice.services import register as register_services
from advice.views.bodies import Access, ServiceFormView
from burgerkracht.core import practice
from burgerkracht.core.ui.breadcrumbs import Crumb

SIGNALS = _("Signals from practice")
YES_NO = (("yes", _("Yes")), ("no", _("No")))


def signals_crumb() -> Crumb:
    return Crumb(SIGNALS, reverse("advice:signals"))


def bodies_for(user):
    """The bodies `user` may record a signal for: their own; every active one for editors."""
    bodies = AdvisoryBody.objects.filter(is_active=True)
    if permissions.is_editor(user):
        return bodies
    return bodies.filter(pk__in=permissions.body_ids(user))


class SignalFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), empty_label=_("All themes")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Advisory body"), queryset=AdvisoryBody.objects.all(), empty_label=_("All bodies")
    )
    structural = django_filters.ChoiceFilter(
        label=_("Structural problem"), choices=YES_NO, method="filter_structural",
        empty_label=_("Both"),
    )  # fmt: skip
    linked = django_filters.ChoiceFilter(
        label=_("Basis of an advice"), choices=YES_NO, method="filter_linked",
        empty_label=_("Both"),
    )  # fmt: skip

    class Meta:
        model = Signal
        fields = ["theme", "body", "structural", "linked"]

    def filter_structural(self, queryset, name, value):
        return queryset.filter(is_structural=value == "yes") if value else queryset

    def filter_linked(self, queryset, name, value):
        return queryset.filter(advice__isnull=value != "yes") if value else queryset


class SignalListView(Access, TemplateView):
    template_name = "advice/signals/list.html"

    def allowed(self):
        return permissions.can_view_signals(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(SIGNALS)]

    def get_context_data(self, **kwargs):
        signals = Signal.objects.select_related(
            "body", "theme", "organisation__organisation", "advice"
        )
        signal_filter = SignalFilter(self.request.GET or None, queryset=signals)
        page = Paginator(signal_filter.qs, 25).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        user = self.request.user
        return super().get_context_data(
            **kwargs, filter=signal_filter, page=page, query=query.urlencode(),
            can_record=permissions.can_record_signal(user),
            can_convert=permissions.can_convert_obstacles(user),
        )  # fmt: skip


class SignalCreateView(ServiceFormView):
    title = _("Record a signal")
    intro = _("A signal is something that goes wrong in practice for residents. Several "
              "signals can become the basis of an advice.")  # fmt: skip
    form_class = SignalForm

    def allowed(self):
        return permissions.can_record_signal(self.request.user)

    def get_breadcrumbs(self):
        return [signals_crumb(), Crumb(self.title)]

    def get_form_kwargs(self):
        user = self.request.user
        organisations = BodyOrganisation.objects.select_related("organisation", "body")
        if permissions.is_editor(user):
            organisations = organisations.filter(body__is_active=True)
        else:
            organisations = organisations.filter(
                representatives__user=user, representatives__ended_on__isnull=True,
                body_id__in=permissions.body_ids(user),
            ).distinct()  # fmt: skip
        return {**super().get_form_kwargs(), "bodies": bodies_for(user),
                "organisations": organisations}  # fmt: skip

    def act(self, form):
        data = form.cleaned_data
        signal = register_services.record_signal(
            by=self.request.user, body=data["body"], theme=data["theme"], title=data["title"],
            description=data["description"], organisation=data["organisation"],
            is_structural=data["is_structural"],
        )  # fmt: skip
        messages.success(self.request, _("The signal has been recorded."))
        return redirect(signal.get_absolute_url())


class SignalDetailView(Access, TemplateView):
    template_name = "advice/signals/detail.html"

    @cached_property
    def signal(self):
        return get_object_or_404(
            Signal.objects.select_related("body", "theme", "organisation__organisation",
                                          "advice", "recorded_by"),
            pk=self.kwargs["pk"],
        )  # fmt: skip

    def allowed(self):
        return permissions.can_view_signals(self.request.user)

    def get_breadcrumbs(self):
        return [signals_crumb(), Crumb(self.signal.title)]

    def get_context_data(self, **kwargs):
        advice = self.signal.advice
        return super().get_context_data(
            **kwargs, signal=self.signal,
            show_advice=advice is not None
            and permissions.can_view_advice(self.request.user, advice),
            from_practice=self.signal.source_id is not None,
        )  # fmt: skip


class AdviceSignalsView(ServiceFormView):
    """The signals a concept advice is based on (WF-8): tick them, and only these count."""

    title = _("Signals this advice is based on")
    template_name = "advice/signals/link.html"
    form_class = LinkSignalsForm

    @cached_property
    def advice(self):
        return get_object_or_404(Advice.objects.select_related("body"), pk=self.kwargs["pk"])

    def allowed(self):
        return permissions.can_link_signal(self.request.user, self.advice)

    def get_breadcrumbs(self):
        return [
            Crumb(_("Advice register"), reverse("advice:register")),
            Crumb(str(self.advice), self.advice.get_absolute_url()),
            Crumb(self.title),
        ]

    def get_form_kwargs(self):
        available = (
            Signal.objects.filter(advice__isnull=True) | Signal.objects.filter(advice=self.advice)
        ).select_related("body", "theme")
        return {**super().get_form_kwargs(), "queryset": available.order_by("theme", "-pk")}

    def get_initial(self):
        return {"signals": list(self.advice.signals.all())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, advice=self.advice)

    def act(self, form):
        register_services.link_signals(
            advice=self.advice, by=self.request.user, signals=list(form.cleaned_data["signals"])
        )
        messages.success(self.request, _("The signals of this advice have been saved."))
        return redirect(self.advice.get_absolute_url())


class ObstacleListView(Access, TemplateView):
    """Obstacles that initiatives marked "signal to the municipality", not yet picked up.
    Without names or contact data of residents."""

    template_name = "advice/signals/obstacles.html"

    def allowed(self):
        return permissions.can_convert_obstacles(self.request.user)

    def get_breadcrumbs(self):
        return [signals_crumb(), Crumb(_("Obstacles from initiatives"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, items=practice.open_items())


class ObstacleConvertView(ServiceFormView):
    title = _("Make the obstacle a signal")
    template_name = "advice/signals/convert.html"
    form_class = ConvertForm

    @cached_property
    def item(self):
        return practice.get(self.kwargs["key"])

    def allowed(self):
        return permissions.can_convert_obstacles(self.request.user)

    def get(self, request, *args, **kwargs):
        if self.item is None:
            messages.info(request, _("This obstacle has already been picked up."))
            return redirect("advice:obstacles")
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        obstacles = Crumb(_("Obstacles from initiatives"), reverse("advice:obstacles"))
        return [signals_crumb(), obstacles, Crumb(self.title)]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bodies": bodies_for(self.request.user)}

    def get_initial(self):
        item = self.item
        return {"title": item.text[:80], "description": item.text} if item else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, item=self.item)

    def act(self, form):
        data = form.cleaned_data
        signal = body_services.convert_obstacle(
            by=self.request.user, key=self.kwargs["key"], body=data["body"], theme=data["theme"],
            title=data["title"], description=data["description"],
            is_structural=data["is_structural"],
        )  # fmt: skip
        messages.success(self.request, _("The obstacle is now a signal, and marked as picked up."))
        return redirect(signal.get_absolute_url())
