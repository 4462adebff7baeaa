"""The facilitator keeps an internal note beside a message to the resident; the resident sees
the message and never the note, and sees previews of the photo and the PDF they upload."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import InitiativeFactory, UserFactory, filled_application, open_line
from tests.journeys.steps_common import (
    IMAGE_LOADED,
    log_out,
    login_through_form,
    no_horizontal_scroll,
)
from tests.upload_samples import pdf_pages, photo_with_exif

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

NOTE = "Gebeld met de wijkcoach, zij kent de groep."
MESSAGE = "Fijn dat jullie starten! Zullen we volgende week bellen over de zaal?"
PANEL = "Interne aantekeningen (niet zichtbaar voor de bewoner)"


def test_facilitator_keeps_internal_notes(page, stack, assert_accessible, tmp_path):
    base = stack.url
    line, _holder = open_line(allocation="5000.00", name="Stedelijk")
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    lead = UserFactory(role="resident", full_name="Anna de Vries")
    initiative = InitiativeFactory(
        created_by=lead, active=True, facilitator=facilitator, title="Buurtkoor De Linde"
    )
    application = filled_application(line=line, initiative=initiative)

    # The facilitator, through the real login form (with her authenticator code).
    login_through_form(page, base, facilitator.email)
    page.goto(base + initiative.get_absolute_url())
    panel = page.get_by_role("region", name=PANEL)
    panel.get_by_label("Interne aantekening").fill(NOTE)
    panel.get_by_role("button", name="Bewaar aantekening").click()
    expect(page.get_by_text("De aantekening is bewaard.")).to_be_visible()
    expect(page.get_by_role("region", name=PANEL).get_by_text(NOTE)).to_be_visible()

    messages = page.locator("#berichten")
    messages.get_by_label("Je bericht aan de bewoners").fill(MESSAGE)
    messages.get_by_role("button", name="Stuur bericht aan de bewoner").click()
    expect(page.get_by_text("Je bericht is verstuurd.")).to_be_visible()
    expect(page.locator("#berichten").get_by_text(MESSAGE)).to_be_visible()
    assert_accessible(page, "initiative with a note and a message")
    log_out(page)

    # The resident: the message is there, the note nowhere.
    login_through_form(page, base, lead.email)
    page.goto(base + initiative.get_absolute_url())
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    body = page.content()
    assert "wijkcoach" not in body
    assert "aantekening" not in body.lower()
    page.goto(base + "/mijn/")
    assert "wijkcoach" not in page.content()

    # The resident adds a photo and a quote to the application and sees both previews.
    photo, quote = tmp_path / "foto-repetitie.jpg", tmp_path / "offerte-zaal.pdf"
    photo.write_bytes(photo_with_exif())
    quote.write_bytes(pdf_pages(2))
    page.goto(base + reverse("budget:attachments", args=[application.pk]))
    for path in (photo, quote):
        page.get_by_label("Een bestand toevoegen").set_input_files(str(path))
        page.get_by_role("button", name="Bestand toevoegen", exact=True).click()
        expect(page.get_by_text("Het bestand is toegevoegd.")).to_be_visible()
    for name in ("foto-repetitie.jpg", "offerte-zaal.pdf"):
        preview = page.get_by_alt_text(name)
        expect(preview).to_be_visible()
        # Loaded through the permission-checked view: a real picture, not a broken image.
        page.wait_for_function(IMAGE_LOADED, arg=name)
    expect(page.get_by_text("PDF, 2 pagina's, ")).to_be_visible()
    assert_accessible(page, "attachments with previews")
    no_horizontal_scroll(page)
