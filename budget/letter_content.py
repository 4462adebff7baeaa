"""The prose of a letter from the municipality's texts, and the facts it names (issue #26).

The template keeps the structure (letterhead, tables of payments, lists of signs); the
paragraphs an administrator can word differently come from the active `LetterText` of each
block, or from the built-in default when a block has no version (a fresh test database)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from budget.enums import LetterBlock, LetterKind
from budget.letter_defaults import default_text
from budget.letter_placeholders import render_text
from budget.models import LetterText
from burgerkracht.core.ui.formatting import euro

STATE_LABELS = {
    "paid": _("paid"),
    "withheld": _("will not be paid"),
    "waiting": _("waits for an evaluation"),
    "planned": _("will be paid"),
    "released": _("will be paid"),
    "ordered": _("payment order sent"),
}


def letter_block(letter) -> str:
    if letter.kind == LetterKind.AMENDMENT and letter.evaluation_id:
        return LetterBlock.AMENDED_AWARD
    return {
        LetterKind.GRANT: LetterBlock.GRANT,
        LetterKind.REJECTION: LetterBlock.REJECTION,
        LetterKind.AMENDMENT: LetterBlock.AMENDMENT,
    }[letter.kind]


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def placeholder_values(ctx: dict, facts: dict | None = None) -> dict[str, str]:
    """Every placeholder's value for this dossier: empty where a fact does not apply."""
    application, municipality = ctx["application"], ctx["municipality"]
    signer = ctx.get("signer")
    facts = facts or {}
    line = getattr(application, "line", None)
    return {
        "titel": ctx["initiative"].title,
        "bedrag": ctx["amount"],
        "gevraagd_bedrag": ctx["requested"],
        "budgetlijn": line.public_name if line else "",
        "startdatum": _day(application.starts_on),
        "einddatum": _day(application.ends_on),
        "verantwoording_uiterlijk": _day(
            facts.get("accountability_due") or application.accountability_due
        ),
        "bezwaartermijn_weken": str(municipality.objection_weeks),
        "gemeente": municipality.name,
        "postadres": municipality.postal_address,
        "website": municipality.website,
        "referentie": ctx["reference"],
        "reden": ctx["letter"].reason,
        "ondertekenaar": (signer.full_name or signer.email) if signer else "",
        "besluit": str(facts.get("outcome_label", "")).lower(),
        "evaluatiedatum": _day(ctx.get("evaluation_on")),
        "oud_bedrag": euro(facts["old_amount"]) if facts.get("old_amount") is not None else "",
        "nieuw_bedrag": euro(facts["new_amount"]) if facts.get("new_amount") is not None else "",
        "volgende_evaluatie": _day(facts.get("next_evaluation_on")),
    }


def prose(block: str, language: str, values: dict, override: LetterText | None = None) -> dict:
    """The HTML of the letter's own block, the objection and the closing, and the versions
    used (to record on the letter)."""
    wanted = [block, LetterBlock.OBJECTION, LetterBlock.CLOSING]
    active = {
        t.block: t
        for t in LetterText.objects.filter(language=language, is_active=True, block__in=wanted)
    }
    if override is not None:
        active[override.block] = override
    html = {}
    for name in wanted:
        text = active.get(name)
        html[name] = render_text(text.body if text else default_text(name, language), values)
    return {
        "intro_html": html[block],
        "objection_html": html[LetterBlock.OBJECTION],
        "closing_html": html[LetterBlock.CLOSING],
        "texts_used": [t for t in active.values() if t.pk],
    }


def amended_facts(facts: dict) -> dict:
    """The continuation facts as the letter shows them: amounts in euros, dates in words."""
    cost_line = facts.get("cost_line")
    return {
        "outcome": facts["outcome"],
        "outcome_label": facts["outcome_label"],
        "reasons": facts["reasons"],
        "old_amount": euro(facts["old_amount"]),
        "new_amount": euro(facts["new_amount"]),
        "amount_changed": facts["old_amount"] != facts["new_amount"],
        "extra_amount": euro(facts["extra_amount"]) if facts.get("extra_amount") else "",
        "reduced_by": euro(facts["reduced_by"]) if facts.get("reduced_by") else "",
        "cost_line": (
            {
                "description": cost_line["description"],
                "old": euro(cost_line["old"]),
                "new": euro(cost_line["new"]),
            }
            if cost_line
            else None
        ),
        "tranches": [
            (planned_on, euro(amount), STATE_LABELS.get(state, state))
            for planned_on, amount, state in facts["tranches"]
        ],
        "next_evaluation_on": facts.get("next_evaluation_on"),
        "accountability_due": facts.get("accountability_due"),
        "stopped": facts.get("stopped", False),
    }
