"""Internal notes on an application: the form on the officials' application page posts here."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from budget import notes, permissions
from budget.views.base import ApplicationMixin
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import Crumb
from initiatives.forms import NoteForm

TITLE = gettext_lazy("Add an internal note")


class NoteView(ApplicationMixin, FormView):
    template_name = "budget/application_form.html"
    form_class = NoteForm
    permission = staticmethod(permissions.can_add_note)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), Crumb(TITLE)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, title=TITLE, intro=_("Internal notes are not visible to the residents.")
        )

    def form_valid(self, form):
        try:
            notes.add_note(
                application=self.application, by=self.request.user, text=form.cleaned_data["text"]
            )
        except DomainError as error:
            form.add_error("text", error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The note has been saved. Only officials can read it."))
        return redirect(self.application.get_absolute_url() + "#aantekeningen")
