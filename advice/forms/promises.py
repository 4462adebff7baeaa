"""Forms of promises on their own and agendas (SC-10): a promise, its verdict, an agenda and
the file of an agenda's topics."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from advice.enums import Kept, PromiseSource
from advice.forms.answer import date_field, helper, municipal_staff
from advice.models import AdvisoryBody, Agenda
from burgerkracht.core.forms import NamedRequiredMixin, long_text, reason_text

OWN_SOURCES = [(k, label) for k, label in PromiseSource.choices if k != PromiseSource.ANSWER]
MAX_AGENDA_BYTES = 2 * 1024 * 1024


class PromiseForm(NamedRequiredMixin, forms.Form):
    """A promise on its own; `change=True` adds the reason and leaves owner and date to the
    reassign form on the promise's page."""

    text = long_text(_("The promise"), rows=3)
    source_kind = forms.ChoiceField(
        label=_("Source"), choices=OWN_SOURCES, widget=forms.RadioSelect
    )
    source_description = forms.CharField(
        label=_("Where was it promised?"), max_length=300, required=False,
        help_text=_("For example: Wethouder Jansen in the council meeting of 12 March."),
    )  # fmt: skip
    agenda = forms.ModelChoiceField(
        label=_("Agenda"), queryset=Agenda.objects.all(), required=False,
        empty_label=_("No agenda"), help_text=_("Only for a promise of an agenda."),
    )  # fmt: skip
    phase = forms.CharField(
        label=_("Phase"), max_length=100, required=False,
        help_text=_("For example: Fase 1 (2019)."),
    )  # fmt: skip
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=municipal_staff().none())
    department = forms.CharField(label=_("Department"), max_length=200)
    due_on = date_field(_("Due on"))
    reason = reason_text(_("Why does the promise change?"),
                         message=_("Say why the promise changes."))  # fmt: skip

    def __init__(self, *args, change: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if change:
            for name in ("owner", "department", "due_on"):
                del self.fields[name]
        else:
            del self.fields["reason"]
            self.fields["owner"].queryset = municipal_staff()
        self.helper = helper(_("Save the promise"))

    def clean(self):
        data = super().clean()
        kind, agenda = data.get("source_kind"), data.get("agenda")
        if kind == PromiseSource.AGENDA and agenda is None:
            self.add_error("agenda", _("Choose the agenda of this promise."))
        if kind and kind != PromiseSource.AGENDA:
            if agenda is not None:
                self.add_error("agenda", _("Only a promise of an agenda has an agenda."))
            if not (data.get("source_description") or "").strip():
                self.add_error("source_description", _("Say where it was promised."))
        return data


class VerdictForm(forms.Form):
    kept = forms.ChoiceField(label=_("Was this promise kept?"), choices=Kept.choices,
                             widget=forms.RadioSelect)  # fmt: skip
    reason = long_text(
        _("Why was it not (fully) kept?"), _("Mandatory unless the promise was kept."),
        required=False, rows=3,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Give the verdict"), name="verdict")


class AgendaForm(NamedRequiredMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.ModelChoiceField(
        label=_("Handed in by"), queryset=AdvisoryBody.objects.filter(is_active=True),
        help_text=_("The working group or body; its members follow the progress. Register a "
                    "working group as an advisory body of kind “other”."),
    )  # fmt: skip
    handed_to = forms.CharField(label=_("Handed to"), max_length=200,
                                help_text=_("For example: Wethouder Jansen."))  # fmt: skip
    handed_over_on = date_field(_("Handed over on"))
    description = long_text(_("Description"), required=False, rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Save the agenda"))


class AgendaFileForm(NamedRequiredMixin, forms.Form):
    """Read, never stored."""

    file = forms.FileField(
        label=_("File with the topics (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Read the file and show what it will create"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > MAX_AGENDA_BYTES:
            raise forms.ValidationError(_("This file is too large: at most 2 MB."))
        return upload
