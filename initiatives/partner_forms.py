"""Forms of partners' contributions. Validation only; initiatives/partners.py saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.forms import NamedRequiredMixin, long_text
from burgerkracht.core.models import Organisation
from initiatives.enums import ContributionKind, Delivered
from initiatives.forms import _helper


class ContributionForm(NamedRequiredMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose an organisation"),
        help_text=_("Not in the list? The administrator adds organisations."),
    )  # fmt: skip
    kind = forms.ChoiceField(
        label=_("What does the partner contribute?"), choices=ContributionKind.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip
    promised = long_text(
        _("What was promised?"),
        _("For example: 'a jobcoach two mornings a week until June', 'the community room on "
          "Tuesdays'."),
        rows=3,
    )  # fmt: skip
    hours = forms.IntegerField(
        label=_("How many hours? (only for hours of work)"), required=False, min_value=1,
        max_value=100000,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the contribution"))


def delivered_field(required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Did the partner deliver what it promised?"), choices=Delivered.choices,
        widget=forms.RadioSelect, required=required,
    )  # fmt: skip


def note_field() -> forms.CharField:
    return long_text(
        _("What was delivered?"),
        _("What you saw, and what is still missing. A partner that did not deliver is an "
          "outcome too."),
        required=False, rows=3,
    )  # fmt: skip


class JudgeContributionForm(forms.Form):
    delivered = delivered_field()
    note = note_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the judgement"))
