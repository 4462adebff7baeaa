"""Forms after the grant: the visit, the facilitator's notes (per step), the residents'
view, the continuation decision, the accountability afterwards (per step) and its review."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget import attachments
from budget.enums import Capacity, Continuation, MeetingKind, MetAgain, NextStep, Reached
from budget.forms.application import StepForm, euros
from budget.models import CostLine
from budget.services.ledger import euro
from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import VISITOR_ROLES
from burgerkracht.core.files.uploads import SafeFileField
from burgerkracht.core.forms import DateField, DateInput, reason_text
from initiatives.forms import long_text


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date lies in the future."))
    return value


class VisitForm(forms.Form):
    visit_on = DateField(label=_("Date of the visit"), widget=DateInput)
    visitors = forms.ModelMultipleChoiceField(
        label=_("Who goes?"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one person. Go with two when you can."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitors"].queryset = (
            User.objects.filter(groups__name__in=VISITOR_ROLES, is_active=True)
            .distinct()
            .order_by("full_name", "email")
        )
        self.helper = _helper(_("Save the visit"))


# --- The facilitator's notes, per step -----------------------------------------------------


class MeetingForm(StepForm):
    meeting = forms.ChoiceField(
        label=_("How did you meet?"), choices=MeetingKind.choices, widget=forms.RadioSelect
    )
    held_on = DateField(label=_("When?"), widget=DateInput)
    present = long_text(
        _("Who was there?"), _("Names or roles, for example 'Anna (lead), two volunteers'."),
        rows=2,
    )  # fmt: skip
    participants_now = forms.IntegerField(
        label=_("How many people take part now?"), min_value=0, max_value=100000,
        help_text=_("Compare with the number they expected."),
    )  # fmt: skip

    def clean_held_on(self):
        return _not_in_future(self.cleaned_data.get("held_on"))


class ProgressForm(StepForm):
    going_well = long_text(
        _("What goes well?"), _("In the residents' own words, as much as you can.")
    )
    hard = long_text(_("What is hard?"), _("For example: fewer volunteers, a difficult period."))
    own_capacity = forms.ChoiceField(
        label=_("What can the residents do themselves now?"), choices=Capacity.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip


class SignsForm(StepForm):
    """One text box per sign of the result description."""

    def __init__(self, *args, signs=(), **kwargs):
        super().__init__(*args, **kwargs)
        for sign in signs:
            self.fields[f"sign_{sign.pk}"] = long_text(
                _("Sign %(number)d: %(text)s") % {"number": sign.position, "text": sign.text},
                _("What did you see or hear of this?"), rows=3,
                required=self.fields_required,
            )  # fmt: skip

    @property
    def fields_required(self) -> bool:
        return "later" not in (self.data or {})

    def values(self) -> dict:
        return {
            int(name.removeprefix("sign_")): value or ""
            for name, value in self.cleaned_data.items()
        }


RECORD_FORMS = {1: MeetingForm, 2: ProgressForm, 3: SignsForm}
RECORD_STEPS = [
    (1, _("The meeting")),
    (2, _("How it goes")),
    (3, _("The signs of the result")),
]


class ResidentViewForm(forms.Form):
    resident_view = long_text(
        _("How do you see it?"),
        _("What goes well, what is hard, what do you need? Your words go with the evaluation."),
        rows=6,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save your view"))


class ContinuationForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How does it continue?"), choices=Continuation.choices, widget=forms.RadioSelect,
        help_text=_(
            "Every outcome but “continue as agreed” changes the grant: the residents get an "
            "amended award letter. Continuing as agreed changes nothing and sends no letter."
        ),
    )  # fmt: skip
    reasons = reason_text(
        _("Why?"), _("The residents read this. Say it plainly, with what was seen."), rows=5
    )
    extra_amount = euros(
        _("Extra money in euros (extra push)"), required=False, minimum="0.01",
        help_text=_("Comes from the same line, within what is left on it."),
    )  # fmt: skip
    cost_line = forms.ModelChoiceField(
        label=_("Which cost line is the professional support? (less professional support)"),
        queryset=CostLine.objects.none(), required=False, widget=forms.RadioSelect,
        help_text=_("This cost line goes down by the amount below."),
    )  # fmt: skip
    reduce_by = euros(
        _("Less money in euros (fewer means, less professional support)"), required=False,
        minimum="0.01",
        help_text=_("Taken off the payments not made yet; it goes back to the line."),
    )  # fmt: skip
    new_agreements = long_text(
        _("New agreements"),
        _("Needed when the agreements change or professional support changes."),
        required=False, rows=4,
    )  # fmt: skip

    def __init__(self, *args, cost_lines=None, open_amount=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_amount = open_amount
        if cost_lines is not None:  # the application's cost lines (a queryset)
            self.fields["cost_line"].queryset = cost_lines
        self.fields["cost_line"].label_from_instance = lambda c: (
            f"{c.description}: {euro(c.amount)}"
        )
        # The page wraps the fields in its own form with two buttons: save, make final.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        outcome, less = data.get("outcome"), data.get("reduce_by")
        reducing = outcome in (Continuation.FEWER_MEANS, Continuation.LESS_SUPPORT)
        if outcome != Continuation.EXTRA_PUSH and data.get("extra_amount"):
            self.add_error("extra_amount", _("Extra money goes only with an extra push."))
        if not reducing and less:
            self.add_error(
                "reduce_by",
                _("Less money goes only with fewer means or less professional support."),
            )
        if outcome != Continuation.LESS_SUPPORT and data.get("cost_line"):
            self.add_error(
                "cost_line", _("Choose a cost line only with less professional support.")
            )
        if outcome == Continuation.LESS_SUPPORT:
            self._clean_support(data)
        if reducing and not less:
            self.add_error("reduce_by", _("Say how much less money."))
        elif reducing and self.open_amount is not None and less > self.open_amount:
            self.add_error(
                "reduce_by",
                _("That is more than what is not paid yet: at most %(open)s.")
                % {"open": euro(self.open_amount)},
            )
        return data

    def _clean_support(self, data: dict) -> None:
        cost_line, less = data.get("cost_line"), data.get("reduce_by")
        if cost_line is None:
            self.add_error("cost_line", _("Choose the cost line that is the professional support."))
        elif less and less > cost_line.amount:
            self.add_error(
                "reduce_by",
                _("That is more than the cost line “%(what)s”: at most %(amount)s.")
                % {"what": cost_line.description, "amount": euro(cost_line.amount)},
            )

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["new_agreements"] = data.get("new_agreements") or ""
        return data


# --- The accountability afterwards, per step -----------------------------------------------


class ResultReachedForm(StepForm):
    result_reached = forms.ChoiceField(
        label=_("Did you reach the result you described?"), choices=Reached.choices,
        widget=forms.RadioSelect,
        help_text=_("It is fine if it did not work out. We want to learn from it, not judge."),
    )  # fmt: skip
    what_got_in_the_way = long_text(
        _("What got in the way?"), _("Only when it was 'partly' or 'no'."), required=False
    )

    def __init__(self, *args, signs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.signs = list(signs)
        for sign in self.signs:
            self.fields[f"sign_{sign.pk}"] = forms.ChoiceField(
                label=_("Sign %(number)d: %(text)s") % {"number": sign.position, "text": sign.text},
                choices=Reached.choices, widget=forms.RadioSelect,
                required=self.fields["result_reached"].required,
            )  # fmt: skip

    def clean(self):
        data = super().clean()
        partial = not self.fields["result_reached"].required  # "save and continue later"
        if (
            not partial
            and data.get("result_reached") in (Reached.PARTLY, Reached.NO)
            and not (data.get("what_got_in_the_way") or "").strip()
        ):
            self.add_error("what_got_in_the_way", _("Tell briefly what got in the way."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["signs"] = {s.pk: data.pop(f"sign_{s.pk}", "") for s in self.signs}
        return data


class TakingPartForm(StepForm):
    participants = forms.IntegerField(
        label=_("How many people took part?"), min_value=0, max_value=100000
    )
    activities = forms.IntegerField(
        label=_("How many times did you come together?"), min_value=0, max_value=100000,
        required=False,
    )  # fmt: skip
    resident_input = long_text(
        _("How did residents shape it?"),
        _("Who came up with ideas, who decided, who did the work?"),
    )


class SpendingForm(StepForm):
    """Per cost line of the application: what was spent, with a short note."""

    def __init__(self, *args, cost_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cost_lines = list(cost_lines)
        for line in self.cost_lines:
            self.fields[f"spent_{line.pk}"] = euros(
                _("%(what)s (planned %(amount)s): spent in euros")
                % {"what": line.description, "amount": euro(line.amount)},
                help_text=_("Fill in 0 if you spent nothing on it."),
                required=not self.partial,
            )  # fmt: skip
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label=_("Note"), max_length=300, required=False
            )

    @property
    def partial(self) -> bool:
        return "later" in (self.data or {})

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "spending": {
                line.pk: (data.get(f"spent_{line.pk}"), data.get(f"note_{line.pk}", ""))
                for line in self.cost_lines
            }
        }


class StoryForm(StepForm):
    field_order = [
        "story", "met_again", "met_again_story", "story_public", "publication_consent",
        "lessons", "next_step",
    ]  # fmt: skip

    story = long_text(
        _("Your story"),
        _("Tell what happened, as you would tell a neighbour. What are you proud of?"),
        rows=8,
    )  # fmt: skip
    story_public = forms.BooleanField(
        label=_("My story may be shown on the website of the municipality"), required=False,
        help_text=_("Only with your consent. Without it, only the municipality reads it."),
    )  # fmt: skip
    lessons = long_text(
        _("What can others learn from it?"), _("Tips for other residents."), required=False
    )
    next_step = forms.ChoiceField(
        label=_("What comes next?"), choices=NextStep.choices, widget=forms.RadioSelect
    )
    publication_consent = forms.BooleanField(
        label=_("Our initiative and its result may be shown on the public pages of the "
                "municipality (without names or e-mail addresses)"),
        required=False,
        help_text=_("Then other residents can see what you did with the money and learn "
                    "from it. Your story is shown only if you also tick that box."),
    )  # fmt: skip

    met_again = forms.ChoiceField(
        label=_("Did people meet again after the event, or carry on together?"),
        choices=MetAgain.choices, widget=forms.RadioSelect,
        help_text=_("For example: neighbours who now greet each other, or a group that "
                    "meets again."),
    )  # fmt: skip
    met_again_story = long_text(
        _("Tell something about it"), _("Who met again, and how?"), required=False, rows=3
    )

    def __init__(self, *args, ask_consent: bool = False, one_off: bool = False, **kwargs):
        """`ask_consent`: the initiative has no publication consent yet (it was born from
        the application, whose form never asked for it), so this step asks. `one_off`: a
        one-off event, so it asks whether people met again afterwards (SC-02)."""
        super().__init__(*args, **kwargs)
        self.ask_consent = ask_consent
        if not ask_consent:
            del self.fields["publication_consent"]
        if not one_off:
            del self.fields["met_again"], self.fields["met_again_story"]

    def clean(self):
        data = super().clean()
        if self.ask_consent and data.get("story_public") and not data.get("publication_consent"):
            self.add_error(
                "story_public",
                _("Your story is shown with your initiative. Also tick that the initiative "
                  "may be shown, or untick this box."),
            )  # fmt: skip
        return data


ACCOUNTABILITY_FORMS = {1: ResultReachedForm, 2: TakingPartForm, 3: SpendingForm, 4: StoryForm}


class ReceiptForm(forms.Form):
    file = SafeFileField(
        policy=attachments.POLICY,
        label=_("Add a receipt or a photo"),
        help_text=_("PDF, JPG, PNG, Word, Excel or ODT; at most 10 MB."),
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Add the file"))
        self.helper.form_action = action


class SettleForm(forms.Form):
    note = long_text(
        _("Note"), _("For example what you agreed about a next period."),
        required=False, rows=3,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Accept and settle"))


class PaidForm(forms.Form):
    paid_on = DateField(label=_("Paid on"), widget=DateInput)
    bank_reference = forms.CharField(
        label=_("The bank's reference of the payment"), max_length=60, required=False,
        help_text=_("From the bank statement, so the payment can be found again."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Mark as paid"))

    def clean_paid_on(self):
        return _not_in_future(self.cleaned_data.get("paid_on"))
