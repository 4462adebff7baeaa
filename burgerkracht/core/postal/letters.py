"""Letters by post (SC-11): what notify() does for a person who gets their notices on paper.

A resident without e-mail, or one who chose post on their profile, gets the same notice as
the e-mail would have told them: the body of the e-mail template, set as a letter for a
window envelope (pdf/post_letter.html on pdf/letter_base.html) and put in the post queue.
A letter attached to the e-mail (a decision letter) follows that page in the same envelope,
so the address page is its cover. `queue_letter` runs inside the caller's transaction, as the
outbox row does: the queued letter exists exactly when the change it tells about exists, and
the callers that may run twice (the reminders, the letter worker) claim their row first.
"""

from __future__ import annotations

import io
import logging
import re
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation

from burgerkracht.core.enums import PostKind
from burgerkracht.core.files.pdf import RenderedPdf, logo_data_url, pdf_of_html, render_pdf
from burgerkracht.core.models import AuditEvent, Municipality, PostItem
from burgerkracht.core.postal import subjects

logger = logging.getLogger(__name__)

PDF = "application/pdf"
POSTAL_CODE = re.compile(r"^\d{4}\s?[A-Za-z]{2}$")


def has_postal_address(user: Any) -> bool:
    """Street, postal code and town are all there: a letter can reach this person."""
    return bool(user.street_address.strip() and user.postal_code.strip() and user.city.strip())


def queue_letter(
    *,
    user: Any,
    subject: str,
    body: str,
    template: str,
    context: dict[str, Any],
    municipality: Municipality,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> PostItem:
    """Set the notice (`subject`, `body`: the e-mail's text) as a letter for `user` and put
    it in the post queue; `context` is the template's, for what the notice is about."""
    initiative, application = _about(context)
    enclosures = [(name, content) for name, content, mimetype in attachments if mimetype == PDF]
    for name, _content, mimetype in attachments:
        if mimetype != PDF:  # none today: every attachment we send is a PDF letter
            logger.warning("post: attachment %s (%s) is not printed", name, mimetype)
    with translation.override(settings.LANGUAGE_CODE):
        letter = render_pdf(
            "pdf/post_letter.html",
            letter_context(
                user=user, subject=subject, body=body, municipality=municipality,
                initiative=initiative, application=application,
                enclosures=[name for name, _content in enclosures],
            ),
        )  # fmt: skip
    content, pages = envelope_pdf(letter, [content for _name, content in enclosures])
    item = PostItem(
        recipient=user,
        address_lines=user.postal_lines,
        address_missing=not has_postal_address(user),
        subject=subject[:300],
        kind=_kind(template, enclosures),
        pages=pages,
    )
    item.pdf.save(f"brief-{uuid.uuid4().hex}.pdf", ContentFile(content), save=False)
    item.save()
    subjects.link(item, context)  # the apps link it to its initiative, its application
    AuditEvent.record(
        subject=item,
        actor=None,
        action="post.queued",
        data={"template": template, "kind": item.kind, "address_missing": item.address_missing},
    )
    return item


def _kind(template: str, enclosures: list) -> str:
    if template.startswith("reminders/"):
        return PostKind.REMINDER
    return PostKind.LETTER if enclosures else PostKind.NOTICE


def _about(context: dict[str, Any]) -> tuple[Any, Any]:
    """The initiative and the application a notice is about, from its template context, for
    the letterhead's contact and reference (the apps link the item: core.postal.subjects)."""
    application = context.get("application")
    if getattr(getattr(application, "_meta", None), "label", "") != "budget.Application":
        application = None
    initiative = context.get("initiative")
    if getattr(getattr(initiative, "_meta", None), "label", "") != "initiatives.Initiative":
        initiative = application.initiative if application is not None else None
    return initiative, application


def letter_context(
    *,
    user: Any,
    subject: str,
    body: str,
    municipality: Municipality,
    initiative: Any = None,
    application: Any = None,
    enclosures: Sequence[str] = (),
) -> dict[str, Any]:
    """What pdf/post_letter.html needs: the letterhead of pdf/letter_base.html and the text."""
    from django.utils.translation import gettext as _

    facilitator = getattr(initiative, "facilitator", None)
    contact = (
        {"name": facilitator.full_name or facilitator.email, "email": facilitator.email,
         "phone": municipality.phone}
        if facilitator is not None
        else {"name": municipality.name, "email": municipality.email, "phone": municipality.phone}
    )  # fmt: skip
    lines = user.postal_lines if has_postal_address(user) else [_("ADDRESS MISSING")]
    return {
        "municipality": municipality,
        "logo_url": logo_data_url(municipality),
        "recipient_lines": lines,
        "reference": getattr(application or initiative, "reference", "") or "",
        "subject": subject,
        "contact": contact,
        "paragraphs": [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()],
        "enclosures": list(enclosures),
    }


def envelope_pdf(letter: RenderedPdf, enclosures: Sequence[bytes]) -> tuple[bytes, int]:
    """The notice and what goes in its envelope, as one PDF; returns it and its pages. The
    enclosures we made (a decision letter) are set again with the notice as one document,
    so the PDF keeps its tags (PDF/UA); another PDF has its pages copied behind it."""
    htmls = [getattr(part, "html", "") for part in (letter, *enclosures)]
    if enclosures and all(htmls):
        return merge_pdfs([pdf_of_html(htmls)])
    return merge_pdfs([letter, *enclosures])


def merge_pdfs(parts: Sequence[bytes]) -> tuple[bytes, int]:
    """One PDF of `parts` in order, each starting on a new page; returns it and its pages.
    A single part is returned as it is: copying its pages would drop its tags (PDF/UA)."""
    import pypdfium2 as pdfium  # a native library: imported where it is used

    if len(parts) == 1:
        source = pdfium.PdfDocument(parts[0])
        pages = len(source)
        source.close()
        return parts[0], pages
    merged = pdfium.PdfDocument.new()
    for part in parts:
        source = pdfium.PdfDocument(part)
        merged.import_pages(source)
        source.close()
    buffer = io.BytesIO()
    merged.save(buffer)
    pages = len(merged)
    merged.close()
    return buffer.getvalue(), pages
