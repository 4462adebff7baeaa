"""The forms about the people of an initiative on both sides: an initiator who stops, the new
lead initiator (SC-13), and a facilitator's dossiers that move on (handover, reassignment)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role
from burgerkracht.core.forms import long_text, name_required_fields, reason_text
from initiatives.models import Initiator


class HandoverForm(forms.Form):
    leaving = forms.ModelChoiceField(label=_("Who leaves?"), queryset=User.objects.none())
    successor = forms.ModelChoiceField(
        label=_("Successor"), queryset=User.objects.none(), required=False,
        help_text=_("Takes over where there is no backup facilitator, and becomes the new "
                    "backup. Leave empty to let the backup take over and name a new backup later."),
    )  # fmt: skip
    note = long_text(
        _("General handover note"),
        _("For every initiative below, before its own note: e.g. why the handover happens. "
          "Write 'het waarom' of each initiative in its own field."),
        required=False,
        rows=3,
    )  # fmt: skip
    deactivate = forms.BooleanField(
        label=_("Switch off this person's account now"), required=False,
        help_text=_("For someone who leaves the municipality. They can no longer log in."),
    )  # fmt: skip

    def __init__(self, *args, initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        staff = (
            User.objects.filter(groups__name=Role.FACILITATOR, is_active=True)
            .distinct()
            .order_by("full_name", "email")
        )
        self.fields["leaving"].queryset = staff
        self.fields["successor"].queryset = staff
        # "Het waarom" per initiative (SC-13): kept with that initiative's handover only.
        for initiative in initiatives:
            self.fields[f"note_{initiative.pk}"] = long_text(
                _("Het waarom of %(reference)s — %(title)s")
                % {"reference": initiative.reference, "title": initiative.title},
                _("The agreements of this initiative and why earlier decisions were made."),
                required=False,
                rows=4,
            )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Hand over")))

    def clean(self):
        data = super().clean()
        if (data.get("note") or "").strip():
            return data
        own = [name for name in self.fields if name.startswith("note_")]
        missing = [name for name in own if not (data.get(name) or "").strip()]
        if len(missing) == len(own):
            self.add_error(
                "note", _("Write a handover note: what the next person needs to know, and why.")
            )
        else:
            for name in missing:
                self.add_error(name, _("Write 'het waarom' of this initiative, or a general note."))
        return data

    def notes(self) -> dict[int, str]:
        """{initiative key: its own note} from the cleaned data."""
        return {
            int(name.removeprefix("note_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("note_") and value.strip()
        }


class DossierChoiceField(forms.TypedMultipleChoiceField):
    """The chosen facilitator's dossiers as ticks. Any whole number passes here: whether it
    really is one of their dossiers is the form's (and the service's) check, with a message
    that says so, rather than Django's "not one of the available choices"."""

    def valid_value(self, value):
        return str(value).isdigit()


class ReassignForm(forms.Form):
    """Move some of a facilitator's dossiers to another facilitator, with one reason."""

    from_user = forms.ModelChoiceField(
        label=_("Whose dossiers?"), queryset=User.objects.none(), widget=forms.HiddenInput
    )
    initiatives = DossierChoiceField(
        label=_("Which dossiers move?"), coerce=int, widget=forms.CheckboxSelectMultiple,
        help_text=_("All are ticked. Untick the ones that stay."),
    )  # fmt: skip
    to_user = forms.ModelChoiceField(
        label=_("New facilitator"), queryset=User.objects.none(),
        empty_label=_("Choose the new facilitator"),
    )  # fmt: skip
    reason = reason_text(
        _("Reason"),
        _("Why these dossiers move. The reason is kept with every dossier that moves, and the "
          "new facilitator reads it."),
        rows=4,
    )  # fmt: skip

    def __init__(self, *args, dossiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        staff = (
            User.objects.filter(groups__name=Role.FACILITATOR, is_active=True)
            .distinct()
            .order_by("full_name", "email")
        )
        self.fields["from_user"].queryset = staff
        # The page offers everyone but the current facilitator; a posted form keeps them all,
        # so choosing the same person gets clean()'s own message.
        current = None if self.is_bound else self.initial.get("from_user")
        self.fields["to_user"].queryset = staff.exclude(pk=current) if current else staff
        self.fields["initiatives"].choices = [(d.pk, d.choice_label) for d in dossiers]
        name_required_fields(self)
        self.fields["initiatives"].error_messages["required"] = _(
            "Tick at least one dossier that moves."
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Reassign")))

    def clean(self):
        data = super().clean()
        from_user, to_user = data.get("from_user"), data.get("to_user")
        if from_user and to_user and from_user.pk == to_user.pk:
            self.add_error("to_user", _("Choose someone else than the current facilitator."))
        chosen = data.get("initiatives") or []
        if from_user and chosen:
            from initiatives.handover import initiatives_of

            theirs = set(initiatives_of(from_user).values_list("pk", flat=True))
            if set(chosen) - theirs:
                self.add_error(
                    "initiatives",
                    _("One or more of these dossiers is not facilitated by %(name)s. "
                      "Nothing has moved.") % {"name": from_user},
                )  # fmt: skip
        return data


class StepDownForm(forms.Form):
    """ "Ik stop als initiatiefnemer": the reason is read by the facilitator."""

    reason = reason_text(
        _("Why do you stop?"),
        _("Your facilitator reads this. The other initiators see only that you stopped."),
        rows=4,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_required_fields(self)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("I stop as initiator")))


class LeadOfferForm(forms.Form):
    """The backup answers: do they become the lead initiator?"""

    answer = forms.TypedChoiceField(
        label=_("Do you become the lead initiator?"),
        choices=[("yes", _("Yes, I become the lead initiator")),
                 ("no", _("No, I do not want to be the lead initiator"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )  # fmt: skip
    reason = long_text(_("Anything you want to tell the facilitator?"), required=False, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_required_fields(self)
        self.fields["answer"].error_messages["required"] = _("Choose yes or no.")
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Send my answer")))


class AppointLeadForm(forms.Form):
    """The facilitator chooses the new lead: an active co-initiator, or someone invited."""

    initiator = forms.ModelChoiceField(
        label=_("A co-initiator becomes the lead"),
        queryset=Initiator.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    email = forms.EmailField(
        label=_("Or invite someone as lead initiator (e-mail address)"),
        required=False,
        help_text=_("They become the lead when they accept the invitation."),
    )
    reason = reason_text(
        _("Why this person?"), _("The initiators read this in the e-mail about the new lead."),
        rows=3,
    )  # fmt: skip

    def __init__(self, *args, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        if initiative is not None:
            self.fields["initiator"].queryset = (
                initiative.initiators.active().select_related("user").order_by("created_at")
            )
        if not self.fields["initiator"].queryset.exists():
            del self.fields["initiator"]  # nobody left to choose: invite someone
            self.fields["email"].required = True
            self.fields["email"].label = _("Invite someone as lead initiator (e-mail address)")
        name_required_fields(self)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Appoint the new lead")))

    def clean(self):
        data = super().clean()
        if "initiator" not in self.fields:
            return data
        if bool(data.get("initiator")) == bool(data.get("email")) and not self.errors:
            self.add_error(
                "initiator", _("Choose a co-initiator or fill in an e-mail address, not both.")
            )
        return data
