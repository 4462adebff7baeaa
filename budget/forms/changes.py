"""Forms for proposing and deciding a change during the open period (SC-15, SC-16)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from budget.enums import OutOfPurpose
from budget.forms.ledger import _holders
from budget.models import BudgetLine
from burgerkracht.accounts.models import User
from burgerkracht.core.forms import MoneyField
from burgerkracht.core.validation.reasons import ReasonValidator

REASON_HELP = _("Everyone who reads the budget-integrity log will see this.")
WHY = _("Why?")


def _reason(label=WHY, help_text=REASON_HELP) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text, validators=[ReasonValidator()],
    )  # fmt: skip


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class HolderProposalForm(forms.Form):
    """Add or remove a decision holder of an open line: a proposal a second person approves.
    Removing is not offered when the line has one holder (an open line keeps one)."""

    holder = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    add = forms.TypedChoiceField(
        label=_("Change"), coerce=lambda v: v == "1", widget=forms.RadioSelect, choices=[]
    )
    reassign_to = forms.ModelChoiceField(
        label=_("Who decides the open applications of the person removed?"),
        queryset=User.objects.none(), required=False,
        help_text=_("Empty: they keep deciding the applications they have now."),
    )  # fmt: skip
    take_over = forms.BooleanField(
        label=_("The new decision holder takes over all open applications of this line"),
        required=False,
        help_text=_("The residents get a message with the name of who decides now."),
    )  # fmt: skip
    reason = _reason()

    def __init__(self, *args, line: BudgetLine, holders: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = _holders()
        choices = [("1", _("Add as decision holder"))]
        if len(holders) > 1:
            choices.append(("0", _("Remove")))
            self.fields["reassign_to"].queryset = line.decision_holders.order_by("full_name")
        else:
            del self.fields["reassign_to"]
            self.fields["add"].help_text = _(
                "%(name)s is the only decision holder of this line, so removing is not "
                "possible: an open line always keeps someone who can decide."
            ) % {"name": holders[0] if holders else "—"}
        self.fields["add"].choices = choices
        self.helper = _helper(_("Propose the change"))

    def clean(self):
        data = super().clean()
        add, holder = data.get("add"), data.get("holder")
        reassign_to = data.pop("reassign_to", None)
        take_over = data.pop("take_over", False)
        if add is True:
            data["reassign_to"] = holder if take_over else None
        else:
            data["reassign_to"] = reassign_to
        return data


class OutOfPurposeForm(forms.Form):
    line = forms.ModelChoiceField(label=_("From line"), queryset=BudgetLine.objects.none())
    amount = MoneyField(
        label=_("Amount (euro)"), help_text=_("At most what is still free on the line.")
    )
    destination = forms.ChoiceField(
        label=_("Where does the money go?"), choices=OutOfPurpose.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip
    destination_detail = forms.CharField(
        label=_("Which scheme or budget"), max_length=200, required=False,
        help_text=_("For example the name of the other scheme."),
    )  # fmt: skip
    reason = _reason()

    def __init__(self, *args, fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = BudgetLine.objects.filter(fund=fund).order_by("name")
        self.fields["line"].label_from_instance = lambda line: line.name
        self.helper = _helper(_("Propose the change"))


class RefusalForm(forms.Form):
    reason = _reason(
        label=_("Why do you refuse it?"),
        help_text=_("The proposer reads this, and it stays in the budget-integrity log."),
    )
