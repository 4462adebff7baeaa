"""Forms for decisions and the Meetlat. Validation only."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.forms import DateField, DateInput, reason_text
from burgerkracht.core.validation.reasons import is_reason
from burgerkracht.meetlat.enums import REFLECTION_PRINCIPLE, MeetlatAnswer
from burgerkracht.meetlat.models import MeetlatVersion
from burgerkracht.meetlat.rules import answer_message, reflection_date_message

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


TRIAD_MESSAGE = _("Write it in a sentence: a full stop, a dash or “n.v.t.” is not an account.")


def triad_text(label, rows=3):
    """A triad line may stay empty in the draft; what is written is a sentence (issue #27)."""
    return reason_text(label, required=False, rows=rows, message=TRIAD_MESSAGE)


class TriadForm(forms.Form):
    financial_accountability = triad_text(_("Financial accountability"), rows=4)
    legal_accountability = triad_text(_("Legal accountability"), rows=4)
    resident_input_who = triad_text(_("Which residents were involved?"))
    resident_input_how = triad_text(_("How were they involved, and from when?"))
    resident_input_result = triad_text(_("What was done with their input?"))

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
    """One page with every principle of the decision's version: per principle a fieldset with
    its heading (legend) and its verbatim text (linked with aria-describedby), the answer and
    the reflection of how this decision honours it — needed for every answer, "fully" too.
    Principle 6 also asks the date of the later reflection."""

    def __init__(self, *args, version: MeetlatVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.principles = list(version.principles.all())
        self.principle_texts = {p.number: p.explanation for p in self.principles}
        fieldsets = []
        for p in self.principles:
            self.fields[f"answer_{p.number}"] = forms.ChoiceField(
                label=_("How far does the decision meet this?"),
                choices=MeetlatAnswer.choices, required=False, widget=forms.RadioSelect,
            )  # fmt: skip
            self.fields[f"explanation_{p.number}"] = text(
                _("How does this decision honour this principle?"),
                _("A few sentences, also when the answer is “fully”. With “not applicable”: "
                  "why it does not apply."),
                rows=3,
            )  # fmt: skip
            text_id = f"principle-{p.number}-text"
            parts = [
                # The text through a template variable: escaped, never read as a template.
                HTML(f'<p class="utrecht-paragraph portal-principle-text" id="{text_id}">'
                     f"{{{{ form.principle_texts.{p.number} }}}}</p>"),
                f"answer_{p.number}", f"explanation_{p.number}",
            ]  # fmt: skip
            if p.number == REFLECTION_PRINCIPLE:
                self.fields["reflection_due"] = DateField(
                    label=_("When do we reflect on the outcome and the process?"),
                    help_text=_("Needed when you answer this principle. You get a reminder."),
                    required=False, widget=DateInput,
                )  # fmt: skip
                parts.append("reflection_due")
            fieldsets.append(
                Fieldset(
                    f"{p.number}. {p.heading}",
                    *parts,
                    css_id=f"principle-{p.number}",
                    aria_describedby=text_id,
                )
            )
        self.helper = _helper(_("Save the Meetlat"))
        self.helper.layout = Layout(*fieldsets)

    def clean(self):
        data = super().clean()
        for p in self.principles:
            answer = data.get(f"answer_{p.number}")
            if answer and not is_reason(data.get(f"explanation_{p.number}", "")):
                self.add_error(
                    f"explanation_{p.number}", answer_message(p.number, p.heading, answer)
                )
        due = data.get("reflection_due")
        if data.get(f"answer_{REFLECTION_PRINCIPLE}") and "reflection_due" in self.fields:
            if due is None:
                self.add_error("reflection_due", reflection_date_message())
            elif due <= timezone.localdate() and "reflection_due" in self.changed_data:
                self.add_error("reflection_due", _("Choose a date after today."))
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
    """The later reflection (principle 6): two questions, each answered in a sentence."""

    learned = reason_text(
        _("What have we learned?"),
        _("About the outcome and about the process."),
        rows=5,
        message=_("Write in a sentence what we have learned."),
    )
    changes = reason_text(
        _("What do we change?"),
        _("What we do differently from now on, and in which decision or working method."),
        rows=5,
        message=_("Write in a sentence what we change."),
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
