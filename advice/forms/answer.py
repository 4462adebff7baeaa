"""Forms of the municipality's answer: the answer per recommendation with the general fields
(one page, one error summary), a promise in the answer, and the reason to reopen it."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from advice.enums import Adoption
from advice.services.answer import reason_message
from burgerkracht.accounts.roles import STAFF_ROLES
from burgerkracht.core.forms import date_field, long_text, reason_text
from burgerkracht.core.validation.reasons import is_reason

GENERAL_FIELDS = ("introduction", "explanations", "summary_for_college", "responded_by",
                  "ris_link")  # fmt: skip


def helper(label: str | None = None, name: str = "save") -> FormHelper:
    """A crispy helper; without a label the template writes the <form> and its buttons."""
    h = FormHelper()
    if label is None:
        h.form_tag = False
    else:
        h.add_input(Submit(name, label))
    return h


def municipal_staff():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=STAFF_ROLES)
        .distinct()
        .order_by("full_name", "email")
    )


class AnswerForm(forms.Form):
    """The general fields and, per numbered recommendation, `adoption_<n>` and `reason_<n>`.
    Reasons are mandatory for anything but "adopted"."""

    introduction = long_text(_("Introduction"), required=False)
    explanations = long_text(
        _("Explanations given"),
        _("Explanation in the answer that should be looked at again later."),
        required=False,
    )
    summary_for_college = long_text(_("Summary for the college"), required=False)
    responded_by = forms.CharField(
        label=_("Answered on behalf of"), max_length=200, required=False,
        help_text=_("For example: the college, the alderman for care, the department."),
    )  # fmt: skip
    ris_link = forms.URLField(
        label=_("Link in the council information system"), required=False, max_length=200,
        assume_scheme="https",
    )  # fmt: skip

    def __init__(self, *args, recommendations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = list(recommendations)
        for rec in self.recommendations:
            self.fields[f"adoption_{rec.number}"] = forms.ChoiceField(
                label=_("Answer to recommendation %(n)d") % {"n": rec.number},
                choices=Adoption.choices, widget=forms.RadioSelect, required=False,
            )  # fmt: skip
            self.fields[f"reason_{rec.number}"] = long_text(
                _("Reasons for recommendation %(n)d") % {"n": rec.number},
                _("Mandatory unless the recommendation is adopted: write in a sentence why not "
                  "(fully)."),
                required=False, rows=3,
            )  # fmt: skip
        self.helper = helper()

    def general_fields(self):
        return [self[name] for name in GENERAL_FIELDS]

    def rows(self):
        """(recommendation, adoption field, reason field) per recommendation."""
        return [
            (rec, self[f"adoption_{rec.number}"], self[f"reason_{rec.number}"])
            for rec in self.recommendations
        ]

    def clean(self):
        data = super().clean()
        for rec in self.recommendations:
            adoption = data.get(f"adoption_{rec.number}")
            reason = data.get(f"reason_{rec.number}") or ""
            if adoption and adoption != Adoption.ADOPTED and not is_reason(reason):
                # A sentence, not "." or "x" (issue #27); the message names the
                # recommendation, next to the field and in the error summary.
                self.add_error(f"reason_{rec.number}", reason_message(rec.number, adoption))
        return data

    def general_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in GENERAL_FIELDS}

    def answers(self):
        """(recommendation, adoption, reason) for every recommendation that has an answer."""
        for rec in self.recommendations:
            adoption = self.cleaned_data.get(f"adoption_{rec.number}")
            if adoption:
                yield rec, adoption, self.cleaned_data.get(f"reason_{rec.number}") or ""


class PlannedPromiseForm(forms.Form):
    recommendation = forms.ModelChoiceField(
        label=_("For recommendation"), queryset=None, required=False,
        empty_label=_("The answer as a whole"),
    )  # fmt: skip
    text = long_text(_("What the municipality promises"), rows=3)
    department = forms.CharField(label=_("Department"), max_length=200)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=get_user_model().objects.none(),
        help_text=_("The person at the municipality who keeps the promise."),
    )  # fmt: skip
    due_on = date_field(_("Due on"))

    def __init__(self, *args, advice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].queryset = advice.recommendations.order_by("number")
        self.fields["recommendation"].label_from_instance = lambda r: str(r)
        self.fields["owner"].queryset = municipal_staff()
        self.helper = helper(_("Add the promise"))


class ConfirmForm(forms.Form):
    """No fields: a POST with its button."""

    def __init__(self, *args, button: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(button or _("Confirm"))


class ReasonForm(forms.Form):
    reason = reason_text(
        _("What must change in the answer?"),
        message=_("Write in a sentence what must change in the answer."),
    )

    def __init__(self, *args, button: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(button or _("Confirm"))
