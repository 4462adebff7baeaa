"""Version 1 of every letter text: the wording the letters had before the municipality could
edit them (issue #26), taken from the translations, so a fresh install reads as before."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from budget.enums import LetterBlock

# The sentences as they were in templates/pdf/application_letter.html, kept here so the
# translations stay in the catalogue.
_SENTENCES = {
    LetterBlock.GRANT: [
        gettext_noop('Good news: you get money from the Samen Sterk budget for "%(title)s".'),
    ],
    LetterBlock.REJECTION: [
        gettext_noop(
            'You asked for money from the Samen Sterk budget for "%(title)s". We are sorry: you '
            "do not get this money."
        ),
    ],
    LetterBlock.AMENDMENT: [
        gettext_noop(
            'We have changed the agreements about your grant for "%(title)s". This letter gives '
            "the new agreements. Everything that is not mentioned stays the same."
        ),
    ],
    LetterBlock.AMENDED_AWARD: [
        gettext_noop(
            'On %(date)s we looked back together on "%(title)s". After that evaluation we '
            "decided: %(decision)s. This letter gives the new agreements. Everything that is "
            "not mentioned stays the same."
        ),
    ],
    LetterBlock.OBJECTION: [
        gettext_noop(
            "Do you disagree with this decision? Then you can send an objection (bezwaar) to the "
            "college of mayor and aldermen of %(name)s, within %(weeks)s weeks after the date of "
            "this letter."
        ),
        gettext_noop(
            "Write down your name and address, the date, our reference, why you disagree, and "
            "sign the letter."
        ),
        gettext_noop("Send it to: %(address)s."),
        gettext_noop("You can also object online through %(website)s."),
        gettext_noop(
            "Would you rather talk first? Call or e-mail your contact person: often we can solve "
            "it together."
        ),
    ],
    LetterBlock.CLOSING: [
        gettext_noop("Kind regards,"),
        gettext_noop("on behalf of the college of mayor and aldermen of %(name)s"),
    ],
}
_NAMES = {
    "title": "{titel}", "name": "{gemeente}", "weeks": "{bezwaartermijn_weken}",
    "address": "{postadres}", "website": "{website}", "date": "{evaluatiedatum}",
    "decision": "{besluit}",
}  # fmt: skip


def default_text(block: str, language: str) -> str:
    with translation.override(language):
        sentences = [_(s) % _NAMES if "%(" in s else _(s) for s in _SENTENCES[block]]
    if block == LetterBlock.CLOSING:
        kind_regards, on_behalf = sentences
        return f"{kind_regards}\n{{ondertekenaar}}\n{on_behalf}"
    return " ".join(sentences)
