"""Reading numbers and days that people typed into a URL or a file."""

from __future__ import annotations

DATABASE_INT_MAX = 2_147_483_647


def whole_number(raw: object) -> int | None:
    """A non-negative whole number written in ASCII digits that fits a database integer, or
    None. `str.isdigit` alone is not enough: "²" passes it and `int("²")` raises, and
    "99999999999" overflows a PostgreSQL integer."""
    text = str(raw if raw is not None else "")
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(DATABASE_INT_MAX))):
        return None
    value = int(text)
    return value if value <= DATABASE_INT_MAX else None


def iso_day(value: object, patterns: tuple[str, ...] = ("%Y-%m-%d", "%d-%m-%Y")) -> str:
    """A day read from a file's cell (a date, a datetime, or text in one of `patterns`) as
    "YYYY-MM-DD", or "" when it cannot be read."""
    from datetime import date, datetime

    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value or "").strip()
    for pattern in patterns:
        try:
            return datetime.strptime(text, pattern).date().isoformat()  # noqa: DTZ007 - a day
        except ValueError:
            continue
    return ""
