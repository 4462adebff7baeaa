"""Registering with a resident without e-mail (SC-11): the resident's details and consent,
the consent form, and the claim letter with which the resident takes over."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import Crumb
from initiatives import assisted, permissions
from initiatives.assisted_forms import ClaimLetterForm, ResidentWithoutEmailForm
from initiatives.views.base import InitiativeMixin


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class ResidentWithoutEmailView(InitiativeMixin, FormView):
    template_name = "initiatives/resident_without_email.html"
    form_class = ResidentWithoutEmailForm
    permission = staticmethod(permissions.can_register_without_email)

    def get_initial(self):
        resident = assisted.offline_lead(self.initiative)
        initial = {"channel": self.initiative.channel}
        if resident is not None:
            initial.update({n: getattr(resident, n) for n in assisted.RESIDENT_FIELDS})
        return initial

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            Crumb(
                gettext_lazy("Registration"),
                reverse("initiatives:intake", args=[self.initiative.pk]),
            ),
            Crumb(gettext_lazy("Resident without e-mail")),
        ]

    def form_valid(self, form):
        try:
            assisted.register_resident_without_email(
                initiative=self.initiative, by=self.request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The resident is the lead initiator; you recorded their consent. Print the "
              "consent form and let the resident sign it."),
        )  # fmt: skip
        return redirect("initiatives:intake", self.initiative.pk)


class ConsentFormView(InitiativeMixin, View):
    permission = staticmethod(permissions.can_download_consent_form)

    def get(self, request, *args, **kwargs):
        pdf = assisted.consent_form_pdf(initiative=self.initiative)
        return pdf_response(pdf, f"toestemming-{self.initiative.reference}.pdf")


class ClaimLetterView(InitiativeMixin, FormView):
    """A page with one button: a new claim code, printed on a letter (PDF)."""

    template_name = "initiatives/claim_letter.html"
    form_class = ClaimLetterForm
    permission = staticmethod(permissions.can_make_claim_letter)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(gettext_lazy("Letter to take over the account"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, resident=assisted.offline_lead(self.initiative))

    def form_valid(self, form):
        try:
            pdf = assisted.claim_letter_pdf(initiative=self.initiative, by=self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return pdf_response(pdf, f"account-overnemen-{self.initiative.reference}.pdf")
