"""No date or money box can regress (issue #22 §2, decision 0009): in every form of the
registry, every date field renders a saved date as ISO in <input type="date"> (the only value
a browser's date picker shows), and every amount field is a MoneyField that renders a saved
amount the way it reads it back, in Dutch and in English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from burgerkracht.core.forms import MoneyField
from tests.security.form_registry import REGISTRY, label

pytestmark = pytest.mark.django_db

SAVED_DATE = date(2027, 1, 15)
SAVED_AMOUNT = Decimal("2500.00")
AMOUNT_VALUE = {"nl": 'value="2.500,00"', "en": 'value="2,500.00"'}


def _problems(form_class, kwargs, language) -> list[str]:
    with translation.override(language):
        form = form_class(**kwargs)
        problems = []
        for name, field in form.fields.items():
            if isinstance(field, forms.DateField):
                form.initial[name] = SAVED_DATE
            elif isinstance(field, forms.DecimalField):
                form.initial[name] = SAVED_AMOUNT
                if not isinstance(field, MoneyField):
                    problems.append(f"{name}: a DecimalField that is not a MoneyField")
        for name, field in form.fields.items():
            html = str(form[name])
            if isinstance(field, forms.DateField) and not (
                'type="date"' in html and 'value="2027-01-15"' in html
            ):
                problems.append(f"{name} ({language}): {html}")
            if isinstance(field, forms.DecimalField) and AMOUNT_VALUE[language] not in html:
                problems.append(f"{name} ({language}): {html}")
        return [f"{label(form_class)}.{p}" for p in problems]


def test_every_date_and_amount_field_renders_what_it_reads_back_in_both_languages(world):
    problems, dates, amounts = [], 0, 0
    for form_class, entry in REGISTRY.items():
        for kwargs in entry.variants(world):
            for language in ("nl", "en"):
                problems += _problems(form_class, kwargs, language)
        fields = form_class(**entry.variants(world)[0]).fields.values()
        dates += sum(isinstance(f, forms.DateField) for f in fields)
        amounts += sum(isinstance(f, forms.DecimalField) for f in fields)
    assert not problems, "\n".join(problems)
    assert dates >= 30 and amounts >= 15  # the walk reached the forms with dates and amounts
