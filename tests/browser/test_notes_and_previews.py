"""Internal notes and file previews in the browser: axe finds nothing and no page scrolls
sideways at 1280 and 320 px; the previews load through their view, also without JavaScript."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from budget import notes as application_notes
from budget import services
from budget.enums import ApplicationStatus
from budget.models import Application
from initiatives import notes
from initiatives.models import Initiative
from tests.factories import UserFactory, application_in
from tests.upload_samples import docx, pdf_pages, photo_with_exif

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1280, 320)
PANEL = "Interne aantekeningen (niet zichtbaar voor de bewoner)"
NOTE = "Gebeld met de wijkcoach, zij kent de groep."
LOADED = """() => {
  const images = [...document.querySelectorAll('.portal-file__preview')];
  return images.length > 0 && images.every(img => img.complete && img.naturalWidth > 0);
}"""


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """The application page's decision record needs the Meetlat."""


def at_each_width(page, assert_accessible, label):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{label}: {wide} px wide at {width} px"
        assert_accessible(page, f"{label} at {width} px")


def a_dossier():
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    application = application_in(ApplicationStatus.DRAFT, facilitator=facilitator)
    lead = application.initiative.created_by
    for name, data in (
        ("foto-van-de-buurtmiddag.jpg", photo_with_exif()),
        ("offerte-zaalhuur.pdf", pdf_pages(2)),
        ("begroting.docx", docx()),
    ):
        services.add_attachment(
            application=application, by=lead, upload=SimpleUploadedFile(name, data)
        )
    initiative = Initiative.objects.get(pk=application.initiative_id)
    Initiative.objects.filter(pk=initiative.pk).update(status="active")
    initiative.refresh_from_db()
    return facilitator, lead, initiative, application


def test_notes_and_previews_are_accessible_and_fit(page, login, live_server, assert_accessible):
    facilitator, lead, initiative, application = a_dossier()
    base = live_server.url

    # The resident: the attachments step and the check page show three files, two previews.
    login(lead)
    for url_name in ("budget:attachments", "budget:application-check"):
        page.goto(base + reverse(url_name, args=[application.pk]))
        previews = page.locator(".portal-file__preview")
        expect(previews).to_have_count(2)
        page.wait_for_function(LOADED)
        expect(page.get_by_alt_text("offerte-zaalhuur.pdf")).to_be_visible()
        expect(page.get_by_text("PDF, 2 pagina's, ")).to_be_visible()
        expect(page.get_by_text("Geen voorbeeld")).to_be_visible()
        at_each_width(page, assert_accessible, url_name)

    # The facilitator: the initiative page with a note, the messages apart from the notes.
    services.submit_application(application=application, by=lead)
    application = Application.objects.get(pk=application.pk)
    notes.add_note(by=facilitator, initiative=initiative, text=NOTE)
    application_notes.add_note(by=facilitator, application=application, text=NOTE)
    page.context.clear_cookies()
    login(facilitator)
    page.goto(base + initiative.get_absolute_url())
    panel = page.get_by_role(
        "region", name="Interne aantekeningen (niet zichtbaar voor de bewoner)"
    )
    expect(panel.get_by_text(NOTE)).to_be_visible()
    expect(panel.get_by_role("button", name="Bewaar aantekening")).to_be_visible()
    expect(page.get_by_role("button", name="Stuur bericht aan de bewoner")).to_be_visible()
    at_each_width(page, assert_accessible, "initiative with notes")

    page.goto(base + application.get_absolute_url())
    expect(page.get_by_text(NOTE)).to_be_visible()
    expect(page.locator(".portal-file__preview")).to_have_count(2)
    at_each_width(page, assert_accessible, "application with notes and previews")


def test_previews_show_without_javascript(browser, live_server):
    _facilitator, lead, _initiative, application = a_dossier()
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(lead)
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])  # fmt: skip
    page = context.new_page()
    page.goto(live_server.url + reverse("budget:attachments", args=[application.pk]))
    previews = page.locator(".portal-file__preview")
    expect(previews).to_have_count(2)
    page.wait_for_function(LOADED)
    context.close()
