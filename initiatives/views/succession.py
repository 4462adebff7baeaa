"""An initiator stops, the backup answers whether they lead, the facilitator appoints a new
lead (SC-13). The services are in initiatives/succession.py."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from burgerkracht.core.exceptions import DomainError
from initiatives import permissions, succession
from initiatives.forms_people import AppointLeadForm, LeadOfferForm, StepDownForm
from initiatives.views.workspace import ActionView


class StepDownView(ActionView):
    """ "Ik stop als initiatiefnemer": a confirmation page with the reason (no JavaScript)."""

    permission = staticmethod(permissions.can_step_down)
    form_class = StepDownForm
    template_name = "initiatives/step_down.html"
    title = gettext_lazy("I stop as initiator")

    def mine(self):
        pk = self.request.user.pk
        return next(i for i in self.initiative.initiators.all() if i.is_active and i.user_id == pk)

    def get_context_data(self, **kwargs):
        mine = self.mine()
        active = [i for i in self.initiative.initiators.all() if i.is_active and i != mine]
        backup = next((i for i in active if i.is_backup), None)
        return super().get_context_data(
            **kwargs, is_lead=mine.role == "lead", backup=backup, others=active
        )

    def form_valid(self, form):
        try:
            succession.step_down(
                initiator=self.mine(), by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("You have stopped as initiator of %(title)s. Thank you for everything you did.")
            % {"title": self.initiative.title},
        )
        return redirect("/mijn/")


class LeadOfferView(ActionView):
    """The backup is asked: "Word jij hoofdinitiatiefnemer?" Yes or no."""

    permission = staticmethod(permissions.can_answer_lead_offer)
    form_class = LeadOfferForm
    template_name = "initiatives/lead_offer.html"
    title = gettext_lazy("Do you become the lead initiator?")

    def form_valid(self, form):
        accept = form.cleaned_data["answer"]
        try:
            succession.answer_lead_offer(
                initiative=self.initiative, by=self.request.user, accept=accept,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if accept:
            messages.success(self.request, _("You are now the lead initiator. Thank you!"))
        else:
            messages.success(
                self.request,
                _("Thank you for your answer. The facilitator looks for a new lead with you all."),
            )
        return redirect(self.initiative.get_absolute_url())


class AppointLeadView(ActionView):
    """The facilitator of this initiative (or a coordinator) appoints the new lead."""

    permission = staticmethod(permissions.can_appoint_lead)
    form_class = AppointLeadForm
    template_name = "initiatives/appoint_lead.html"
    title = gettext_lazy("Appoint a new lead initiator")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "initiative": self.initiative}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            chosen = succession.appoint_lead(
                initiative=self.initiative, by=self.request.user, reason=data["reason"],
                initiator=data.get("initiator"), email=data["email"] or "",
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if chosen.accepted_at:
            text = _("%(name)s is now the lead initiator. The initiators have been told.")
        else:
            text = _("%(name)s is invited as lead initiator. Until they accept, the initiative "
                     "stays on your list.")  # fmt: skip
        messages.success(self.request, text % {"name": chosen})
        return redirect(self.initiative.get_absolute_url())
