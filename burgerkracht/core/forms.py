"""Form fields every app uses the same way."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

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
