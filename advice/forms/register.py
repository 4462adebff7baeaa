"""Forms of the register: the request for advice, the advice with its recommendations, and
the actions on an advice (send, take back, withdraw, contact persons, publication)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advice.models import AdviceRequest, AdvisoryBody
from advice.services.register import future_received, future_requested, is_time_pressure
from burgerkracht.accounts.roles import STAFF_ROLES
from burgerkracht.core.files.uploads import DOCUMENTS, SafeFileField
from burgerkracht.core.forms import date_field, long_text, reason_text
from burgerkracht.core.validation.reasons import is_reason

EXTRA_RECOMMENDATIONS = 3
FILE_HELP = _("A PDF, Word or OpenDocument file.")


def document_field(label) -> forms.FileField:
    """Checked by content (and scanned when a scanner is set), not only by extension."""
    return SafeFileField(policy=DOCUMENTS, label=label, required=False, help_text=FILE_HELP)


def helper(label) -> FormHelper:
    result = FormHelper()
    result.add_input(Submit("save", label))
    return result


def past_date(label, message, help_text="", required=True) -> forms.DateField:
    """A date something was received or sent: today or earlier."""
    field = date_field(label, help_text, required=required)
    field.validators.append(NotInFuture(message))
    return field


class NotInFuture:
    def __init__(self, message):
        self.message = message

    def __call__(self, value):
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(self.message(), code="future")


def pressure_message() -> str:
    return _(
        "The body gets less than %(days)d days for this advice. That is time pressure: say "
        "why there is so little time, and write down the agreements about time and effort."
    ) % {"days": settings.ADVICE_MIN_LEAD_DAYS}


class RequestForm(forms.Form):
    """A request for advice. A deadline closer than ADVICE_MIN_LEAD_DAYS is time pressure:
    allowed, but only with a reason and an agreement (SC-05)."""

    body = forms.ModelChoiceField(
        label=_("Which advisory body is asked?"),
        queryset=AdvisoryBody.objects.filter(is_active=True).order_by("name"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    question = long_text(_("The question to the body"))
    policy_document = document_field(_("Policy document"))
    document_url = forms.URLField(
        label=_("Or a link to the policy document"),
        required=False,
        max_length=200,
        assume_scheme="https",
    )
    department = forms.CharField(label=_("Requesting department"), max_length=200)
    requested_on = past_date(_("Date of the request"), future_requested)
    deadline = date_field(_("Deadline for the advice"))
    decision_moment = date_field(_("Decision moment"), required=False)
    decision_forum = forms.CharField(
        label=_("Decided by"), max_length=100, required=False,
        help_text=_("For example: college van B&W, or the municipal council."),
    )  # fmt: skip
    time_agreement = long_text(
        _("Agreements about time and effort"),
        _("What effort is expected, and which consultations in the field."), required=False,
    )  # fmt: skip
    pressure_reason = long_text(
        _("Why there is so little time"), _("Only needed when the body gets too little time."),
        required=False,
    )  # fmt: skip

    def __init__(self, *args, button=None, **kwargs):
        super().__init__(*args, **kwargs)
        days = settings.ADVICE_MIN_LEAD_DAYS
        self.fields["deadline"].help_text = _(
            "The body needs at least %(days)d days. A shorter term is time pressure."
        ) % {"days": days}
        self.helper = helper(button or _("Send the request"))

    def clean(self):
        data = super().clean()
        requested_on, deadline = data.get("requested_on"), data.get("deadline")
        if requested_on and deadline:
            if deadline < requested_on:
                self.add_error("deadline", _("The deadline cannot be before the request."))
            elif is_time_pressure(requested_on, deadline):
                if not is_reason(data.get("pressure_reason")):
                    self.add_error("pressure_reason", pressure_message())
                if not (data.get("time_agreement") or "").strip():
                    self.add_error("time_agreement", pressure_message())
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("body", None)
        data.pop("reason", None)
        if not data.get("policy_document"):
            data.pop("policy_document", None)
        for name in ("document_url", "decision_forum", "time_agreement", "pressure_reason"):
            data[name] = data.get(name) or ""
        return data


class RequestEditForm(RequestForm):
    """A change of the request; moving the deadline or decision moment needs a reason."""

    reason = long_text(
        _("Why does the date move?"), _("Needed when the deadline or decision moment moves."),
        required=False, rows=3,
    )  # fmt: skip

    def __init__(self, *args, request_obj: AdviceRequest, **kwargs):
        super().__init__(*args, button=_("Save the changes"), **kwargs)
        del self.fields["body"]
        self.request_obj = request_obj

    def clean(self):
        data = super().clean()
        moved = any(
            name in data and data[name] != getattr(self.request_obj, name)
            for name in ("deadline", "decision_moment")
        )
        if moved and not is_reason(data.get("reason")):
            self.add_error("reason", _("Write in a sentence why the date moves."))
        return data


class AdviceForm(forms.Form):
    """A new advice (a concept). Solicited when it answers a request."""

    body = forms.ModelChoiceField(label=_("Advisory body"), queryset=AdvisoryBody.objects.none())
    advice_request = forms.ModelChoiceField(
        label=_("The request it answers"), queryset=AdviceRequest.objects.none(), required=False,
        empty_label=_("None: an unsolicited advice"),
        help_text=_("With a request the advice is solicited; without one it is unsolicited."),
    )  # fmt: skip
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = long_text(_("Summary"), required=False, rows=6)
    document = document_field(_("The advice (document)"))
    received_on = past_date(_("Date received"), future_received, required=False)
    from_earlier_reaction = forms.BooleanField(
        label=_("An earlier reaction of the body is counted as this advice"), required=False
    )
    consent_note = long_text(
        _("The body's consent"),
        _("Needed when an earlier reaction counts as the advice: who agreed, and when."),
        required=False, rows=3,
    )  # fmt: skip

    def __init__(self, *args, bodies=None, requests=None, button=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is None:
            del self.fields["body"], self.fields["advice_request"]
        else:
            self.fields["body"].queryset = bodies
            self.fields["advice_request"].queryset = requests
        self.helper = helper(button or _("Register the advice"))

    def clean(self):
        data = super().clean()
        if data.get("from_earlier_reaction") and not (data.get("consent_note") or "").strip():
            self.add_error(
                "consent_note",
                _("Record the body's consent to count its earlier reaction as the advice."),
            )
        req, body = data.get("advice_request"), data.get("body")
        if req is not None and body is not None and req.body_id != body.pk:
            self.add_error("advice_request", _("This request was sent to another body."))
        return data

    def service_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("body", "advice_request")}
        if not data.get("document"):
            data.pop("document", None)
        data["summary"] = data.get("summary") or ""
        data["consent_note"] = data.get("consent_note") or ""
        return data


class RecommendationsForm(forms.Form):
    """The numbered recommendations: the current ones plus a few empty boxes (no JavaScript
    needed; save and come back for more)."""

    def __init__(self, *args, texts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, len(texts) + EXTRA_RECOMMENDATIONS + 1):
            self.fields[f"rec_{number}"] = forms.CharField(
                label=_("Recommendation %(number)d") % {"number": number}, required=False,
                max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                initial=texts[number - 1] if number <= len(texts) else "",
            )  # fmt: skip
        self.helper = helper(_("Save the recommendations"))

    def texts(self) -> list[str]:
        return [self.cleaned_data[name] for name in self.fields]


class ReasonForm(forms.Form):
    reason = reason_text(_("Why?"))

    def __init__(self, *args, label=None, button=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self.helper = helper(button or _("Confirm"))


class SendForm(forms.Form):
    received_on = past_date(
        _("Date the municipality received it"), future_received, required=False,
        help_text=_("Leave empty for today. The answer term starts on this date."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Send the final advice"))


class ContactsForm(forms.Form):
    contact = forms.ModelChoiceField(
        label=_("Contact person at the municipality"), queryset=get_user_model().objects.none()
    )
    backup = forms.ModelChoiceField(
        label=_("Backup contact person"), queryset=get_user_model().objects.none()
    )
    body_contact = forms.ModelChoiceField(
        label=_("Contact person of the body"), queryset=get_user_model().objects.none(),
        required=False,
    )  # fmt: skip
    reason = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(self, *args, body_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True)
        staff = users.filter(groups__name__in=STAFF_ROLES).distinct().order_by("full_name", "pk")
        self.fields["contact"].queryset = staff
        self.fields["backup"].queryset = staff
        self.fields["body_contact"].queryset = (
            users.filter(memberships__body_id=body_id, memberships__ended_on__isnull=True)
            .distinct()
            .order_by("full_name", "pk")
        )
        self.helper = helper(_("Save the contact persons"))

    def clean(self):
        data = super().clean()
        if data.get("contact") and data.get("contact") == data.get("backup"):
            self.add_error("backup", _("The backup must be someone else."))
        return data


class PublicForm(forms.Form):
    is_public = forms.BooleanField(
        label=_("Show this advice on the website"), required=False,
        help_text=_("The final advice, the published answer, the promises and the evaluation "
                    "are shown at /adviezen/."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Save"))
