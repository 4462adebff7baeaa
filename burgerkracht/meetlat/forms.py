"""Forms for decisions and the Meetlat. Validation only."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.forms import DateField, DateInput
from burgerkracht.meetlat.enums import Answer
from burgerkracht.meetlat.models import MeetlatVersion

LIMIT = 5000


def text(label, help_text="", required=False, rows=3):
    return forms.CharField(
        label=label, help_text=help_text, required=required, max_length=LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )  # fmt: skip


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class PolicyDecisionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    date = DateField(label=_("Date of the decision"), widget=DateInput)
    department = forms.CharField(label=_("Department"), max_length=120)
    reference = forms.CharField(
        label=_("Reference or document number"), max_length=120, required=False
    )
    document_url = forms.URLField(
        label=_("Link to the document"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Add to the register"))


class DecisionForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=250,
        required=False,
        help_text=_("In one sentence: what has been decided?"),
    )
    reasons = text(
        _("Reasons"),
        _("Why this decision? Write it so that someone can read it back in five years."),
        rows=5,
    )
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        required=False,
        help_text=_("For example: the college, the council, a manager."),
    )
    decided_on = DateField(label=_("Decided on"), required=False, widget=DateInput)
    reflection_due = DateField(
        label=_("When will you reflect on it? (principle 6)"), required=False, widget=DateInput
    )
    is_public = forms.BooleanField(
        label=_("Show this decision publicly once it is final"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"))


class TriadForm(forms.Form):
    financial_accountability = text(_("Financial accountability"), rows=4)
    legal_accountability = text(_("Legal accountability"), rows=4)
    resident_input_who = text(_("Which residents were involved?"))
    resident_input_how = text(_("How were they involved, and from when?"))
    resident_input_result = text(_("What was done with their input?"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"))
        self.helper.layout = Layout(
            "financial_accountability",
            "legal_accountability",
            Fieldset(_("Resident input"), "resident_input_who", "resident_input_how",
                     "resident_input_result"),
        )  # fmt: skip


class MeetlatForm(forms.Form):
    """One page with every principle of the decision's version: an answer and an explanation."""

    def __init__(self, *args, version: MeetlatVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.principles = list(version.principles.all())
        fieldsets = []
        for p in self.principles:
            self.fields[f"answer_{p.number}"] = forms.ChoiceField(
                label=_("How far does the decision meet this?"),
                choices=Answer.choices, required=False, widget=forms.RadioSelect,
            )  # fmt: skip
            self.fields[f"explanation_{p.number}"] = text(
                _("Explanation"), _("Needed unless the answer is 'fully'."), rows=3
            )
            fieldsets.append(
                Fieldset(
                    f"{p.number}. {p.heading}", f"answer_{p.number}", f"explanation_{p.number}"
                )
            )
        self.helper = _helper(_("Save the Meetlat"))
        self.helper.layout = Layout(*fieldsets)

    def clean(self):
        data = super().clean()
        for p in self.principles:
            answer = data.get(f"answer_{p.number}")
            if (
                answer
                and answer != Answer.FULLY
                and not data.get(f"explanation_{p.number}", "").strip()
            ):
                self.add_error(
                    f"explanation_{p.number}",
                    _("Principle %(number)s, %(heading)s: explain why you chose “%(answer)s”.")
                    % {"number": p.number, "heading": p.heading,
                       "answer": Answer(answer).label.lower()},
                )  # fmt: skip
        return data

    def answers(self) -> dict[int, tuple[str, str]]:
        return {
            p.number: (
                self.cleaned_data.get(f"answer_{p.number}") or "",
                self.cleaned_data.get(f"explanation_{p.number}") or "",
            )
            for p in self.principles
        }


class ReasonForm(forms.Form):
    reason = text(_("Why now?"))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(label or _("Confirm"))


class ReflectionForm(forms.Form):
    reflection = text(
        _("Reflection"),
        _("How did it turn out, and what do we learn from it?"),
        required=True,
        rows=6,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the reflection"))


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    subtitle = text(_("Subtitle"))
    note = text(_("Why a new version?"), required=True)

    def __init__(self, *args, current: MeetlatVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.update(title=current.title, subtitle=current.subtitle)
        self.numbers = [p.number for p in current.principles.all()]
        for p in current.principles.all():
            self.fields[f"heading_{p.number}"] = forms.CharField(
                label=_("Principle %(number)d") % {"number": p.number},
                max_length=200,
                initial=p.heading,
            )
            self.fields[f"explanation_{p.number}"] = text(
                _("Explanation of principle %(number)d") % {"number": p.number}, required=True
            )
            self.initial[f"explanation_{p.number}"] = p.explanation
        self.helper = _helper(_("Publish the new version"))

    def principles(self) -> list[tuple[int, str, str]]:
        return [
            (
                n,
                self.cleaned_data[f"heading_{n}"].strip(),
                self.cleaned_data[f"explanation_{n}"].strip(),
            )
            for n in self.numbers
        ]
