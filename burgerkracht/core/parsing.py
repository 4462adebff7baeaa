"""Reading numbers that people (or anybody's browser) typed into a URL."""

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
