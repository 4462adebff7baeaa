"""Checking a bank account number (IBAN) with python-stdnum (the country's length and format,
and the ISO 7064 mod 97-10 check digits), so a typo never reaches the finance department."""

from __future__ import annotations

from stdnum import iban as _stdnum_iban
from stdnum.exceptions import ValidationError


class InvalidIBAN(ValueError):
    """Not a valid IBAN."""


def compact(value: str) -> str:
    return _stdnum_iban.compact(value or "")


def validate(value: str) -> str:
    """The IBAN in its compact form, or InvalidIBAN."""
    try:
        return _stdnum_iban.validate(value or "")
    except ValidationError as error:
        raise InvalidIBAN(str(error)) from error


def format(value: str) -> str:
    """In groups of four, as printed on a bank card: ``NL91 ABNA 0417 1643 00``."""
    return _stdnum_iban.format(value or "")
