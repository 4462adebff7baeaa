"""Letters to applicants: made once by a worker after publication, stored privately, and
sent as an attachment. A lost task is picked up by the periodic sweep."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from budget import application_steps
from budget.continuation_facts import continuation_facts
from budget.enums import LetterKind
from budget.letter_content import amended_facts, letter_block, placeholder_values, prose
from budget.models import Letter, LetterText
from budget.services.application import initiator_users, link
from budget.services.ledger import euro
from burgerkracht.core.files.pdf import logo_data_url, render_pdf
from burgerkracht.core.messaging.notifications import notify
from burgerkracht.core.models import Municipality
from burgerkracht.core.queueing import enqueue
from burgerkracht.core.required import required

if TYPE_CHECKING:
    from initiatives.models import Initiator


def request_letter(*, letter_pk: int) -> bool:
    return enqueue("budget.generate_letter", letter_pk=letter_pk)


def letter_context(letter: Letter, *, override: LetterText | None = None) -> dict[str, Any]:
    """Everything the letter shows. `override`: an unsaved or inactive LetterText to use
    instead of the active one (the preview)."""
    application = letter.application
    initiative = application.initiative
    lead = next((i for i in initiative.initiators.all() if i.is_active and i.role == "lead"), None)
    tranches = required(application.award).tranches.all() if application.award_id else []
    backup = application_steps.backup(application)
    municipality = Municipality.current()
    evaluation = letter.evaluation if letter.evaluation_id else None
    facts = continuation_facts(evaluation) if evaluation else None
    context = {
        "letter": letter,
        "application": application,
        "initiative": initiative,
        "lead": lead,
        "backup": backup,
        "leads": [lead for lead in application.lead_residents.all() if lead.name],
        "signs": list(application.signs.all()),
        "tranches": [(t.planned_on, euro(t.amount)) for t in tranches],
        "amount": euro(application.granted_amount) if application.granted_amount else "",
        "requested": euro(application.requested_amount) if application.requested_amount else "",
        "evaluation_dates": application.evaluation_days,
        "decision": application.decision,
        "municipality": municipality,
        "objection_weeks": municipality.objection_weeks,
        "is_grant": letter.kind == LetterKind.GRANT,
        "is_rejection": letter.kind == LetterKind.REJECTION,
        "is_amendment": letter.kind == LetterKind.AMENDMENT,
        "is_amended_award": evaluation is not None,
        "facts": amended_facts(facts) if facts else None,
        "evaluation_on": evaluation.planned_on if evaluation else None,
        "signer": (evaluation.decided_by if evaluation else None) or application.decided_by,
        "line": application.line if application.line_id else None,
        **_letterhead(letter, lead),
    }
    values = placeholder_values(context, facts)
    language = translation.get_language() or "nl"
    context.update(prose(letter_block(letter), language[:2], values, override))
    return context


def _letterhead(letter: Letter, lead: Initiator | None) -> dict[str, Any]:
    """What pdf/letter_base.html puts where the envelope's window and the reader look first.

    Residents give no postal address here (data minimisation; the letter goes by e-mail), so
    the address field holds the lead's name, their organisation and their e-mail address;
    for a lead who gets post, their postal address instead."""
    from django.utils.translation import gettext as _

    application, initiative = letter.application, letter.application.initiative
    municipality = Municipality.current()
    user = lead.user if lead else None
    # A lead who gets post (SC-11) has the letter in a window envelope: their address.
    by_post = user is not None and user.gets_post
    recipient = [
        line
        for line in (
            (user.full_name or user.email) if user else _("The initiators"),
            application.organisation_name,
            *(user.postal_lines[1:] if user is not None and by_post else ()),
            _("By e-mail: %(email)s") % {"email": user.email} if user and not by_post else "",
        )
        if line
    ]
    facilitator = initiative.facilitator
    contact = (
        {"name": facilitator.full_name or facilitator.email, "email": facilitator.email,
         "phone": municipality.phone}
        if facilitator
        else {"name": municipality.name, "email": municipality.email, "phone": municipality.phone}
    )  # fmt: skip
    reference = application.reference
    if letter.kind == LetterKind.AMENDMENT:
        reference += f"-W{letter.pk}"
    return {
        "logo_url": logo_data_url(municipality),
        "recipient_lines": recipient,
        "reference": reference,
        "subject": _('Your application for the Samen Sterk budget for "%(title)s"')
        % {"title": initiative.title},
        "contact": contact,
    }


def generate_letter(*, letter_pk: int) -> bool:
    """Render, store and mail the letter once; asking again keeps the stored letter."""
    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related(
                "application__initiative",
                "application__decision",
                "application__award",
                "application__line",
                "evaluation__decision",
                "evaluation__decided_by",
            )
            .get(pk=letter_pk)
        )
        if letter.file:
            return False
        with translation.override("nl"):
            context = letter_context(letter)
            pdf = render_pdf("pdf/application_letter.html", context)
        letter.texts.set(context["texts_used"])
        letter.file.save(f"brief-{letter.pk}.pdf", ContentFile(pdf), save=False)
        letter.generated_at = timezone.now()
        letter.save(update_fields=["file", "generated_at"])
        notify(
            recipients=initiator_users(letter.application), template="budget/letter",
            context={"letter": letter, "application": letter.application,
                     "link": link(letter.application)},
            attachments=[(letter.filename, pdf, "application/pdf")],
        )  # fmt: skip
    return True


def generate_pending_letters(*, limit: int = 100) -> int:
    pks = list(
        Letter.objects.filter(generated_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(generate_letter(letter_pk=pk) for pk in pks)
