from types import SimpleNamespace

import pytest
from django.utils import timezone

from burgerkracht.core.references import (
    APPLICATION,
    INITIATIVE,
    Reference,
    parse_reference,
    reference,
)


def test_reference_has_prefix_year_and_padded_key():
    obj = SimpleNamespace(pk=42, created_at=timezone.datetime(2026, 3, 1))
    assert reference(APPLICATION, obj) == "SS-2026-00042"
    assert reference(INITIATIVE, obj) == "BI-2026-00042"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SS-2026-00042", Reference("SS", 42)),
        (" ss 2026-42 ", Reference("SS", 42)),
        ("bi-7", Reference("BI", 7)),
        ("BI2026-123456", Reference("BI", 123456)),
        ("XX-2026-1", None),
        ("speeltuin", None),
        ("", None),
        ("SS-2026-", None),
    ],
)
def test_parse_reference(text, expected):
    assert parse_reference(text) == expected
