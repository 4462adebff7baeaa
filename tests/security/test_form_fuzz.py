"""Every form class of our apps, bound to ≥ 1,000 hostile inputs each: `is_valid()` never
raises, what it lets through is consistent, and the bound form renders (targets.md S1).

This is the form-level companion of the HTTP fuzz tests (tests/*/test_*fuzz*.py): it reaches
every form, also those behind several steps, at a fraction of the cost of a request. Forms,
their constructor arguments and the exclusions are in form_registry.py.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from burgerkracht.core.forms import EARLIEST_DATE, LATEST_DATE
from tests.fuzz import NASTY, TEXT, form_data
from tests.security.form_registry import (
    APPS,
    EXCLUDED,
    REGISTRY,
    UNBOUNDED_DATES,
    form_classes,
    label,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))  # fewer for a quick local run
# Rendering costs ~30 ms, ten times a validation: render every RENDER_EVERY-th example, and
# the first NEW_ERRORS examples with a combination of fields in error not seen before.
RENDER_EVERY = 50
NEW_ERRORS = 10
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip

HUGE = ["9" * 30, str(2**31), str(2**63), str(-(2**63) - 1), "1e309", "-1e309", "0x1F", "١٢"]
INTEGER = st.one_of(st.integers(-(10**25), 10**25).map(str), st.sampled_from(HUGE), TEXT)
AMOUNT = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.decimals(min_value=-(10**12), max_value=10**12, places=2).map(str),
    st.sampled_from(["1.000,50", "12,5", "€ 20", "1e3", "1E+7", "0,001", "NaN", "sNaN",
                     "Infinity", "-0", "0.000000001", "1" * 40, "-1", *HUGE]),
)  # fmt: skip
DATE = st.one_of(
    st.dates().map(str),
    st.sampled_from(["0001-01-01", "9999-12-31", "10000-01-01", "2026-02-29", "2024-02-30",
                     "31-12-2025", "12/31/2025", "2025-1-1", "0000-00-00", "-2025-01-01"]),
    TEXT,
)  # fmt: skip
CHECK = st.sampled_from(["on", "", "true", "false", "0", "1", "False"])
EMAIL = st.one_of(st.emails().map(str), st.just("a@b.nl\x00"), TEXT)
URL = st.one_of(
    st.sampled_from(["https://example.org/x.pdf", "javascript:alert(1)", "http://[::1", "//x",
                     "https://" + "a" * 300 + ".nl", "ftp://x.nl", "https://例え.jp"]),
    TEXT,
)  # fmt: skip
FILE_NAMES = st.one_of(
    st.sampled_from(
        [
            "offerte.pdf",
            "../../etc/passwd",
            "a\x00b.pdf",
            "x" * 300 + ".pdf",
            "\u202efdp.exe",
            "🎉.png",
            ".pdf",
            "con.docx",
            "a.PDF",
            "eicar.com",
        ]
    ),
    st.text(max_size=60),
).filter(lambda name: os.path.basename(name) not in {"", ".", ".."})  # noqa: PTH119 (as Django)
# A key every POST may carry beyond the fields: a submit button.
BUTTONS = {"save": TEXT}
UPLOAD = st.builds(
    SimpleUploadedFile, name=FILE_NAMES, content=st.binary(max_size=2048),
    content_type=st.sampled_from(["application/pdf", "image/png", "text/html", "", "x/y"]),
)  # fmt: skip


def _model_ids(field: forms.ModelChoiceField) -> list[str]:
    key = field.to_field_name or "pk"
    return [str(v) for v in field.queryset.values_list(key, flat=True)[:50]]


def _ids(field: forms.ModelChoiceField) -> st.SearchStrategy:
    """A real id, a gone one, a huge one (PostgreSQL integer overflow), or text."""
    return st.one_of(st.sampled_from([*_model_ids(field), "0"]), INTEGER)


def _choices(field: forms.ChoiceField) -> st.SearchStrategy:
    values = [str(k) for k, _v in field.choices if not isinstance(_v, list | tuple)]
    return st.one_of(st.sampled_from(values or [""]), TEXT)


def field_strategy(field: forms.Field) -> st.SearchStrategy:
    """What a hostile client sends for this field; form_data adds text, lists and absence."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return st.lists(_ids(field), min_size=1, max_size=5)
    if isinstance(field, forms.ModelChoiceField):
        return _ids(field)
    if isinstance(field, forms.MultipleChoiceField):
        return st.lists(_choices(field), min_size=1, max_size=5)
    if isinstance(field, forms.ChoiceField):
        return _choices(field)
    if isinstance(field, forms.BooleanField):
        return CHECK
    if isinstance(field, forms.DateField):
        return DATE
    if isinstance(field, forms.DecimalField):
        return AMOUNT
    if isinstance(field, forms.IntegerField):
        return INTEGER
    if isinstance(field, forms.EmailField):
        return EMAIL
    if isinstance(field, forms.URLField):
        return URL
    return TEXT


def data_strategy(form: forms.BaseForm, extra: dict) -> tuple[st.SearchStrategy, ...]:
    """(POST data, uploaded files) for an unbound form, named as the form reads them."""
    fields, files = {**BUTTONS, **extra}, {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.FileField):
            files[key] = st.one_of(UPLOAD, st.lists(UPLOAD, min_size=1, max_size=2))
            fields[key] = NASTY
            if isinstance(field.widget, forms.ClearableFileInput):
                fields[field.widget.clear_checkbox_name(key)] = CHECK
        else:
            fields[key] = field_strategy(field)
    return form_data(fields), st.fixed_dictionaries({}, optional=files)


def multi(values: dict, cls=QueryDict) -> MultiValueDict:
    """What Django's request parser makes of it: a repeated key is a list, never an empty one."""
    result = cls(mutable=True) if cls is QueryDict else cls()
    for key, value in values.items():
        items = value if isinstance(value, list) else [value]
        if items:
            result.setlist(key, items)
    return result


def _money_limits() -> tuple[int, int]:
    """The narrowest DecimalField of our models: every amount a form accepts must fit it."""
    limits = [
        (f.max_digits, f.decimal_places)
        for model in apps.get_models()
        if model.__module__.split(".")[0] in APPS
        for f in model._meta.get_fields()
        if isinstance(f, models.DecimalField)
    ]
    return min(d for d, _p in limits), min(p for _d, p in limits)


MAX_DIGITS, DECIMAL_PLACES = _money_limits()


def assert_consistent(form: forms.BaseForm) -> None:
    """What a valid form hands to a service is what the database and the services can take."""
    unbounded = UNBOUNDED_DATES.get(type(form), frozenset())
    for name, value in form.cleaned_data.items():
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if isinstance(v, str):
                assert "\x00" not in v, name
            if isinstance(v, Decimal):
                assert v.is_finite(), (name, v)
                _sign, digits, exponent = v.as_tuple()
                assert -exponent <= DECIMAL_PLACES, (name, v)
                assert len(digits) + exponent <= MAX_DIGITS - DECIMAL_PLACES, (name, v)
            if isinstance(v, date) and not isinstance(v, datetime) and name not in unbounded:
                assert EARLIEST_DATE <= v <= LATEST_DATE, (name, v)
            if isinstance(v, int) and not isinstance(v, bool):
                assert -(2**31) <= v < 2**31, (name, v)


# --- the tests -----------------------------------------------------------------------------


def test_every_form_class_has_a_registry_entry():
    found = form_classes()

    missing = sorted(label(c) for c in found - set(REGISTRY) - set(EXCLUDED))
    stale = sorted(label(c) for c in (set(REGISTRY) | set(EXCLUDED)) - found)

    assert missing == [], "form classes without an entry in tests/security/form_registry.py"
    assert stale == [], "registry entries for form classes that no longer exist"
    assert set(REGISTRY).isdisjoint(EXCLUDED)


@pytest.mark.parametrize("form_class", sorted(REGISTRY, key=label), ids=label)
def test_form_survives_hostile_input(world, figure, form_class):
    entry = REGISTRY[form_class]
    variants = []
    for kwargs in entry.variants(world):
        data, files = data_strategy(form_class(**kwargs), entry.extra)
        variants.append(st.tuples(st.just(kwargs), data, files))
    tally = {"inputs": 0, "rendered": 0, "new_errors": 0}
    seen_errors: set[frozenset[str]] = set()

    @FUZZ
    @given(example=st.one_of(variants))
    def bind(example):
        kwargs, data, files = example
        # Forms only read; a database error fails the test (no savepoint: it costs 3 ms).
        form = form_class(data=multi(data), files=multi(files, MultiValueDict), **kwargs)
        if form.is_valid():
            assert_consistent(form)
        errors = frozenset(form.errors)
        new = errors not in seen_errors and tally["new_errors"] < NEW_ERRORS
        if new or tally["inputs"] % RENDER_EVERY == 0:
            tally["new_errors"] += new
            seen_errors.add(errors)
            render_crispy_form(form)
            tally["rendered"] += 1
        tally["inputs"] += 1

    bind()

    assert tally["inputs"] >= EXAMPLES
    figure("S1", inputs=tally["inputs"], server_errors=0)
