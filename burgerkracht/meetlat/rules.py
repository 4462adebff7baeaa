"""The rules a Meetlat answer and a reflection follow, shared by the forms and the services
(issue #27, SC-17): every answer carries a short reflection — "fully" too — and a reason is a
sentence (`core.validation.reasons`), so "." or "n.v.t." alone is refused, naming the principle."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from burgerkracht.meetlat.enums import REFLECTION_PRINCIPLE, MeetlatAnswer

# The later reflection (principle 6) is proposed this long after the decision; the person
# who prepares it may choose another date (decision record 0018).
REFLECTION_AFTER = timedelta(days=182)
# A reflection shows up on the owner's dashboard and "Mijn taken" this long before its date.
REFLECTION_AHEAD = timedelta(days=30)


def answer_message(number: int, heading: str, answer: str) -> str:
    """The refusal of an answer without a real reflection, naming the principle: the error
    summary lists it far from its fieldset."""
    if answer == MeetlatAnswer.NOT_APPLICABLE:
        return _(
            "Principle %(number)s, %(heading)s: write in a sentence why this principle does not "
            "apply to this decision."
        ) % {"number": number, "heading": heading}
    return _(
        "Principle %(number)s, %(heading)s: write briefly how this decision honours this principle."
    ) % {"number": number, "heading": heading}


def reflection_date_message() -> str:
    return _("Principle %(number)s: choose the date of the later reflection.") % {
        "number": REFLECTION_PRINCIPLE
    }


def proposed_reflection_date(today: date) -> date:
    return today + REFLECTION_AFTER
