"""A reason is a sentence: what core.validation.reasons refuses and accepts, in forms and
services."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from burgerkracht.core.forms import reason_text
from burgerkracht.core.validation.reasons import ReasonValidator, is_reason, require_reason

NOT_REASONS = [
    None, "", "   ", ".", "...", "x", "X", "xxx", "-", "—", "?!", "n.v.t.", "N.V.T", "nvt",
    "n.b.", "zie boven", "Zie hierboven.", "idem", "tbd", "TODO", "test", "asdf", "geen",
    "Nee.", "ja", "ok", "oké", "Daarom.", "omdat", "zo", "aaaaaaa", "x x x", "nee nee",
    "- - -", "12345", "€ 100", "n.v.t. / idem",
]  # fmt: skip
REASONS = [
    "Gezondheid.", "Past niet binnen het budget.", "De zaal is later vrij.", "typo",
    "Wettelijk niet mogelijk.", "Na de zomer opnieuw bekijken.", "Ik verhuis naar Zwolle.",
    "Geen geld meer op deze lijn in 2027.", "Één bewoner doet mee.",
]  # fmt: skip


@pytest.mark.parametrize("text", NOT_REASONS)
def test_not_a_reason(text):
    assert is_reason(text) is False
    with pytest.raises(ValidationError):
        require_reason(text)


@pytest.mark.parametrize("text", REASONS)
def test_a_reason(text):
    assert is_reason(text) is True
    assert require_reason(f"  {text}\n") == text


def test_require_reason_puts_the_error_on_the_field_with_the_message_given():
    with pytest.raises(ValidationError) as caught:
        require_reason("x", field="reason_3", message="Aanbeveling 3: schrijf waarom.")
    assert caught.value.message_dict == {"reason_3": ["Aanbeveling 3: schrijf waarom."]}


class _Form(forms.Form):
    reason = reason_text("Waarom?")
    optional = reason_text("Toelichting", required=False, message="Zeg wat er nodig is.")


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"reason": "Te weinig aanmeldingen.", "optional": ""}, set()),
        ({"reason": ".", "optional": ""}, {"reason"}),
        ({"reason": "", "optional": ""}, {"reason"}),
        ({"reason": "Te weinig aanmeldingen.", "optional": "x"}, {"optional"}),
    ],
)
def test_reason_text_field(data, errors, settings):
    settings.LANGUAGE_CODE = "nl"
    form = _Form(data)
    assert set(form.errors) == errors
    if "optional" in errors:
        assert form.errors["optional"] == ["Zeg wat er nodig is."]


def test_validator_message_is_dutch_by_default():
    from django.utils import translation

    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        ReasonValidator()("x")
    assert "geen reden" in caught.value.messages[0]
