"""The factsheet of roles and authorities (public), its history with the why of every change,
and publishing a new version; and handing over the contacts of someone who leaves."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from advice import permissions
from advice.enums import OPEN_PROMISE, AdviceStatus, Party
from advice.forms.bodies import FactsheetForm, HandoverForm
from advice.models import Advice, FactsheetVersion, Promise
from advice.services import followup
from advice.views.bodies import ServiceFormView
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from burgerkracht.core.validation.parsing import whole_number

FACTSHEET = _("Roles and authorities")


def entries_in_order(version: FactsheetVersion) -> list:
    order = {party: i for i, party in enumerate(Party.values)}
    return sorted(version.entries.all(), key=lambda e: order.get(e.party, len(order)))


class FactsheetView(BreadcrumbsMixin, TemplateView):
    """Public: who does what, who decides what, and what was agreed — and why it changed."""

    template_name = "advice/factsheet/detail.html"

    def get_version(self):
        return FactsheetVersion.current()

    def get_breadcrumbs(self):
        return [Crumb(FACTSHEET)]

    def get_context_data(self, **kwargs):
        version = self.get_version()
        current = FactsheetVersion.current()
        return super().get_context_data(
            **kwargs, version=version, entries=entries_in_order(version) if version else [],
            is_current=version is not None and current is not None and version.pk == current.pk,
            history=FactsheetVersion.objects.select_related("published_by"),
            can_change=permissions.can_change_factsheet(self.request.user),
        )  # fmt: skip


class FactsheetVersionView(FactsheetView):
    def get_version(self):
        return get_object_or_404(FactsheetVersion, number=self.kwargs["number"])

    def get_breadcrumbs(self):
        return [Crumb(FACTSHEET, reverse("advice:factsheet")),
                Crumb(_("Version %(number)s") % {"number": self.kwargs["number"]})]  # fmt: skip


class FactsheetNewView(ServiceFormView):
    title = _("New version of the roles and authorities")
    template_name = "advice/factsheet/form.html"
    form_class = FactsheetForm

    def allowed(self):
        return permissions.can_change_factsheet(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(FACTSHEET, reverse("advice:factsheet")), Crumb(self.title)]

    def get_initial(self):
        initial = {"valid_from": timezone.localdate()}
        current = FactsheetVersion.current()
        for entry in current.entries.all() if current else ():
            for name in ("tasks", "powers", "agreements"):
                initial[f"{entry.party}_{name}"] = getattr(entry, name)
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, current=FactsheetVersion.current())

    def act(self, form):
        data = form.cleaned_data
        version = followup.publish_factsheet(
            by=self.request.user, why=data["why"], valid_from=data["valid_from"],
            entries=form.entries(),
        )  # fmt: skip
        messages.success(
            self.request, _("Version %(number)s has been published.") % {"number": version.number}
        )
        return redirect("advice:factsheet")


def holdings(user) -> dict[str, int]:
    """What `user` holds in the register: the counts a handover would move."""
    advices = Advice.objects.exclude(status__in=(AdviceStatus.CLOSED, AdviceStatus.WITHDRAWN))
    return {
        "contact": advices.filter(contact=user).count(),
        "backup": advices.filter(backup_contact=user).count(),
        "promises": Promise.objects.filter(owner=user, status__in=OPEN_PROMISE).count(),
    }


class HandoverView(ServiceFormView):
    """Someone at the municipality leaves: their advices (as contact or backup) and open
    promises go to a successor, with a note on the why of earlier agreements."""

    title = _("Hand over contacts")
    intro = _("Everything the person holds in the advice register goes to the successor: "
              "contact person and backup of advices that are not closed, and open promises. "
              "The successor gets an e-mail.")  # fmt: skip
    template_name = "advice/factsheet/handover.html"
    form_class = HandoverForm

    def allowed(self):
        return permissions.is_editor(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(_("Advice register"), reverse("advice:register")), Crumb(self.title)]

    def get_initial(self):
        raw = self.request.GET.get("van", "")
        return {"leaving": raw} if whole_number(raw) is not None else {}

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        raw = str(form["leaving"].value() or "")
        pk = whole_number(raw)
        chosen = form.fields["leaving"].queryset.filter(pk=pk).first() if pk is not None else None
        return super().get_context_data(
            **kwargs, chosen=chosen, counts=holdings(chosen) if chosen else None
        )

    def act(self, form):
        data = form.cleaned_data
        counts = followup.hand_over_contacts(
            by=self.request.user, leaving=data["leaving"], successor=data["successor"],
            note=data["note"],
        )  # fmt: skip
        messages.success(
            self.request,
            _(
                "Handed over to %(name)s: contact person of %(contact)d advice(s), backup of "
                "%(backup)d, and %(promises)d open promise(s)."
            )
            % {"name": data["successor"], **counts},
        )
        return redirect(f"{reverse('advice:handover')}?van={data['leaving'].pk}")
