"""The partners' contributions at the interim evaluation: per contribution, delivered or not
(the residents' scale) and what was seen."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.partner_forms import delivered_field, note_field


class PartnersAtEvaluationForm(forms.Form):
    def __init__(self, *args, contributions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.contributions = list(contributions)
        for c in self.contributions:
            heading = f"{c.organisation.name}: {c.get_kind_display()} — {c.promised}"
            self.fields[f"delivered_{c.pk}"] = delivered_field()
            self.fields[f"delivered_{c.pk}"].label = heading
            self.fields[f"delivered_{c.pk}"].help_text = _(
                "Did the partner deliver what it promised?"
            )
            self.fields[f"note_{c.pk}"] = note_field()
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save the judgements")))

    def judgements(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"delivered_{c.pk}"], data[f"note_{c.pk}"]) for c in self.contributions}
