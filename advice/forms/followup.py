"""Forms after the answer: progress on a promise, reassigning it, and the evaluation of an
advice with a verdict per promise."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advice.enums import PROMISE_TRANSITIONS, VERDICT_ONLY, Kept, PromiseStatus
from advice.forms.answer import date_field, helper, municipal_staff
from burgerkracht.core.forms import long_text
from burgerkracht.core.validation.reasons import ReasonValidator, is_reason

EVALUATION_FIELDS = ("held_on", "participants", "what_happened", "effect", "body_appraisal",
                     "lessons")  # fmt: skip


class PromiseUpdateForm(forms.Form):
    note = long_text(_("Progress"), _("What has been done, and what comes next?"), rows=3)
    status = forms.ChoiceField(label=_("Status"), choices=(), widget=forms.RadioSelect)
    drop_reason = long_text(
        _("Why is the promise dropped?"), _("Mandatory when the promise is dropped."),
        required=False, rows=3,
    )  # fmt: skip

    def __init__(self, *args, promise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.promise = promise
        # A verdict status comes only from the evaluation of the advice.
        allowed = [promise.status, *sorted(PROMISE_TRANSITIONS[promise.status] - VERDICT_ONLY)]
        self.fields["status"].choices = [(s, PromiseStatus(s).label) for s in allowed]
        self.fields["status"].initial = promise.status
        self.helper = helper(_("Save the progress"), name="update")

    def clean(self):
        data = super().clean()
        if data.get("status") == PromiseStatus.DROPPED and not is_reason(data.get("drop_reason")):
            self.add_error("drop_reason", _("Say why the promise is dropped."))
        return data


class ReassignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none())
    department = forms.CharField(label=_("Department"), max_length=200)
    due_on = date_field(_("Due on"))
    reason = long_text(_("Why does the promise change?"), rows=3)
    reason.validators.append(ReasonValidator())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = municipal_staff()
        self.helper = helper(_("Change owner or due date"), name="reassign")


class EvaluationForm(forms.Form):
    """The evaluation's fields and, per promise, `kept_<pk>` and `note_<pk>`."""

    held_on = date_field(_("Held on"), required=False)
    participants = long_text(_("Who took part"), required=False, rows=2)
    what_happened = long_text(_("What the municipality did with the advice"), required=False)
    effect = long_text(_("The effect on policy and practice"), required=False)
    body_appraisal = long_text(_("The advisory body's appraisal"), required=False)
    lessons = long_text(_("Lessons for next time"), required=False)

    def __init__(self, *args, promises=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.promises = list(promises)
        for p in self.promises:
            self.fields[f"kept_{p.pk}"] = forms.ChoiceField(
                label=_("Was this promise kept?"), choices=Kept.choices,
                widget=forms.RadioSelect, required=False,
            )  # fmt: skip
            self.fields[f"note_{p.pk}"] = long_text(
                _("Explanation"), _("Mandatory unless the promise was kept."),
                required=False, rows=2,
            )  # fmt: skip
        self.helper = helper()

    def general_fields(self):
        return [self[name] for name in EVALUATION_FIELDS]

    def rows(self):
        return [(p, self[f"kept_{p.pk}"], self[f"note_{p.pk}"]) for p in self.promises]

    def clean_held_on(self):
        held_on = self.cleaned_data.get("held_on")
        if held_on and held_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return held_on

    def clean(self):
        data = super().clean()
        for p in self.promises:
            kept = data.get(f"kept_{p.pk}")
            if kept and kept != Kept.KEPT and not is_reason(data.get(f"note_{p.pk}")):
                self.add_error(
                    f"note_{p.pk}",
                    _("Write in a sentence why “%(promise)s” was not (fully) kept.")
                    % {"promise": p.text[:60]},
                )
        return data

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EVALUATION_FIELDS}

    def verdicts(self) -> dict[int, tuple[str, str]]:
        return {
            p.pk: (self.cleaned_data.get(f"kept_{p.pk}") or "",
                   self.cleaned_data.get(f"note_{p.pk}") or "")
            for p in self.promises
        }  # fmt: skip
