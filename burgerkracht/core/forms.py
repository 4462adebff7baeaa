"""Form fields every app uses the same way."""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.ui.formatting import euro
from burgerkracht.core.validation.reasons import ReasonValidator

# The longest free text we take in one box.
TEXT_LIMIT = 5000

# The dates a form takes. Python's own limits (years 1 and 9999) let a typing error through
# to the services, which add weeks or months to a date (the answer term of an advice, the
# accountability date) and then fail with OverflowError; no real date here lies outside.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)


def long_text(label, help_text="", required=True, rows=4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def reason_text(label, help_text="", required=True, rows=3, message=None) -> forms.CharField:
    """A box that demands a reason: a sentence, not "." or "x" (core.validation.reasons)."""
    field = long_text(label, help_text, required=required, rows=rows)
    field.validators.append(ReasonValidator(message))
    return field


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO form, so it shows again after an error."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateField(forms.DateField):
    """A date between EARLIEST_DATE and LATEST_DATE (Django's own messages: translated)."""

    default_validators = [MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)]


def date_field(label, help_text="", required=True) -> forms.DateField:
    return DateField(label=label, help_text=help_text, required=required, widget=DateInput)


class MoneyInput(forms.TextInput):
    """A text box for euros. A saved amount is shown as people write it ("1.600,00" in Dutch,
    "1,600.00" in English), which MoneyField takes back unchanged."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
        return super().format_value(value)


def _whole_euros(text: str, thousands: str) -> str | None:
    """The digits of the whole euros, without thousands separators; None if the groups are
    wrong ("1.60.0": after the first group of 1-3 digits, every group has three)."""
    groups = text.split(thousands) if thousands else [text]
    if not all(g.isascii() and g.isdigit() for g in groups):
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    return "".join(groups)


def parse_amount(text: str) -> Decimal | None:
    """An amount as people type it in the active language, or None when it is not one.

    Dutch: "1.600,00", "1600,00", "1600", "€ 1.600", "€1.600,50". A dot followed by exactly
    three digits groups thousands ("1.600" is 1600); a single dot followed by one or two
    digits can only be a decimal point ("1600.50", the English habit of many keyboards), as
    Django's own sanitize_separators decides (ticket #22171). English: "1,600.00".
    """
    text = text.strip().replace("\u00a0", " ")
    for prefix in ("€", "EUR", "eur"):
        text = text.removeprefix(prefix)
    text = text.replace(" ", "")
    sign = "-" if text.startswith("-") else ""
    text = text.removeprefix("-")
    decimal, thousands = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    if thousands == decimal:
        thousands = ""
    whole, separator, fraction = text.partition(decimal)
    if (
        not separator
        and thousands == "."
        and whole.count(".") == 1
        and len(whole.rpartition(".")[2]) in (1, 2)
    ):
        whole, separator, fraction = whole.partition(".")
    digits = "0" if not whole and fraction else _whole_euros(whole, thousands)
    if not digits or (separator and not (fraction.isascii() and fraction.isdigit())):
        return None
    return Decimal(f"{sign}{digits}.{fraction or '0'}")


class MoneyField(forms.DecimalField):
    """An amount in euros with cents, typed as people in the active language write it
    (parse_amount); garbage gets a message that shows how to write it."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _("Enter an amount in euros, for example 1,250.50 or 75."),
    }

    def __init__(self, *, max_digits=12, decimal_places=2, min_value=Decimal("0.00"),
                 max_value=None, **kwargs):  # fmt: skip
        # The limits are checked in validate(), so that the message shows them as an amount
        # ("at most € 1.000.000,00"), not as Django's raw number.
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        self.min_value, self.max_value = min_value, max_value

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                _("The amount must be at least %(amount)s.") % {"amount": euro(self.min_value)},
                code="min_value",
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                _("The amount can be at most %(amount)s.") % {"amount": euro(self.max_value)},
                code="max_value",
            )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        amount = parse_amount(str(value))
        if amount is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount

    def widget_attrs(self, widget):
        # DecimalField would add step/min/max for a NumberInput; a text box needs none.
        return forms.Field.widget_attrs(self, widget)


def name_required_fields(form: forms.Form) -> None:
    """Give every field of a resident's form a "required" message that names the field and
    says what to do ("Vul 'Wie doen er mee?' in."), instead of Django's bare "This field is
    required.": next to the field and in the error summary, a person knows where to look."""
    from django.utils.translation import gettext

    for field in form.fields.values():
        label = str(field.label or "").strip()
        if not label:
            continue
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.Select):
            message = gettext("Choose an answer at '%(label)s'.") % {"label": label}
        elif isinstance(field, forms.FileField):
            message = gettext("Choose a file at '%(label)s'.") % {"label": label}
        elif isinstance(widget, forms.CheckboxInput):
            message = gettext("Tick '%(label)s' to go on.") % {"label": label}
        else:
            message = gettext("Fill in '%(label)s'.") % {"label": label}
        field.error_messages = {**field.error_messages, "required": message}


class NamedRequiredMixin:
    """A form whose required fields say their own name when left empty (see above)."""

    def full_clean(self):
        name_required_fields(self)  # here, so that fields added in __init__ count too
        super().full_clean()


class SavedFilterForm(forms.Form):
    """Save the filters now set on an officials' list under a name (core/filters/saved.py)."""

    name = forms.CharField(
        label=_("Name of the filter"), max_length=80,
        help_text=_("For example: My wijk, still to check."),
    )  # fmt: skip
    list_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "saved_filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Give the filter a name.")
        from crispy_forms.helper import FormHelper
        from crispy_forms.layout import Submit
        from django.urls import reverse

        self.helper = FormHelper()
        self.helper.form_action = reverse("core:saved-filter-create")
        self.helper.form_class = "portal-saved-filter-form"
        self.helper.add_input(Submit("save", _("Save this filter")))
