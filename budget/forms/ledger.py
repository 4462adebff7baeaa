"""Forms for managing funds and lines. Validation only."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from budget.models import BudgetLine, LineType
from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role
from burgerkracht.core.forms import DateField, DateInput, MoneyField
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.validation.reasons import ReasonValidator


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


def _holders():
    return User.objects.filter(groups__name=Role.BUDGET_DECISION_HOLDER, is_active=True).order_by(
        "full_name", "email"
    )


class FundForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, help_text=_("For example 'Samen Sterk 2027'.")
    )
    starts_on = DateField(label=_("Period starts"), widget=DateInput)
    ends_on = DateField(label=_("Period ends"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Create the fund"))

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The period must end after it starts."))
        return data


class LineForm(forms.Form):
    type = forms.ModelChoiceField(label=_("Kind of line"), queryset=LineType.objects.all())
    name = forms.CharField(label=_("Name"), max_length=120)
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.filter(is_active=True), required=False,
        help_text=_("Only for a line per wijk."),
    )  # fmt: skip
    allocation = MoneyField(label=_("Allocation (euro)"))
    max_per_application = MoneyField(label=_("Maximum per application (euro)"), required=False)
    holders = forms.ModelMultipleChoiceField(
        label=_("Decision holders"), queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple, help_text=_("Fixed before the period opens."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holders"].queryset = _holders()
        self.helper = _helper(_("Add the line"))

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind and kind.per_neighbourhood and not data.get("neighbourhood"):
            self.add_error("neighbourhood", _("Choose the wijk of this line."))
        return data


class ReallocationForm(forms.Form):
    from_line = forms.ModelChoiceField(label=_("From line"), queryset=BudgetLine.objects.none())
    to_line = forms.ModelChoiceField(label=_("To line"), queryset=BudgetLine.objects.none())
    amount = MoneyField(label=_("Amount (euro)"))
    reason = forms.CharField(
        label=_("Why?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone who reads the budget-integrity log will see this."),
        validators=[ReasonValidator()],
    )  # fmt: skip

    def __init__(self, *args, fund, **kwargs):
        super().__init__(*args, **kwargs)
        lines = BudgetLine.objects.filter(fund=fund).select_related("fund").order_by("name")
        self.fields["from_line"].queryset = lines
        self.fields["to_line"].queryset = lines
        self.helper = _helper(_("Move the money"))


class HolderForm(forms.Form):
    holder = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    add = forms.TypedChoiceField(
        label=_("Change"), choices=[("1", _("Add as decision holder")), ("0", _("Remove"))],
        coerce=lambda v: v == "1", widget=forms.RadioSelect,
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Why?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required once the period has opened."), validators=[ReasonValidator()],
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = _holders()
        self.helper = _helper(_("Save"))
