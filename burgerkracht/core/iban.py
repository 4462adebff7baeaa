"""Checking a bank account number (IBAN): python-stdnum's `stdnum.iban` where it is
installed, else the same check done here (the length per country and the ISO 7064 mod 97-10
check digits), so a typo never reaches the finance department."""

from __future__ import annotations

import re

try:  # pragma: no cover - depends on the environment
    from stdnum import iban as _stdnum_iban
except ImportError:  # pragma: no cover
    _stdnum_iban = None

# The IBAN length per country (SWIFT IBAN registry), for the countries of SEPA.
LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
    "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "VA": 22,
}  # fmt: skip


class InvalidIBAN(ValueError):
    """Not a valid IBAN."""


def compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def validate(value: str) -> str:
    """The IBAN in its compact form, or InvalidIBAN."""
    number = compact(value)
    if _stdnum_iban is not None:  # pragma: no cover
        try:
            return _stdnum_iban.validate(number)
        except Exception as error:
            raise InvalidIBAN(str(error)) from error
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", number):
        raise InvalidIBAN("format")
    if LENGTHS.get(number[:2]) != len(number):
        raise InvalidIBAN("length")
    digits = "".join(str(int(c, 36)) for c in number[4:] + number[:4])
    if int(digits) % 97 != 1:
        raise InvalidIBAN("checksum")
    return number


def format(value: str) -> str:
    """In groups of four, as printed on a bank card: ``NL91 ABNA 0417 1643 00``."""
    number = compact(value)
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
