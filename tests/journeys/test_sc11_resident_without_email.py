"""SC-11: a professional registers an initiative and a Samen Sterk application together with a
resident who has no e-mail address, records the consent and prints the consent form; the
facilitator sees the channel and the professional; later the resident takes over the account
with the code from the claim letter, and finds the initiative after logging in."""

import re

import pypdfium2
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget import services as budget_services
from budget.models import Application
from initiatives import services as initiative_services
from initiatives.models import Initiative
from tests.factories import STEP_DATA, UserFactory, open_line
from tests.journeys.steps_common import (
    link_in,
    log_out,
    login_through_form,
    mail_to,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

TITLE = "Koffie op het plein"
RESIDENT_EMAIL = "fatima.bakr@example.org"
NEW_PASSWORD = "Koffie-op-het-plein-2027"


def _pdf_text(path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_sc11_professional_registers_with_a_resident_without_email(
    page, stack, smtp_sink, assert_accessible, tmp_path
):
    base = stack.url
    line, _holder = open_line(allocation="5000.00", name="Stedelijk")
    budget_services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    professional = UserFactory(role="professional", full_name="Wim de Wijkcoach")
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    coordinator = UserFactory(role="facilitator_coordinator")

    # The professional starts the registration and says it came in by phone.
    login_through_form(page, base, professional.email)
    page.goto(base + reverse("initiatives:new"))
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=summary]").fill("Elke week koffie en een praatje op het plein.")
    page.locator("[name=theme]").first.check()
    page.get_by_label("telefonisch").check()
    page.get_by_role("button", name="Opslaan en later verder").click()
    initiative = Initiative.objects.get(title=TITLE)

    # The resident has no e-mail: name and address, and the consent recorded.
    page.get_by_role("link", name="Vul dan de naam en het adres van de bewoner in").click()
    page.get_by_label("Naam van de bewoner").fill("Fatima Bakr")
    page.get_by_label("Straat en huisnummer").fill("Stadhuisplein 1")
    page.get_by_label("Postcode").fill("1315 HR")
    page.get_by_label("Plaats").fill("Almere")
    page.get_by_label("De bewoner heeft toestemming gegeven").check()
    assert_accessible(page, "resident without e-mail")
    no_horizontal_scroll(page)
    page.get_by_role("button", name="Bewoner opslaan").click()
    expect(page.get_by_text("Je hebt de toestemming vastgelegd").first).to_be_visible()

    # The consent form to sign: a PDF with the resident's name and the initiative.
    with page.expect_download() as download:
        page.get_by_role("link", name="Toestemmingsformulier om te tekenen (pdf)").click()
    consent = tmp_path / "toestemming.pdf"
    download.value.save_as(consent)
    text = _pdf_text(consent)
    assert "Toestemmingsformulier" in text and "Fatima Bakr" in text and TITLE in text

    # The application, on the resident's behalf: start, fill in, send in.
    page.goto(base + reverse("budget:application-new"))
    page.get_by_label(TITLE).check()
    page.get_by_role("button", name="Begin je aanvraag").click()
    application = Application.objects.get(initiative=initiative)
    for step, data in STEP_DATA.items():  # the steps themselves are other journeys' subject
        budget_services.save_application_step(
            application=application, by=professional, step=step, data=data
        )
    page.goto(base + reverse("budget:application-check", args=[application.pk]))
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text(application.reference).first).to_be_visible()
    page.goto(base + reverse("budget:my-applications"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    log_out(page)

    # The facilitator sees how it came in and who helped, on both pages.
    initiative_services.assign_facilitators(
        initiative=initiative, by=coordinator, facilitator=facilitator, backup=None
    )
    login_through_form(page, base, facilitator.email)
    for url in (initiative.get_absolute_url(), application.get_absolute_url()):
        page.goto(base + url)
        expect(page.get_by_test_id("channel")).to_have_text("telefonisch")
        expect(page.get_by_test_id("assisted-by")).to_have_text("Wim de Wijkcoach")
    assert_accessible(page, "application with the registration")

    # The facilitator prints the claim letter with a new code.
    page.goto(base + initiative.get_absolute_url())
    page.get_by_role("link", name="Brief waarmee de bewoner het account overneemt").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Maak de code en de brief (pdf)").click()
    letter = tmp_path / "overnemen.pdf"
    download.value.save_as(letter)
    # The code is printed letter-spaced; text extraction reads a space before some glyphs.
    code_line = _pdf_text(letter).split("Je code", 1)[1].strip().splitlines()[0]
    code = re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", re.sub(r"\s", "", code_line))[0]
    log_out(page)

    # The resident takes over with the code and their own e-mail address.
    page.context.clear_cookies()
    page.goto(base + "/account/overnemen/")
    page.get_by_label("Je code").fill(code.lower())
    page.get_by_label("Je e-mailadres").fill(RESIDENT_EMAIL)
    page.get_by_role("button", name="Stuur mij de link").click()
    expect(page.get_by_text(f"We hebben een link gestuurd naar {RESIDENT_EMAIL}")).to_be_visible()
    message = mail_to(smtp_sink, RESIDENT_EMAIL, subject="account over te nemen")
    page.goto(link_in(message, base, containing="/account/overnemen/"))
    expect(page.get_by_role("heading", name="Kies je wachtwoord")).to_be_visible()
    page.locator("[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Mijn account overnemen").click()
    expect(page.get_by_text("Je account is nu van jou")).to_be_visible()

    # The same account: the resident logs in and finds the initiative.
    login_through_form(page, base, RESIDENT_EMAIL, NEW_PASSWORD)
    page.goto(base + "/mijn/")
    expect(page.get_by_text(TITLE).first).to_be_visible()
    page.goto(base + initiative.get_absolute_url())
    expect(page.get_by_test_id("assisted-by")).to_have_text("Wim de Wijkcoach")
