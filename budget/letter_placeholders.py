"""The facts of a dossier a letter text may name, between braces (issue #26).

A text is plain text: what an administrator types is escaped, an empty line starts a
paragraph and a line break stays a line break, so an edit can never break the PDF or put
markup in it. Only the names below are allowed, written as {name}; anything else (an unknown
name, a lone brace, a format like {bedrag:>10} or {titel.upper}) is refused when saving."""

from __future__ import annotations

import re
import string

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLACEHOLDERS = {
    "titel": gettext_lazy("the title of the initiative"),
    "bedrag": gettext_lazy("the amount granted"),
    "gevraagd_bedrag": gettext_lazy("the amount asked for"),
    "budgetlijn": gettext_lazy("the budget line the money comes from"),
    "startdatum": gettext_lazy("the first day of the activity"),
    "einddatum": gettext_lazy("the last day of the activity"),
    "verantwoording_uiterlijk": gettext_lazy("the last day to account for the money"),
    "bezwaartermijn_weken": gettext_lazy("the objection term in weeks"),
    "gemeente": gettext_lazy("the name of the municipality"),
    "postadres": gettext_lazy("the postal address of the municipality"),
    "website": gettext_lazy("the website of the municipality"),
    "referentie": gettext_lazy("the reference of the letter"),
    "reden": gettext_lazy("why the agreements change (amendment letters)"),
    "ondertekenaar": gettext_lazy("who decided and signs"),
    "besluit": gettext_lazy("the decision after the evaluation"),
    "evaluatiedatum": gettext_lazy("the date of the evaluation"),
    "oud_bedrag": gettext_lazy("the grant before the evaluation"),
    "nieuw_bedrag": gettext_lazy("the grant after the evaluation"),
    "volgende_evaluatie": gettext_lazy("the date of the next evaluation"),
}
_PARAGRAPH = re.compile(r"\n[ \t]*\n+")


def placeholders_in(text: str) -> list[str]:
    """The names a text uses; raises ValidationError (in Dutch) when it cannot be read."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        raise ValidationError(
            _(
                "A brace is not closed or not opened. Put only the name of a fact between "
                "braces, for example {titel}."
            ),
            code="braces",
        ) from error
    names = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if spec or conversion or name not in PLACEHOLDERS:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (
                f":{spec}" if spec else "") + "}"  # fmt: skip
            raise ValidationError(
                _("%(name)s is not a fact a letter can name. You can use: %(allowed)s.")
                % {"name": shown, "allowed": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)},
                code="unknown",
            )
        names.append(name)
    return names


def validate_letter_text(text: str) -> None:
    placeholders_in(text)
    if not text.strip():
        raise ValidationError(_("A letter text cannot be empty."), code="empty")


def render_text(text: str, values: dict[str, str]) -> SafeString:
    """The text with the dossier's facts filled in, escaped, as HTML paragraphs."""
    placeholders_in(text)  # a stored text was validated; this keeps a bad one from the PDF
    filled = text.replace("\r\n", "\n").format_map(
        {name: str(values.get(name, "")) for name in PLACEHOLDERS}
    )
    paragraphs = [p.strip() for p in _PARAGRAPH.split(filled) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece is escaped above
