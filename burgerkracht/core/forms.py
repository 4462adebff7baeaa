"""Form fields every app uses the same way."""

from django import forms

# The longest free text we take in one box.
TEXT_LIMIT = 5000


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


def date_field(label, help_text="", required=True) -> forms.DateField:
    return forms.DateField(label=label, help_text=help_text, required=required, widget=DateInput)
