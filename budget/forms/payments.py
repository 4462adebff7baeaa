"""The residents' bank account, and the officials' confirmation file (SC-12)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.forms import NamedRequiredMixin
from burgerkracht.core.validation import iban


class BankAccountFields(forms.Form):
    """IBAN and account holder: both or neither, the IBAN checked (python-stdnum's rules)."""

    iban = forms.CharField(
        label=_("Bank account (IBAN) for the payments"), max_length=42, required=False,
        help_text=_("For example NL91 ABNA 0417 1643 00. The money is paid to this account."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip
    account_holder = forms.CharField(
        label=_("In the name of"), max_length=120, required=False,
        help_text=_("The name the account is in, as the bank knows it."),
    )  # fmt: skip

    def clean_iban(self):
        value = self.cleaned_data.get("iban", "").strip()
        if not value:
            return ""
        try:
            return iban.validate(value)
        except iban.InvalidIBAN:
            raise forms.ValidationError(
                _("This is not a valid IBAN. Check the number, for example NL91 ABNA 0417 1643 00.")
            ) from None

    def clean(self):
        data = super().clean()
        if data.get("iban") and not (data.get("account_holder") or "").strip():
            self.add_error("account_holder", _("Fill in the name the account is in."))
        holder = (data.get("account_holder") or "").strip()
        if holder and not data.get("iban") and "iban" not in self.errors:
            self.add_error("iban", _("Fill in the bank account (IBAN)."))
        return data


class BankAccountForm(NamedRequiredMixin, BankAccountFields):
    submit_label = _("Save the bank account")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("iban", "account_holder"):
            self.fields[name].required = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", self.submit_label))


MAX_CONFIRMATION_BYTES = 2 * 1024 * 1024


class ConfirmationFileForm(NamedRequiredMixin, forms.Form):
    """Read, never stored: only its rows are kept (PaymentImport.rows)."""

    submit_label = _("Read the file and show what it will do")

    file = forms.FileField(
        label=_("File from the bank or the finance department (CSV or XLSX)"),
        help_text=_("Columns: reference, paid_on, and if you have them bank_reference and "
                    "amount."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", self.submit_label))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > MAX_CONFIRMATION_BYTES:
            raise forms.ValidationError(_("This file is too large: at most 2 MB."))
        return upload
