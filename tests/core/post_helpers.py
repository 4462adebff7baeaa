"""Helpers of the post queue tests (SC-11): residents who get post, and the text of a PDF."""

import pypdfium2 as pdfium

from tests.factories import UserFactory

ADDRESS = {"street_address": "Kerkstraat 12", "postal_code": "1311 AB", "city": "Almere"}


def post_resident(**fields):
    """A resident without e-mail (no login), with a postal address."""
    values = {"full_name": "Gerrit Bakker", **ADDRESS, **fields}
    return UserFactory(role="resident", email=None, verified_email=False, **values)


def pdf_pages_text(content: bytes) -> list[str]:
    document = pdfium.PdfDocument(content)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def item_text(item) -> list[str]:
    with item.pdf.open("rb") as file:
        return pdf_pages_text(file.read())


def initiative_of(resident, **fields):
    """An initiative led by `resident`, who may have no e-mail address (the initiator row
    then has none either)."""
    from initiatives.enums import InitiatorRole
    from tests.factories import InitiativeFactory, InitiatorFactory

    initiative = InitiativeFactory(created_by=resident, lead=False, **fields)
    InitiatorFactory(
        initiative=initiative, user=resident, email=resident.email or "", role=InitiatorRole.LEAD
    )
    return initiative
