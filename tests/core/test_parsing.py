import pytest

from burgerkracht.core.validation.parsing import DATABASE_INT_MAX, whole_number


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("2026", 2026),
        ("0", 0),
        (str(DATABASE_INT_MAX), DATABASE_INT_MAX),
        (12, 12),
        (str(DATABASE_INT_MAX + 1), None),
        ("99999999999999999999", None),
        ("²", None),
        ("١٢", None),
        ("-1", None),
        (" 1", None),
        ("1.0", None),
        ("", None),
        (None, None),
    ],
)
def test_only_ascii_whole_numbers_that_fit_the_database_are_numbers(raw, number):
    assert whole_number(raw) == number
