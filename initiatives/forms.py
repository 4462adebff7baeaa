"""Forms of the intake and of the initiative's workspace. Validation only, no saving."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role
from burgerkracht.core.forms import TEXT_LIMIT, long_text, name_required_fields, reason_text  # noqa: F401
from burgerkracht.core.models import Neighbourhood
from initiatives.enums import InitiativeTheme, Result, Scale, Support, UpdateKind
from initiatives.models import Initiative


class StepForm(forms.Form):
    """One step of the intake. With `partial` (save for later) nothing is required."""

    next_label = _("Save and continue")

    def __init__(self, *args, partial: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if partial:
            for field in self.fields.values():
                field.required = False
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def full_clean(self):
        name_required_fields(self)  # here, so that fields a subclass adds later count too
        super().full_clean()


class Step1Form(StepForm):
    title = forms.CharField(
        label=_("Name of your initiative"),
        max_length=150,
        help_text=_("A short name, for example 'Walking group Stedenwijk'."),
    )
    summary = long_text(
        _("What is it about?"),
        _("Tell it in your own words. What do you want to do, and with whom?"),
        rows=6,
    )
    theme = forms.ChoiceField(
        label=_("What fits best?"), choices=InitiativeTheme.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, partial: bool = False, **kwargs):
        super().__init__(*args, partial=partial, **kwargs)
        self.fields["title"].required = True  # a draft needs a name to be found again

    def clean_title(self):
        return self.cleaned_data["title"].strip()


class Step2Form(StepForm):
    why = long_text(
        _("Why do you want this?"), _("What made you start? What do you see happening?")
    )
    goal = long_text(_("What is the goal?"), _("What will be different when it works?"))
    distance_to_goal = long_text(
        _("How far are you from that goal now?"),
        _("What is already there, and what is still missing?"),
        required=False,
    )
    actions_needed = long_text(
        _("What must you do to get closer?"), _("The first steps you and others will take.")
    )


class Step3Form(StepForm):
    scale = forms.ChoiceField(
        label=_("Where does it happen?"), choices=Scale.choices, widget=forms.RadioSelect
    )
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("In which wijk or wijken?"),
        queryset=Neighbourhood.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Not needed when it is for the whole city."),
    )
    target_group = long_text(
        _("Who is it for?"),
        _("Describe the people in your own words, for example 'older neighbours who live alone'."),
    )
    expected_participants = forms.IntegerField(
        label=_("How many people do you expect to take part?"),
        min_value=1,
        max_value=100_000,
        help_text=_("A rough number is fine."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = Neighbourhood.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        scale = data.get("scale")
        if scale and scale != Scale.CITY and not data.get("neighbourhoods"):
            self.add_error("neighbourhoods", _("Choose at least one wijk."))
        return data


class Step4Form(StepForm):
    """Who takes part. For a professional registering with a resident: the resident first."""

    resident_email = forms.EmailField(
        label=_("E-mail address of the resident"),
        help_text=_("The resident gets an e-mail to confirm the registration from their account."),
        required=False,
    )
    backup_email = forms.EmailField(
        label=_("E-mail address of your backup"),
        help_text=_("Someone who can take over when you cannot. They get an invitation by e-mail."),
        required=False,
    )
    co_emails = forms.CharField(
        label=_("E-mail addresses of others who start it with you"),
        help_text=_("One address per line, at most 10."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    interest = long_text(_("What is your interest?"), required=False, rows=2)
    dream = long_text(_("What is your dream?"), required=False, rows=2)
    allergy = long_text(_("What do you really not want?"), required=False, rows=2)
    contribution = long_text(_("What do you contribute?"), required=False, rows=2)

    def __init__(
        self, *args, assisted: bool = False, own_email: str = "", resident_known=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.own_email = (own_email or "").lower()
        if assisted:
            if resident_known:  # a resident without e-mail leads already (SC-11)
                del self.fields["resident_email"]
            else:
                self.fields["resident_email"].required = not kwargs.get("partial", False)
            for name in ("interest", "dream", "allergy", "contribution"):
                del self.fields[name]
        else:
            del self.fields["resident_email"]
        self.helper.layout = Layout(
            *[
                name
                for name in ("resident_email", "backup_email", "co_emails")
                if name in self.fields
            ],
            *(
                [
                    Fieldset(
                        _("About you (optional)"),
                        "interest",
                        "dream",
                        "allergy",
                        "contribution",
                    )
                ]
                if not assisted
                else []
            ),
        )

    def clean_co_emails(self):
        lines = [
            line.strip() for line in self.cleaned_data["co_emails"].splitlines() if line.strip()
        ]
        if len(lines) > 10:
            raise forms.ValidationError(_("Enter at most 10 e-mail addresses."))
        emails = []
        for line in lines:
            try:
                validate_email(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("'%(value)s' is not an e-mail address. Put one address on each line."),
                    params={"value": line[:80]},
                ) from None
            emails.append(line.lower())
        return emails

    def clean(self):
        data = super().clean()
        own = self.own_email
        for name in ("backup_email", "resident_email"):
            if data.get(name) and data[name].lower() == own:
                self.add_error(name, _("Enter someone else's e-mail address, not your own."))
        if own and own in data.get("co_emails", []):
            self.add_error("co_emails", _("You do not need to invite yourself."))
        return data


class Step5Form(StepForm):
    support_wanted = forms.MultipleChoiceField(
        label=_("What help would you like?"),
        choices=Support.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everything that applies."),
    )
    support_other = forms.CharField(label=_("What other help?"), max_length=300, required=False)
    publication_consent = forms.BooleanField(
        label=_(
            "Yes, the initiative may be shown on the public pages of the municipality "
            "(without names or e-mail addresses)."
        ),
        required=False,
    )

    def clean(self):
        data = super().clean()
        wanted = data.get("support_wanted") or []
        if Support.OTHER in wanted and not data.get("support_other", "").strip():
            self.add_error("support_other", _("Tell us what other help you would like."))
        if Support.NOTHING in wanted and len(wanted) > 1:
            self.add_error(
                "support_wanted", _("Choose 'no help needed' or the help you want, not both.")
            )
        return data


STEP_FORMS: dict[int, type[StepForm]] = {
    1: Step1Form,
    2: Step2Form,
    3: Step3Form,
    4: Step4Form,
    5: Step5Form,
}


def _helper(submit_label, action: str = "") -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label))
    if action:
        helper.form_action = action
    return helper


class ReasonForm(forms.Form):
    reason = reason_text(_("Why?"), _("A short explanation, for the people involved."))

    def __init__(self, *args, submit_label=None, reason_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required
        self.helper = _helper(submit_label or _("Confirm"))


class EndForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Was the goal reached?"), choices=Result.choices, widget=forms.RadioSelect
    )
    lessons = long_text(
        _("What did you learn?"),
        _(
            "What went well, what was hard, what would you do differently? "
            "Not reaching the goal is a result too: it helps others."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("End the initiative"))


class AssignForm(forms.Form):
    facilitator = forms.ModelChoiceField(label=_("Facilitator"), queryset=User.objects.none())
    backup_facilitator = forms.ModelChoiceField(
        label=_("Backup facilitator"), queryset=User.objects.none(), required=False
    )
    reason = long_text(_("Why this choice?"), required=False, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        facilitators = User.objects.filter(groups__name=Role.FACILITATOR, is_active=True).order_by(
            "full_name", "email"
        )
        self.fields["facilitator"].queryset = facilitators
        self.fields["backup_facilitator"].queryset = facilitators
        self.helper = _helper(_("Assign"))

    def clean(self):
        data = super().clean()
        if data.get("facilitator") and data.get("facilitator") == data.get("backup_facilitator"):
            self.add_error("backup_facilitator", _("The backup facilitator must be someone else."))
        return data


class UpdateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of news?"), choices=UpdateKind.choices, widget=forms.RadioSelect
    )
    text = long_text(_("What happened?"), rows=4)
    is_signal = forms.BooleanField(
        label=_(
            "This obstacle is a signal to the municipality (for example a rule that blocks us)"
        ),
        required=False,
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Add to the timeline"), action)

    def clean(self):
        data = super().clean()
        if data.get("is_signal") and data.get("kind") != UpdateKind.OBSTACLE:
            self.add_error("is_signal", _("Only an obstacle can be a signal to the municipality."))
        return data


class MessageForm(forms.Form):
    body = long_text(_("Your message"), rows=4)

    def __init__(self, *args, action: str = "", to_residents: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # An official's button says plainly who reads it (the note form says "save").
        if to_residents:
            self.fields["body"].label = _("Your message to the residents")
        label = _("Send a message to the resident") if to_residents else _("Send message")
        self.helper = _helper(label, action)


class NoteForm(forms.Form):
    """An internal note: only officials read it; it cannot be changed after saving."""

    # Its own ids: the initiative page also has the timeline's `text` field.
    prefix = "note"

    text = long_text(
        _("Internal note"),
        _("Only for the municipality. The residents never see this. It cannot be changed "
          "after saving."),
        rows=3,
    )  # fmt: skip

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the note"), action)


class InitiativeFilterForm(forms.Form):
    """Used by the public list: search, wijk and theme."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)  # ?wijk=: glossary, Names
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All themes")), *InitiativeTheme.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].choices = [
            ("", _("All wijken")),
            *Neighbourhood.objects.filter(is_active=True).values_list("slug", "name"),
        ]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("", _("Show")))


def initial_for_step(initiative: Initiative, step: int) -> dict:
    from initiatives.intake import STEP_FIELDS

    initial = {
        name: getattr(initiative, name) for name in STEP_FIELDS[step] if name != "neighbourhoods"
    }
    if step == 3:
        initial["neighbourhoods"] = list(initiative.neighbourhoods.values_list("pk", flat=True))
    return initial
