"""Forms of the municipality's side: the checks, advice, the decision and amendments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from budget import one_off
from budget.enums import Outcome
from budget.forms.application import euros
from budget.forms.limits import check_limits, show_limits
from budget.models import BudgetLine
from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role
from burgerkracht.core.forms import DateField, DateInput, reason_text
from burgerkracht.core.ui.formatting import day
from initiatives.forms import TEXT_LIMIT, long_text

DATE_ROWS = 3


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class AssessmentForm(forms.Form):
    is_complete = forms.BooleanField(
        label=_("The application is complete"), required=False,
        help_text=_("Every step is filled in and the costs are clear."),
    )  # fmt: skip
    legal_check = long_text(
        _("Legal check"), _("Permits, insurance, rules that apply. Not the welfare content."),
        required=False,
    )  # fmt: skip
    administrative_check = long_text(
        _("Administrative check"), _("Who applies, the backup, the bank account, the dates."),
        required=False,
    )  # fmt: skip
    financial_check = long_text(
        _("Financial check"), _("Do the costs add up; own contribution and other funds."),
        required=False,
    )  # fmt: skip
    criterion_reasoning = long_text(
        _("The one criterion, judged by their own result description"),
        _("Does what they describe help people who now fall outside to take part and belong? "
          "Use their words and signs; do not add criteria of your own."),
        required=False, rows=6,
    )  # fmt: skip
    proposed_amount = euros(_("Proposed amount in euros"), required=False)
    line = forms.ModelChoiceField(
        label=_("Budget line"), queryset=BudgetLine.objects.none(), required=False
    )

    def __init__(self, *args, fund=None, line=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = (
            BudgetLine.objects.filter(fund=fund).select_related("fund").order_by("name")
        )
        self.line = line
        show_limits(self, "proposed_amount", line, officials=True)
        self.helper = _helper(_("Save the check"))

    def clean(self):
        data = super().clean()
        check_limits(self, "proposed_amount", data.get("line") or self.line, remaining=False)
        return data


class ReasonForm(forms.Form):
    reason = reason_text(_("Why?"))

    def __init__(self, *args, label=None, help_text="", button=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text
        self.helper = _helper(button or _("Confirm"))


class OptionalReasonForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = False


class AdviceRequestForm(forms.Form):
    professional = forms.ModelChoiceField(
        label=_("Which professional?"), queryset=User.objects.none()
    )
    question = long_text(_("What would you like advice on?"), rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = User.objects.filter(
            groups__name=Role.PROFESSIONAL, is_active=True
        ).order_by("full_name", "email")
        self.helper = _helper(_("Ask for advice"))


class AdviceForm(forms.Form):
    text = long_text(_("Your advice"), rows=6)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Give the advice"))


class DatesMixin(forms.Form):
    """Up to three evaluation dates and the accountability date, as plain date fields."""

    def add_date_fields(self, application=None):
        """A one-off event gets one end evaluation after the event, no interim ones."""
        one_off = application is not None and application.is_one_off
        for n in range(1, 2 if one_off else DATE_ROWS + 1):
            self.fields[f"evaluation_{n}"] = DateField(
                label=_("Evaluation %(n)d with a visit") % {"n": n}, required=False,
                widget=DateInput,
            )  # fmt: skip
        if one_off:
            self.fields["evaluation_1"].label = _("End evaluation after the event, with a visit")
            self.fields["evaluation_1"].help_text = _(
                "A one-off event (%(date)s) gets one evaluation after the event instead of "
                "interim ones. Within a few weeks, while people still remember it."
            ) % {"date": day(application.event_on)}
        self.fields["accountability_due"] = DateField(
            label=_("Accountability afterwards, at the latest on"), required=False,
            widget=DateInput,
        )  # fmt: skip
        self.fields["extra_agreements"] = forms.CharField(
            label=_("Other agreements"), required=False, max_length=TEXT_LIMIT,
            widget=forms.Textarea(attrs={"rows": 3}),
        )  # fmt: skip

    def evaluation_dates(self) -> list[str]:
        dates = {self.cleaned_data.get(f"evaluation_{n}") for n in range(1, DATE_ROWS + 1)}
        return sorted(d.isoformat() for d in dates if d)

    @staticmethod
    def initial_dates(application) -> dict:
        initial = {
            f"evaluation_{n}": date.fromisoformat(d)
            for n, d in enumerate(application.evaluation_dates, 1)
        }
        if not application.evaluation_dates and application.is_one_off:
            initial["evaluation_1"] = one_off.end_evaluation_default(application)
        initial["accountability_due"] = application.accountability_due or (
            one_off.accountability_default(application)
        )
        initial["extra_agreements"] = application.extra_agreements
        return initial


class DecisionForm(DatesMixin):
    outcome = forms.ChoiceField(
        label=_("Your decision"), choices=Outcome.choices, widget=forms.RadioSelect,
        required=False,
    )  # fmt: skip
    granted_amount = euros(_("Amount in euros"), required=False)
    reasons = reason_text(
        _("Reasons"), _("Why this decision, in plain words. The residents will read this."),
        required=False, rows=5,
    )  # fmt: skip
    alternatives = long_text(
        _("Alternatives when you do not grant"),
        _("Another line, the wijkbudget, support, or other funds."), required=False, rows=3,
    )  # fmt: skip

    def __init__(self, *args, line=None, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = line
        show_limits(self, "granted_amount", line, officials=True)
        self.add_date_fields(application)
        for n in range(1, DATE_ROWS + 1):
            self.fields[f"tranche_{n}_date"] = DateField(
                label=_("Payment %(n)d: date") % {"n": n}, required=False, widget=DateInput
            )
            self.fields[f"tranche_{n}_amount"] = euros(
                _("Payment %(n)d: amount in euros") % {"n": n}, required=False, minimum="0.01"
            )
        self.helper = _helper(_("Save the draft decision"))

    def clean(self):
        data = super().clean()
        for n in range(1, DATE_ROWS + 1):
            has_date = data.get(f"tranche_{n}_date") is not None
            has_amount = data.get(f"tranche_{n}_amount") is not None
            if has_date and not has_amount and f"tranche_{n}_amount" not in self.errors:
                self.add_error(f"tranche_{n}_amount", _("Fill in the amount of this payment."))
            if has_amount and not has_date and f"tranche_{n}_date" not in self.errors:
                self.add_error(f"tranche_{n}_date", _("Fill in the date of this payment."))
        check_limits(self, "granted_amount", self.line, remaining=True)
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        schedule = [
            {
                "date": data[f"tranche_{n}_date"].isoformat(),
                "amount": str(data[f"tranche_{n}_amount"]),
            }
            for n in range(1, DATE_ROWS + 1)
            if data.get(f"tranche_{n}_date") and data.get(f"tranche_{n}_amount")
        ]  # fmt: skip
        return {
            "outcome": data.get("outcome") or "",
            "granted_amount": data.get("granted_amount"),
            "reasons": data.get("reasons") or "",
            "alternatives": data.get("alternatives") or "",
            "evaluation_dates": self.evaluation_dates(),
            "accountability_due": data.get("accountability_due"),
            "extra_agreements": data.get("extra_agreements") or "",
            "payment_schedule": sorted(schedule, key=lambda t: t["date"]),
        }

    @classmethod
    def initial_for(cls, application) -> dict:
        initial = cls.initial_dates(application)
        initial.update(
            outcome=application.outcome,
            granted_amount=application.granted_amount or application.proposed_amount,
            reasons=application.decision.reasons if application.decision else "",
            alternatives=application.alternatives,
        )
        for n, tranche in enumerate(application.payment_schedule, 1):
            initial[f"tranche_{n}_date"] = date.fromisoformat(tranche["date"])
            initial[f"tranche_{n}_amount"] = Decimal(tranche["amount"])
        return initial


class AmendForm(DatesMixin):
    reason = reason_text(_("Why do the agreements change?"))

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_date_fields(application)
        self.helper = _helper(_("Change the agreements and send a letter"))

    def clean(self):
        data = super().clean()
        if not self.evaluation_dates() and not self.errors:
            self.add_error("evaluation_1", _("Keep at least one evaluation date."))
        if not data.get("accountability_due") and "accountability_due" not in self.errors:
            self.add_error("accountability_due", _("Fill in the accountability date."))
        return data

    def values(self) -> dict:
        return {
            "evaluation_dates": self.evaluation_dates(),
            "accountability_due": self.cleaned_data["accountability_due"],
            "extra_agreements": self.cleaned_data.get("extra_agreements") or "",
        }
