"""The resident's application forms: one per step, plus choosing the initiative."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from budget import attachments
from budget.forms.limits import check_limits, show_limits
from budget.forms.payments import BankAccountFields
from budget.models import MAX_LEAD_RESIDENTS, MAX_SIGNS
from burgerkracht.core.files.uploads import SafeFileField
from burgerkracht.core.forms import (
    DateField,
    DateInput,
    MoneyField,
    NamedRequiredMixin,
    parse_amount,
)  # fmt: skip
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.ui.formatting import euro
from burgerkracht.core.validation import kvk
from initiatives.forms import StepForm as IntakeStepForm
from initiatives.forms import long_text

COST_ROWS = 6
NEW = "new"


def euros(label, help_text="", required=True, minimum="0.00") -> MoneyField:
    return MoneyField(
        label=label, help_text=help_text, required=required, max_digits=9,
        min_value=Decimal(minimum), max_value=Decimal("1000000"),
    )  # fmt: skip


def yes_no(label, help_text="") -> forms.TypedChoiceField:
    """A yes/no question as two radio buttons: True, False, or None when not answered."""
    return forms.TypedChoiceField(
        label=label, help_text=help_text, required=False, widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda v: v == "yes",
        empty_value=None,
    )  # fmt: skip


def yes_no_initial(value: bool) -> str:
    return "yes" if value else "no"


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
    on_behalf_of_organisation = yes_no(
        _("Do you apply on behalf of an organisation?"),
        _("For example a stichting or an association. Then you also name the residents who "
          "lead the plan: they decide what happens."),
    )  # fmt: skip
    organisation_name = forms.CharField(
        label=_("Name of the organisation"), max_length=200, required=False,
        help_text=_("Only when you apply on behalf of an organisation."),
    )  # fmt: skip
    kvk_number = forms.CharField(
        label=_("KvK number of the organisation"), max_length=20, required=False,
        help_text=_("8 digits, from the Chamber of Commerce (KvK). Only when you apply on "
                    "behalf of an organisation."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip

    def __init__(self, *args, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(is_active=True)
        # Filled by an eHerkenning login: shown, not changeable (budget/services/organisation).
        for name in locked:
            self.fields[name].disabled = True
            self.fields[name].help_text = _("From eHerkenning; you cannot change it here.")
        for n in range(1, MAX_LEAD_RESIDENTS + 1):
            self.fields[f"lead_{n}_name"] = forms.CharField(
                label=_("Resident in the lead %(n)d: name") % {"n": n}, max_length=200,
                required=False,
                help_text=_("Only when you apply on behalf of an organisation. Name at least "
                            "one resident who leads the plan.") if n == 1 else "",
            )  # fmt: skip
            self.fields[f"lead_{n}_email"] = forms.EmailField(
                label=_("Resident in the lead %(n)d: e-mail address") % {"n": n},
                required=False,
                help_text=_("We send an invitation to join the initiative.") if n == 1 else "",
            )  # fmt: skip

    def clean_kvk_number(self):
        number = self.cleaned_data.get("kvk_number") or ""
        return kvk.validate(number) if number.strip() else ""

    def clean(self):
        data = super().clean()
        for n in range(1, MAX_LEAD_RESIDENTS + 1):
            name, email = data.get(f"lead_{n}_name"), data.get(f"lead_{n}_email")
            if name and not email and f"lead_{n}_email" not in self.errors:
                self.add_error(f"lead_{n}_email", _("Fill in the e-mail address of %(name)s.")
                               % {"name": name})  # fmt: skip
            if email and not name:
                self.add_error(f"lead_{n}_name", _("Fill in the name of this resident."))
        partial = not self.fields["result_who"].required
        if data.get("on_behalf_of_organisation") and not partial:
            if not (data.get("organisation_name") or "").strip():
                self.add_error("organisation_name", _("Fill in the name of the organisation."))
            if not data.get("kvk_number") and "kvk_number" not in self.errors:
                self.add_error("kvk_number", _("Fill in the KvK number of the organisation."))
            typed = any(data.get(name) for name in self.fields if name.startswith("lead_"))
            if not typed:
                self.add_error(
                    "lead_1_name",
                    _("Name at least one resident who leads the plan. Residents decide what "
                      "happens, not the organisation alone."),
                )  # fmt: skip
        return data

    def lead_rows(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        rows = [
            ((data.get(f"lead_{n}_name") or "").strip(), data.get(f"lead_{n}_email") or "")
            for n in range(1, MAX_LEAD_RESIDENTS + 1)
        ]
        return [(name, email) for name, email in rows if name and email]

    def values(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("lead_")}
        if data.get("on_behalf_of_organisation") is None and self.fields["result_who"].required:
            data["on_behalf_of_organisation"] = False  # not answered: as residents
        data["signs"] = [data.pop(f"sign_{n}", "") for n in range(1, MAX_SIGNS + 1)]
        data["lead_residents"] = self.lead_rows()
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


class MoneyForm(BankAccountFields, StepForm):
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
        for name in ("iban", "account_holder"):  # after the money asked (SC-12)
            self.fields[name] = self.fields.pop(name)
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
    is_one_off = yes_no(
        _("Is it a one-off event, for example a festival on one day?"),
        _("Then we look back together once, a few weeks after the event, instead of in "
          "between."),
    )  # fmt: skip
    event_on = DateField(
        label=_("Date of the event"), widget=DateInput, required=False,
        help_text=_("Only for a one-off event. Between the start and the end above."),
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
        start, end, event = data.get("starts_on"), data.get("ends_on"), data.get("event_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end cannot be before the start."))
        partial = not self.fields["starts_on"].required
        if data.get("is_one_off") and not event and not partial and not self.has_error("event_on"):
            self.add_error("event_on", _("Fill in the date of the event."))
        if data.get("is_one_off") and event and start and end and not start <= event <= end:
            self.add_error("event_on", _("The event falls between the start and the end."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("is_one_off") is None and self.fields["starts_on"].required:
            data["is_one_off"] = False  # not answered: not a one-off event
        if data.get("is_one_off") is False:
            data["event_on"] = None
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
