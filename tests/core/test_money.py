"""Amounts as people type and read them (decision 0009): MoneyField takes the Dutch ways of
writing an amount, refuses garbage with a message, and takes back what it rendered."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from burgerkracht.core.forms import MoneyField
from burgerkracht.core.ui.formatting import day, euro


class AmountForm(forms.Form):
    amount = MoneyField(label="Bedrag", max_value=Decimal("1000000"))


def clean(text, language="nl"):
    with translation.override(language):
        form = AmountForm({"amount": text})
        return form.cleaned_data["amount"] if form.is_valid() else list(form.errors["amount"])


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.600,00", "1600.00"), ("1600,00", "1600.00"), ("1600", "1600"),
        ("€ 1.600", "1600"), ("€1.600,50", "1600.50"), ("  € 1.600,5 ", "1600.5"),
        ("1600.00", "1600.00"), ("1600.5", "1600.5"), ("1.600", "1600"),
        ("1.000.000", "1000000"), ("0,50", "0.50"), (",50", "0.50"), ("€\u00a075", "75"),
        ("EUR 12,00", "12.00"),
    ],
)  # fmt: skip
def test_dutch_ways_of_writing_an_amount_are_taken(typed, amount):
    assert clean(typed) == Decimal(amount)


@pytest.mark.parametrize(
    "typed", ["12,3,4", "abc", "1.60.0", "1,600.00", "1.6000", "€", "--5", "1 2 3,4x", "1e3",
              "NaN", "Infinity", "١٢", "12.345.67", ".", ","],
)  # fmt: skip
def test_garbage_is_refused_with_a_dutch_message_that_shows_how(typed):
    assert clean(typed) == ["Vul een bedrag in euro's in, bijvoorbeeld 1.250,50 of 75."]


def test_more_than_two_decimals_and_negative_amounts_are_refused():
    assert clean("1,005") == ["Zorg dat er niet meer dan 2 cijfers achter de komma staan."]
    assert clean("-5") == ["Het bedrag moet minstens € 0,00 zijn."]
    assert clean("1.000.000,01") == ["Het bedrag mag hoogstens € 1.000.000,00 zijn."]


def test_english_reads_the_english_way():
    assert clean("1,600.00", "en") == Decimal("1600.00")
    assert clean("€1,600.5", "en") == Decimal("1600.5")
    assert clean("1.600,00", "en") == ["Enter an amount in euros, for example 1,250.50 or 75."]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_saved_amount_renders_as_people_write_it_and_is_taken_back(language):
    with translation.override(language):
        html = str(AmountForm(initial={"amount": Decimal("2500.00")})["amount"])
    expected = {"nl": 'value="2.500,00"', "en": 'value="2,500.00"'}[language]
    assert expected in html and 'inputmode="decimal"' in html
    assert clean(expected.split('"')[1], language) == Decimal("2500.00")


def test_a_wrong_amount_comes_back_as_typed():
    with translation.override("nl"):
        html = str(AmountForm({"amount": "1.60.0"})["amount"])
    assert 'value="1.60.0"' in html


AMOUNTS = st.decimals(min_value=0, max_value=Decimal("999999.99"), places=2)


@given(amount=AMOUNTS, language=st.sampled_from(["nl", "en"]))
def test_every_amount_formatted_the_dutch_or_english_way_parses_back_equal(amount, language):
    with translation.override(language):
        shown = euro(amount)
    assert clean(shown, language) == amount


def test_amounts_and_dates_read_the_dutch_way_in_dutch_and_the_english_way_in_english():
    from datetime import date

    with translation.override("nl"):
        assert (euro(Decimal("2500")), euro(600), day(date(2027, 4, 15))) == (
            "€ 2.500,00", "€ 600,00", "15 april 2027"
        )  # fmt: skip
        assert euro(Decimal("1234567"), 0) == "€ 1.234.567"
    with translation.override("en"):
        assert (euro(Decimal("2500")), day(date(2027, 4, 15))) == ("€ 2,500.00", "April 15, 2027")
    assert euro(None) == day(None) == ""
