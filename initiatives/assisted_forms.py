"""Forms of an assisted registration with a resident without e-mail (SC-11)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.forms import NamedRequiredMixin
from initiatives.enums import ASSISTED_CHANNELS, Channel
from initiatives.forms import Step1Form

CHANNEL_CHOICES = [(value, label) for value, label in Channel.choices if value in ASSISTED_CHANNELS]


def channel_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("How do you register this together with the resident?"),
        choices=CHANNEL_CHOICES,
        initial=Channel.PROFESSIONAL,
        widget=forms.RadioSelect,
    )


class AssistedStep1Form(Step1Form):
    """Step 1 for a professional: also how the registration comes in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"] = channel_field()
        self.fields["channel"].required = True


class ResidentWithoutEmailForm(NamedRequiredMixin, forms.Form):
    full_name = forms.CharField(label=_("Name of the resident"), max_length=150)
    street_address = forms.CharField(
        label=_("Street and house number"), max_length=200, required=False
    )
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    city = forms.CharField(label=_("Town"), max_length=100, required=False)
    phone = forms.CharField(
        label=_("Phone number"), max_length=40, required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )  # fmt: skip
    channel = channel_field()
    consent = forms.BooleanField(
        label=_("The resident has given consent"),
        help_text=_(
            "The resident agrees that you register the initiative with them and follow it for "
            "them. Print the consent form afterwards and let the resident sign it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street_address"].widget.attrs["autocomplete"] = "off"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "full_name",
            Fieldset(_("Postal address"), "street_address", "postal_code", "city"),
            "phone",
            "channel",
            "consent",
        )
        self.helper.add_input(Submit("save", _("Save the resident")))

    def clean(self):
        data = super().clean()
        address = [data.get(n, "").strip() for n in ("street_address", "postal_code", "city")]
        if any(address) and not all(address):
            self.add_error(
                "street_address", _("Fill in the whole address: street, postal code and town.")
            )
        if not all(address) and not data.get("phone", "").strip():
            self.add_error("phone", _("Enter a postal address or a phone number of the resident."))
        return data


class ClaimLetterForm(forms.Form):
    """Nothing to fill in: the button makes a new code and the letter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("make", _("Make the code and the letter (PDF)")))
