"""KvK numbers (the Dutch Chamber of Commerce's Handelsregister number): eight digits.

python-stdnum has no module for it (arthurdejong/python-stdnum#297 is open), and the number
carries no check digit, so the check is its form: eight digits, not all zeros, after spaces,
dots and dashes are taken out. The same shape as stdnum's modules (compact, validate,
is_valid), so one can replace this when stdnum gains ``stdnum.nl.kvk``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LENGTH = 8
# A branch (vestigingsnummer) has twelve digits; people often copy that one.
BRANCH_LENGTH = 12


def compact(number: str) -> str:
    """The number without spaces, dots and dashes: "4132 9178" → "41329178"."""
    return re.sub(r"[\s.\-]", "", number or "")


def validate(number: str) -> str:
    """The compact number, or a ValidationError with a message the applicant can act on."""
    digits = compact(number)
    if not digits.isdigit() or not digits.isascii():
        raise ValidationError(
            _("A KvK number has only digits, for example 41329178."), code="kvk_format"
        )
    if len(digits) == BRANCH_LENGTH:
        raise ValidationError(
            _("This looks like a branch number (12 digits). Fill in the KvK number of 8 digits."),
            code="kvk_branch",
        )
    if len(digits) != LENGTH or set(digits) == {"0"}:
        raise ValidationError(
            _("A KvK number has 8 digits, for example 41329178."), code="kvk_length"
        )
    return digits


def is_valid(number: str) -> bool:
    try:
        validate(number)
    except ValidationError:
        return False
    return True
