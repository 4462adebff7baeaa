"""A letter text on a made-up dossier, so an administrator sees it in the PDF before making it
active (issue #26). Nothing here is stored; the dossier is the same every time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation
from django.utils.translation import gettext as _

from budget.enums import Continuation, LetterBlock, LetterKind
from budget.letter_content import amended_facts, placeholder_values, prose
from budget.models import LetterText
from burgerkracht.core.files.pdf import logo_data_url, render_pdf
from burgerkracht.core.models import Municipality
from burgerkracht.core.ui.formatting import euro

_KINDS = {
    LetterBlock.GRANT: LetterKind.GRANT,
    LetterBlock.REJECTION: LetterKind.REJECTION,
    LetterBlock.AMENDMENT: LetterKind.AMENDMENT,
    LetterBlock.AMENDED_AWARD: LetterKind.AMENDMENT,
}


def _sample(kind: str) -> dict:
    person = SimpleNamespace(full_name=_("Example facilitator"), email="begeleider@example.org")
    application = SimpleNamespace(
        on_behalf_of_organisation=False, outcome="granted", reference="SS-2026-0000",
        alternatives=_("Try the wijkbudget of your wijk."), result_difference=_(
            "Neighbours who did not know each other cook and eat together every month."),
        starts_on=date(2026, 3, 1), ends_on=date(2026, 12, 31), is_one_off=False,
        event_on=None, accountability_due=date(2027, 2, 1), extra_agreements="",
        decided_by=SimpleNamespace(full_name=_("Example decision holder"), email=""),
        line=SimpleNamespace(name=_("Example line"), public_name=_("Example line")),
        evaluation_days=[date(2026, 6, 15)],
    )  # fmt: skip
    letter = SimpleNamespace(
        kind=kind, title=LetterKind(kind).label, reason=_("The hall is free later.")
    )
    return {
        "letter": letter, "application": application,
        "initiative": SimpleNamespace(title=_("Cooking together in the wijk"),
                                      facilitator=person, backup_facilitator=None),
        "leads": [], "backup": "", "signs": [SimpleNamespace(text=_("Twenty neighbours join."))],
        "tranches": [(date(2026, 3, 1), euro(Decimal("600"))),
                     (date(2026, 7, 1), euro(Decimal("400")))],
        "amount": euro(Decimal("1000")), "requested": euro(Decimal("1200")),
        "evaluation_dates": application.evaluation_days,
        "decision": SimpleNamespace(reasons=_("The plan brings neighbours together.")),
        "signer": application.decided_by, "line": application.line,
        "recipient_lines": [_("Example resident"), "bewoner@example.org"],
        "reference": application.reference, "subject": _("Example letter"),
        "contact": {"name": person.full_name, "email": person.email, "phone": ""},
    }  # fmt: skip


def _sample_facts() -> dict:
    return {
        "outcome": Continuation.FEWER_MEANS, "outcome_label": Continuation.FEWER_MEANS.label,
        "reasons": _("Fewer neighbours take part than planned."),
        "old_amount": Decimal("1000"), "new_amount": Decimal("800"), "extra_amount": None,
        "reduced_by": Decimal("200"), "cost_line": None,
        "tranches": [(date(2026, 3, 1), Decimal("600"), "paid"),
                     (date(2026, 7, 1), Decimal("200"), "planned")],
        "next_evaluation_on": date(2026, 10, 1), "accountability_due": date(2027, 2, 1),
        "stopped": False,
    }  # fmt: skip


def preview_letter(text: LetterText) -> bytes:
    """The PDF of a letter that uses `text`, in the text's language, on the sample dossier."""
    block = text.block if text.block in _KINDS else LetterBlock.GRANT
    with translation.override(text.language):
        context = _sample(_KINDS[block])
        municipality = Municipality.current()
        amended = block == LetterBlock.AMENDED_AWARD
        facts = _sample_facts() if amended else None
        if amended:
            context["letter"].title = _("Amended award")
        context.update(
            municipality=municipality, logo_url=logo_data_url(municipality),
            objection_weeks=municipality.objection_weeks,
            is_grant=block == LetterBlock.GRANT, is_rejection=block == LetterBlock.REJECTION,
            is_amendment=block in (LetterBlock.AMENDMENT, LetterBlock.AMENDED_AWARD),
            is_amended_award=amended, facts=amended_facts(facts) if facts else None,
            evaluation_on=date(2026, 6, 15) if amended else None,
        )  # fmt: skip
        context.update(prose(block, text.language, placeholder_values(context, facts), text))
        return render_pdf("pdf/application_letter.html", context)
