"""Forms of the bodies part: members and organisations, signals, meetings, the factsheet and
the handover of contacts."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from advice.enums import MemberRole, Party
from advice.models import Advice, AdvisoryBody, BodyOrganisation, Signal, TargetGroup, Theme
from burgerkracht.accounts.roles import STAFF_ROLES
from burgerkracht.core.forms import TEXT_LIMIT, date_field
from burgerkracht.core.models import Organisation
from burgerkracht.core.validation.reasons import ReasonValidator


def long_text(label, help_text="", required=True, rows=4) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=required, max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )  # fmt: skip


def helper(label, *, form_tag: bool = True) -> FormHelper:
    result = FormHelper()
    result.form_tag = form_tag
    result.add_input(Submit("save", label))
    return result


def checkboxes(label, queryset, required=False) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label, queryset=queryset, required=required, widget=forms.CheckboxSelectMultiple
    )


# --- members and organisations -------------------------------------------------------------


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person"), max_length=254,
        help_text=_("The person needs an account on the portal already."),
    )  # fmt: skip
    role = forms.ChoiceField(label=_("Role in the body"), choices=MemberRole.choices)
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=BodyOrganisation.objects.none(),
        required=False, empty_label=_("No organisation"),
    )  # fmt: skip
    started_on = date_field(_("Member since"), required=False)

    def __init__(self, *args, body: AdvisoryBody, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = body.organisations.select_related("organisation")
        self.helper = helper(_("Add member"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active account with this e-mail address."))
        self.cleaned_data["user"] = user
        return email


class EndMembershipForm(forms.Form):
    ended_on = date_field(_("Member until"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("End membership"))


class OrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    themes = checkboxes(_("Themes it works on"), Theme.objects.all())
    groups = checkboxes(_("Groups of residents it represents"), TargetGroup.objects.all())
    joined_on = date_field(_("Member since"), required=False)
    left_on = date_field(_("Member until"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Save organisation"))


# --- signals -------------------------------------------------------------------------------


class SignalFields(forms.Form):
    body = forms.ModelChoiceField(label=_("For which body"), queryset=AdvisoryBody.objects.none())
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all())
    title = forms.CharField(label=_("Title"), max_length=200)
    description = long_text(
        _("What happens?"),
        _("Describe what goes wrong in practice. Do not write names or other details of "
          "residents."),
        rows=6,
    )  # fmt: skip
    is_structural = forms.BooleanField(
        label=_("This is a structural problem"), required=False,
        help_text=_("It happens to many people, not just once."),
    )  # fmt: skip

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0].pk


class SignalForm(SignalFields):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=BodyOrganisation.objects.none(),
        required=False, empty_label=_("No organisation"),
        help_text=_("The member organisation that brings in the signal."),
    )  # fmt: skip

    def __init__(self, *args, bodies, organisations, **kwargs):
        super().__init__(*args, bodies=bodies, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.helper = helper(_("Record signal"))

    def clean(self):
        data = super().clean()
        body, organisation = data.get("body"), data.get("organisation")
        if body and organisation and organisation.body_id != body.pk:
            self.add_error("organisation", _("This organisation is not a member of this body."))
        return data


class ConvertForm(SignalFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Make it a signal"))


class LinkSignalsForm(forms.Form):
    signals = checkboxes(_("Signals this advice is based on"), Signal.objects.none())

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = queryset
        self.helper = helper(_("Save signals"))


# --- meetings ------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    date = date_field(_("Date"))
    title = forms.CharField(label=_("Title"), max_length=200)
    participants = long_text(_("Participants"), required=False, rows=3)
    agenda = long_text(_("Agenda"), required=False, rows=10)
    agreements = long_text(_("Agreements made"), required=False, rows=6)
    advices = checkboxes(_("Advices discussed"), Advice.objects.none())

    def __init__(self, *args, advices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advices"].queryset = advices
        self.helper = helper(_("Save meeting"))


# --- the factsheet -------------------------------------------------------------------------


class FactsheetForm(forms.Form):
    valid_from = date_field(_("Valid from"))
    why = long_text(
        _("Why does it change?"),
        _("Write down why this was decided ('het waarom'), so people later know."),
        rows=4,
    )  # fmt: skip
    why.validators.append(ReasonValidator())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for party in Party.values:
            self.fields[f"{party}_tasks"] = long_text(_("Tasks"), rows=4)
            self.fields[f"{party}_powers"] = long_text(_("Powers"), rows=4)
            self.fields[f"{party}_agreements"] = long_text(_("Agreements"), required=False, rows=3)

    def parties(self):
        """Per party its label and its three bound fields, for the template's fieldsets."""
        return [
            (label, [self[f"{party}_{name}"] for name in ("tasks", "powers", "agreements")])
            for party, label in Party.choices
        ]

    def entries(self) -> dict[str, tuple[str, str, str]]:
        data = self.cleaned_data
        return {
            party: (data[f"{party}_tasks"], data[f"{party}_powers"], data[f"{party}_agreements"])
            for party in Party.values
        }


# --- the handover of contacts --------------------------------------------------------------


def staff():
    return (
        get_user_model().objects.filter(groups__name__in=STAFF_ROLES).distinct()
        .order_by("full_name", "email")
    )  # fmt: skip


class HandoverForm(forms.Form):
    leaving = forms.ModelChoiceField(
        label=_("Who leaves?"), queryset=get_user_model().objects.none()
    )
    successor = forms.ModelChoiceField(
        label=_("Who takes over?"), queryset=get_user_model().objects.none()
    )
    note = long_text(
        _("Handover note"),
        _("What the successor needs to know: the agreements, and why earlier decisions were "
          "made ('het waarom')."),
        rows=6,
    )  # fmt: skip
    note.validators.append(ReasonValidator())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaving"].queryset = staff()
        self.fields["successor"].queryset = staff().filter(is_active=True)
        self.helper = helper(_("Hand over"))
