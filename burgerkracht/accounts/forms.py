from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.models import User
from burgerkracht.accounts.services import PROFILE_FIELDS
from burgerkracht.core.forms import NamedRequiredMixin
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.postal.letters import POSTAL_CODE

# Post needs a whole address: each missing part is named next to its field (SC-11).
ADDRESS_NEEDED = {
    "street_address": _("Fill in your street and house number: we need them to send you post."),
    "postal_code": _("Fill in your postal code: we need it to send you post."),
    "city": _("Fill in your town: we need it to send you post."),
}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = list(PROFILE_FIELDS)
        help_texts = {
            "full_name": _("The name we use when we write to you."),
            "phone": _("For when you would rather be called than e-mailed."),
            "neighbourhood": _("So we can show you what happens near you."),
        }
        widgets = {
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "street_address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(
            is_active=True
        ).select_related("district")
        self.fields["neighbourhood"].empty_label = _("No neighbourhood chosen")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "full_name",
            "phone",
            "neighbourhood",
            Fieldset(
                _("When may we e-mail you?"),
                "notify_messages",
                "notify_status",
                "notify_reminders",
            ),
            Fieldset(
                _("Letters by post"),
                "by_post",
                "street_address",
                "postal_code",
                "city",
            ),
            Submit("save", _("Save")),
        )

    def clean_full_name(self):
        return self.cleaned_data["full_name"].strip()

    def clean_postal_code(self):
        code = "".join(self.cleaned_data["postal_code"].split()).upper()
        if code and not POSTAL_CODE.match(code):
            raise forms.ValidationError(_("Enter a postal code like 1234 AB."))
        return f"{code[:4]} {code[4:]}" if code else ""

    def clean(self):
        cleaned = super().clean()
        for name in ("street_address", "city"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        if cleaned.get("by_post"):
            for name, message in ADDRESS_NEEDED.items():
                if name not in self.errors and not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+-() ")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 6):
            raise forms.ValidationError(
                _("Enter a phone number with digits only, for example 036 123 45 67.")
            )
        return phone


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand this and want to delete my account."),
        error_messages={"required": _("Tick the box if you want to delete your account.")},
    )
    reason = forms.CharField(
        label=_("Why do you want to leave?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This helps us improve the portal. You do not have to answer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("reason", "confirm", Submit("delete", _("Delete my account")))


class ClaimStartForm(NamedRequiredMixin, forms.Form):
    code = forms.CharField(
        label=_("Your code"), max_length=20,
        help_text=_("The code from the letter, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send a link to this address. From then on you log in with it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("send", _("Send me the link")))
