"""A reason is a sentence (issue #27).

Wherever the portal demands a reason — a recommendation that is not adopted, a Meetlat
reflection, a refused change, a returned application — an empty box, a full stop, an "x" or
"n.v.t." on its own is lip service, not a reason. `is_reason` says whether a text can be one;
forms use `ReasonValidator` (through `core.forms.reason_text`) and services `require_reason`,
so the same rule holds in the browser and behind it.

We do not demand a minimum number of words: "Gezondheid." is a real reason for a resident
who steps down. We refuse what carries no content: nothing, punctuation, one repeated
character, fewer than four letters, and the placeholders people type to get past a form.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Compared after lowering, removing accents and punctuation, and joining words by one space.
PLACEHOLDERS = frozenset(
    {
        "nvt", "n v t", "nb", "n b", "na", "n a", "none", "null", "nil",
        "zie boven", "zie hierboven", "zie onder", "zie hieronder", "zie bijlage", "zie mail",
        "idem", "idem dito", "dito", "tbd", "todo", "test", "testen", "asdf", "qwerty", "abc",
        "geen", "geen reden", "geen idee", "nee", "ja", "ok", "oke", "okay", "onbekend",
        "volgt", "volgt nog", "wordt vervolgd", "later", "daarom", "omdat", "zomaar", "reden",
        "waarom", "why", "because", "leeg", "niets", "niks", "tekst", "bla", "bla bla",
        "blabla", "etc", "enz", "punt", "streepje",
    }
)  # fmt: skip
MIN_LETTERS = 4

_NON_WORD = re.compile(r"[^\w]+")


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain).replace("_", " ").split())


def is_reason(text: str | None) -> bool:
    """True when the text can be a reason: content, not a placeholder."""
    normal = _normalise(text or "")
    letters = [c for c in normal if c.isalpha()]
    if len(letters) < MIN_LETTERS or len(set(letters)) == 1:
        return False
    if normal in PLACEHOLDERS:
        return False
    return not all(word in PLACEHOLDERS or len(set(word)) == 1 for word in normal.split())


DEFAULT_MESSAGE = _(
    "Write in a sentence why. A full stop, a dash, an “x” or “n.v.t.” is not a reason."
)


@deconstructible
class ReasonValidator:
    """Form-field validator; `message` says what is asked ("Write why you do not adopt …")."""

    code = "not_a_reason"

    def __init__(self, message=None):
        self.message = message or DEFAULT_MESSAGE

    def __call__(self, value):
        if not is_reason(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, ReasonValidator) and self.message == other.message


def require_reason(text: str | None, *, message=None, field: str | None = None) -> str:
    """The stripped reason, or ValidationError (on `field` when given) if it is not one."""
    if not is_reason(text):
        error = ValidationError(message or DEFAULT_MESSAGE, code=ReasonValidator.code)
        raise ValidationError({field: error}) if field else error
    return (text or "").strip()
