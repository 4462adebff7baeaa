"""The retention table covers every model of ours, docs/privacy.md and the privacy page say
what the code does, and RETENTION_DAYS overrides a period."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from burgerkracht.core.privacy import retention

ROOT = Path(__file__).resolve().parents[2]
# Our apps, and the third-party apps that store data about people.
SCOPE = {"core", "accounts", "meetlat", "initiatives", "budget", "advice",
         "sessions", "account", "mfa", "admin"}  # fmt: skip


def models_in_scope() -> set[str]:
    return {
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in SCOPE and not m._meta.abstract and not m._meta.proxy
    }


def test_every_model_is_covered_by_a_kind_or_explained():
    covered = set(retention.covered_fields())
    exempt = set(retention.exemptions())

    assert models_in_scope() - covered - exempt == set()
    assert covered & exempt == set()
    assert (covered | exempt) - models_in_scope() == set()  # no stale labels


def test_every_covered_field_exists_and_every_address_or_file_is_covered():
    """A model the purge handles lists its e-mail and file fields, so a new one is seen."""
    missing = []
    for label, names in retention.covered_fields().items():
        model = apps.get_model(label)
        for name in names:
            model._meta.get_field(name)  # raises for a field that does not exist
        for field in model._meta.concrete_fields:
            if isinstance(field, models.EmailField | models.FileField) and field.name not in names:
                missing.append(f"{label}.{field.name}")

    assert missing == []


def documented_table() -> dict[str, tuple[int, str]]:
    text = (ROOT / "docs" / "privacy.md").read_text()
    table = text.split("<!-- retention-table")[1].split("\n\n")[0]
    rows = {}
    for line in table.splitlines():
        match = re.match(r"\| `(\w+)` \|[^|]+\| (\d+) \|[^|]+\| ([^|]+) \|", line)
        if match:
            rows[match[1]] = (int(match[2]), match[3].strip())
    return rows


def test_docs_list_exactly_the_kinds_and_periods_of_the_code():
    with translation.override("en"):
        code = {
            k.key: (k.default_days, str(k.action.label).split(":")[0]) for k in retention.table()
        }

    assert documented_table() == code


def test_retention_days_overrides_a_period_and_unknown_kinds_fail_the_check(settings):
    settings.RETENTION_DAYS = {"outbox": 30, "no_such_kind": 5}

    assert retention.kind("outbox").days == 30
    assert retention.kind("reminders").days == 365
    assert [e.id for e in retention.check_settings()] == ["burgerkracht.E010"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_privacy_page_shows_the_codes_table(client, language):
    client.cookies["django_language"] = language

    html = client.get(reverse("core:privacy")).content.decode()

    kinds = re.findall(r'data-kind="(\w+)"', html)
    assert kinds == [k.key for k in retention.table()]
    if language == "en":
        assert "3 years" in html and "90 days" in html
