"""How amounts and dates are shown to a person: in the active language (decision 0009).

`euro` is the one money format of the portal (templates use it through the `euro` filter of
`portal_format`); `day` is the one date format (Django's DATE_FORMAT of the language:
"15 april 2027", "April 15, 2027"). Exports for machines (CSV, XLSX, JSON) keep ISO dates and
plain decimals and do not use these.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format


def euro(amount: Decimal | int | float | None, decimals: int = 2) -> str:
    """ "€ 2.500,00" in Dutch, "€ 2,500.00" in English; "" for no amount."""
    if amount is None or amount == "":
        return ""
    return "€ " + number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def day(value: date | None) -> str:
    """ "15 april 2027" in Dutch, "April 15, 2027" in English; "" for no date."""
    return "" if value is None else date_format(value, "DATE_FORMAT")
