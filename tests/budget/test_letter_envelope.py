"""The decision letter goes in a window envelope (issue #24): the municipality's logo, the
address where a C5/6 window shows it (NEN 1026), the reference number, the date, the legal
basis as the administrator set it, the contact person — and still PDF/UA-1."""

import io
import subprocess

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from budget.enums import ApplicationStatus
from budget.services.letters import generate_letter
from burgerkracht.core.files.uploads import rasterise_svg
from burgerkracht.core.models import Municipality
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db
MM = 72 / 25.4  # PDF points per millimetre
LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80">'
    b'<rect width="80" height="80" fill="#1d4f91"/>'
    b'<text x="92" y="52" font-size="30" font-family="sans-serif">Gemeente</text></svg>'
)


def pdftotext(pdf: bytes, *crop: float) -> str:
    """The text, or the text inside the crop (x, y, width, height in mm from the top left)."""
    args = ["pdftotext", "-layout", "-f", "1", "-l", "1"]
    if crop:
        x, y, w, h = (round(value * MM) for value in crop)
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    result = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def municipality():
    municipality = Municipality.objects.create(
        name="Gemeente Rivierstad",
        postal_address="Postbus 100, 1234 AB Rivierstad",
        phone="14 030",
        email="info@rivierstad.example",
        subsidy_regulation="Subsidieregeling Samen Sterk Rivierstad 2026, artikel 4",
    )
    municipality.logo.save("logo.png", ContentFile(rasterise_svg(LOGO_SVG)))
    Municipality.forget_current()
    return municipality


def test_the_grant_letter_fits_the_window_envelope(
    municipality, django_capture_on_commit_callbacks, tmp_path
):
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    with django_capture_on_commit_callbacks(execute=True):
        application = application_in(ApplicationStatus.GRANTED, facilitator=facilitator)
    letter = application.letters.get()
    generate_letter(letter_pk=letter.pk)
    letter.refresh_from_db()
    pdf = letter.file.read()
    lead = application.initiative.created_by

    text = pdftotext(pdf)
    assert application.reference in text
    assert "Subsidieregeling Samen Sterk Rivierstad 2026, artikel 4" in text
    assert "Femke Jansen" in text and facilitator.email in text and "14 030" in text
    assert "Postbus 100, 1234 AB Rivierstad" in text
    # The address field of a C5/6 window envelope: 85 by 40 mm at 20 mm from the left, 50 mm
    # from the top. The recipient is in it; the letter's body is not.
    window = pdftotext(pdf, 20, 50, 85, 40)
    assert (lead.full_name or lead.email) in window
    assert "Retouradres" in window
    assert "Beste" not in window
    # The logo is an image on the first page; the PDF is still tagged PDF/UA-1.
    reader = PdfReader(io.BytesIO(pdf))
    assert list(reader.pages[0].images)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"] == {"/Marked": True}
    assert "/StructTreeRoot" in catalog
    (tmp_path / "letter.pdf").write_bytes(pdf)  # to look at: pytest --basetemp=…
