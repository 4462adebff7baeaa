"""The resident's application forms: one per step, plus choosing the initiative."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from budget import attachments
from budget.forms.limits import check_limits, show_limits
from budget.models import MAX_SIGNS
from burgerkracht.core.formatting import euro
from burgerkracht.core.forms import (
    DateField,
    DateInput,
    MoneyField,
    NamedRequiredMixin,
    parse_amount,
)  # fmt: skip
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.uploads import SafeFileField
from initiatives.forms import StepForm as IntakeStepForm
from initiatives.forms import long_text

COST_ROWS = 6
NEW = "new"


def euros(label, help_text="", required=True, minimum="0.00") -> MoneyField:
    return MoneyField(
        label=label, help_text=help_text, required=required, max_digits=9,
        min_value=Decimal(minimum), max_value=Decimal("1000000"),
    )  # fmt: skip


class NewApplicationForm(NamedRequiredMixin, forms.Form):
    initiative = forms.ChoiceField(
        label=_("For which initiative do you apply?"), widget=forms.RadioSelect
    )
    new_title = forms.CharField(
        label=_("Name of your new initiative"), max_length=150, required=False,
        help_text=_("Only when you chose 'A new initiative'."),
    )  # fmt: skip

    def __init__(self, *args, initiatives=(), allow_new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [
            *((str(i.pk), i.title) for i in initiatives),
            *([(NEW, _("A new initiative"))] if allow_new else []),
        ]
        if not allow_new:
            del self.fields["new_title"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("start", _("Start your application")))

    def clean(self):
        data = super().clean()
        if data.get("initiative") == NEW and not (data.get("new_title") or "").strip():
            self.add_error("new_title", _("Give your new initiative a name."))
        return data


class StepForm(IntakeStepForm):
    """One step. With `partial` (save for later) nothing is required."""

    def values(self) -> dict:
        """What the service saves, from the cleaned data."""
        return dict(self.cleaned_data)


class ResultForm(StepForm):
    result_who = long_text(
        _("Who will take part?"),
        _("The people who now fall outside, in your own words. For example: 'people with "
          "memory problems in our wijk, who hardly leave the house anymore'."),
    )  # fmt: skip
    result_how = long_text(
        _("How will they take part and belong?"),
        _("What will they do, and with whom? How do they become part of the group?"),
    )
    result_difference = long_text(
        _("What will be different?"), _("What changes for them when it works?")
    )
    sign_1 = forms.CharField(
        label=_("Sign 1: how will everyone notice it?"), max_length=500,
        help_text=_("Something you can see or count. For example: 'twelve people come every "
                    "week, also in winter'. You give one to three signs; we look at them again "
                    "at every evaluation."),
    )  # fmt: skip
    sign_2 = forms.CharField(label=_("Sign 2"), max_length=500, required=False)
    sign_3 = forms.CharField(label=_("Sign 3"), max_length=500, required=False)
    neighbourhood = forms.ModelChoiceField(
        label=_("In which wijk?"), queryset=Neighbourhood.objects.none(), required=False,
        empty_label=_("The whole city"),
    )  # fmt: skip
    organisation_name = forms.CharField(
        label=_("Do you apply on behalf of a stichting or association? Its name"),
        max_length=200, required=False, help_text=_("Leave empty when you apply as residents."),
    )  # fmt: skip
    residents_in_lead = long_text(
        _("Which residents are in the lead?"),
        _("Needed when you apply on behalf of a stichting: the residents who lead it."),
        required=False, rows=2,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if (data.get("organisation_name") or "").strip() and not (
            data.get("residents_in_lead") or ""
        ).strip():
            self.add_error("residents_in_lead", _("Name the residents who are in the lead."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["signs"] = [data.pop(f"sign_{n}", "") for n in range(1, MAX_SIGNS + 1)]
        return data


class GoalForm(StepForm):
    goal = long_text(
        _("What is the goal?"),
        _("What you want to reach for the people. Example: a choir is not the goal. The goal "
          "is that people with dementia and their families meet others again and belong."),
    )  # fmt: skip
    means = long_text(
        _("What is the means?"),
        _("How you will reach the goal. In the example: the choir, with a conductor and a "
          "room every week."),
    )  # fmt: skip


class ParticipantsForm(StepForm):
    expected_participants = forms.IntegerField(
        label=_("How many people do you expect to take part?"), min_value=1, max_value=100_000,
        help_text=_("A rough number is fine."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    reach = long_text(
        _("How will you reach them?"),
        _("For example: through the GP, the wijkteam, or by ringing doorbells."),
        required=False,
    )


class MoneyForm(StepForm):
    own_contribution = euros(
        _("Own contribution in euros"), _("Money you or the participants put in yourselves."),
        required=False,
    )  # fmt: skip
    other_funds = euros(
        _("Other funds in euros"), _("Money from other funds or sponsors."), required=False
    )
    other_funds_description = forms.CharField(
        label=_("Which other funds?"), max_length=300, required=False
    )
    requested_amount = euros(
        _("How much do you ask from Samen Sterk, in euros?"),
        _("At most the costs minus your own contribution and other funds."), minimum="1",
    )  # fmt: skip

    def __init__(self, *args, line=None, fund=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.line, self.fund = line, fund
        show_limits(self, "requested_amount", line, fund=fund, officials=False)
        for n in range(1, COST_ROWS + 1):
            self.fields[f"cost_{n}_description"] = forms.CharField(
                label=_("Cost %(n)d: what for?") % {"n": n}, max_length=200, required=False,
                widget=forms.TextInput(attrs={"data-cost": "description"}),
            )  # fmt: skip
            self.fields[f"cost_{n}_amount"] = euros(
                _("Cost %(n)d: amount in euros") % {"n": n}, required=False, minimum="0.01"
            )
            self.fields[f"cost_{n}_amount"].widget.attrs["data-cost"] = "amount"
        for name in ("own_contribution", "other_funds", "requested_amount"):
            self.fields[name].widget.attrs["data-money"] = name
        # The costs are drawn as a table by the template (budget/includes/cost_table.html);
        # crispy draws the rest, after it.
        self.helper.layout = Layout(*(n for n in self.fields if not n.startswith("cost_")))
        self.helper.form_show_errors = False  # the template puts the summary above the table

    def cost_rows_for_table(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (n, self[f"cost_{n}_description"], self[f"cost_{n}_amount"])
            for n in range(1, COST_ROWS + 1)
        ]

    def _amount(self, name: str) -> Decimal | None:
        """An amount as typed (bound) or saved (unbound); None when empty or not an amount."""
        if not self.is_bound:
            value = self.initial.get(name)
            return Decimal(value) if value not in (None, "") else None
        text = self.data.get(self.add_prefix(name)) or ""
        try:
            return parse_amount(str(text)) if text.strip() else None
        except ArithmeticError:
            return None

    def figures(self) -> dict:
        """The total of the costs and what is left to ask, from what is on the page now: the
        server-side twin of the live total in portal.js. `mismatch` when an amount is asked
        that differs from what is left (asking more is also refused by clean())."""
        total = sum(
            (a for n in range(1, COST_ROWS + 1) if (a := self._amount(f"cost_{n}_amount"))),
            Decimal("0"),
        )
        own = self._amount("own_contribution") or Decimal("0")
        other = self._amount("other_funds") or Decimal("0")
        requested = self._amount("requested_amount")
        available = total - own - other
        return {
            "total": total, "own": own, "other": other, "available": available,
            "requested": requested,
            "mismatch": bool(total) and requested is not None and requested != available,
        }  # fmt: skip

    def clean(self):
        data = super().clean()
        rows = []
        for n in range(1, COST_ROWS + 1):
            description = (data.get(f"cost_{n}_description") or "").strip()
            amount = data.get(f"cost_{n}_amount")
            if description and amount is None and f"cost_{n}_amount" not in self.errors:
                self.add_error(f"cost_{n}_amount", _("Fill in the amount of this cost."))
            elif amount is not None and not description:
                self.add_error(f"cost_{n}_description", _("Say what this cost is for."))
            elif description and amount is not None:
                rows.append((description, amount))
        partial = not self.fields["requested_amount"].required
        if not rows and not partial:
            self.add_error("cost_1_description", _("Give at least one cost."))
        requested = data.get("requested_amount")
        if rows and requested is not None:
            available = (
                sum(a for _d, a in rows)
                - (data.get("own_contribution") or 0)
                - (data.get("other_funds") or 0)
            )
            if requested > available:
                self.add_error(
                    "requested_amount",
                    _("You ask more than the costs minus your own money and other funds "
                      "(%(available)s).") % {"available": euro(available)},
                )  # fmt: skip
        self.cost_rows = rows
        check_limits(
            self, "requested_amount", self.line, fund=self.fund, remaining=False, officials=False
        )
        return data

    def values(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("cost_")}
        data["own_contribution"] = data.get("own_contribution") or Decimal("0")
        data["other_funds"] = data.get("other_funds") or Decimal("0")
        data["cost_lines"] = self.cost_rows
        return data


class TimeForm(StepForm):
    starts_on = DateField(label=_("When do you start?"), widget=DateInput)
    ends_on = DateField(
        label=_("Until when does it run?"), widget=DateInput,
        help_text=_("Small activities often run for a few months up to a year."),
    )  # fmt: skip
    evaluation_wishes = long_text(
        _("When would you like to look back together?"),
        _("For example: after three months, and at the end."), required=False, rows=2,
    )  # fmt: skip
    backup_email = forms.EmailField(
        label=_("E-mail address of your backup"), required=False,
        help_text=_("Someone who can take over when you cannot. We send them an invitation."),
    )  # fmt: skip

    def __init__(self, *args, has_backup: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_backup and not kwargs.get("partial"):
            self.fields["backup_email"].required = True

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end cannot be before the start."))
        return data


class AttachmentForm(NamedRequiredMixin, forms.Form):
    file = SafeFileField(
        policy=attachments.POLICY,
        label=_("Add a file"),
        help_text=_("For example a quote or a photo. PDF, JPG, PNG, Word, Excel or ODT, at most "
                    "10 MB, at most %(count)d files.") % {"count": attachments.MAX_FILES},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template's form carries enctype and the button
        self.helper.disable_csrf = True


STEP_FORMS = {1: ResultForm, 2: GoalForm, 3: ParticipantsForm, 4: MoneyForm, 5: TimeForm}
