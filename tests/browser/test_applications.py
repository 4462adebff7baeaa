"""Samen Sterk applications in the browser: the whole flow with and without JavaScript
(resident, facilitator, decision holder, resident again with the letter), and 0 axe-core
violations on every application page for every role."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from budget import services
from budget.enums import ApplicationStatus
from budget.models import Application
from burgerkracht.accounts.roles import Role
from tests.factories import (
    InitiativeFactory,
    UserFactory,
    application_in,
    decide,
    filled_application,
    open_line,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = ApplicationStatus


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """The decision record needs the Meetlat."""


def test_the_whole_flow(browser_page, live_server, tmp_path):
    page, login_as, check = browser_page
    line, holder = open_line(allocation="5000.00", name="Kwetsbare ouderen")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(submitted=True, facilitator=facilitator, title="Dementiekoor")
    login_as(initiative.created_by)

    # The resident starts, makes a mistake, leaves halfway, comes back and sends it in.
    page.goto(live_server.url + reverse("budget:application-new"))
    check("new")
    page.get_by_label("Dementiekoor").check()
    page.get_by_role("button", name="Begin je aanvraag").click()
    expect(page).to_have_title(re.compile("^Stap 1 van 6"))
    check("step 1")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page).to_have_title(re.compile("^Fout: Stap 1 van 6"))
    check("step 1 errors")
    page.get_by_label("Wie gaan er meedoen?").fill("Mensen met dementie en hun familie.")
    page.get_by_label("Hoe gaan zij meedoen en erbij horen?").fill("Ze zingen elke week.")
    page.get_by_label("Wat wordt er anders?").fill("Ze ontmoeten lotgenoten.")
    page.get_by_label("Teken 1: waaraan merkt iedereen het?").fill("Twaalf mensen komen.")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page).to_have_title(re.compile("^Stap 2 van 6"))
    page.get_by_label("Wat is het doel?").fill("Lotgenotencontact en eigenwaarde.")
    page.get_by_role("button", name="Opslaan en later verder").click()
    check("application page with task list")
    page.get_by_role("link", name=re.compile("^Stap 2: ")).click()
    assert (
        page.get_by_label("Wat is het doel?").input_value() == "Lotgenotencontact en eigenwaarde."
    )
    page.get_by_label("Wat is het middel?").fill("Zingen in een koor.")
    page.get_by_role("button", name="Opslaan en verder").click()
    check("step 3")
    page.get_by_label("Hoeveel mensen denk je dat er meedoen?").fill("12")
    page.get_by_role("button", name="Opslaan en verder").click()
    check("step 4")
    page.get_by_label("Kostenpost 1: waarvoor?").fill("Dirigent")
    page.get_by_label("Kostenpost 1: bedrag in euro").fill("900")
    page.get_by_label("Hoeveel vraag je aan Samen Sterk, in euro?").fill("1000")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page).to_have_title(re.compile("^Fout: Stap 4 van 6"))
    check("step 4 errors")
    page.get_by_label("Hoeveel vraag je aan Samen Sterk, in euro?").fill("850,50")
    page.get_by_role("button", name="Opslaan en verder").click()
    check("step 5")
    page.get_by_label("Wanneer begin je?").fill("2027-02-01")
    page.get_by_label("Tot wanneer loopt het?").fill("2027-12-01")
    page.get_by_label("E-mailadres van je vervanger").fill("buurman@example.org")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page).to_have_title(re.compile("^Stap 6 van 6"))
    check("step 6")
    quote = tmp_path / "offerte.pdf"
    quote.write_bytes(b"%PDF-1.4 offerte van de dirigent")
    page.get_by_label("Een bestand toevoegen").set_input_files(str(quote))
    page.get_by_role("button", name="Bestand toevoegen", exact=True).click()
    expect(page.get_by_role("link", name="offerte.pdf", exact=True)).to_be_visible()
    page.get_by_role("link", name="Verder: controleren en versturen").click()
    check("check")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Ingediend").first).to_be_visible()
    application = Application.objects.get(initiative=initiative)
    assert application.status == S.SUBMITTED

    # The facilitator checks the legal, administrative and financial side.
    login_as(facilitator)
    page.goto(live_server.url + reverse("budget:queue"))
    check("queue")
    page.get_by_role("link", name="Dementiekoor").click()
    page.get_by_role("link", name="Aanvraag toetsen").first.click()
    check("assess")
    page.get_by_label("De aanvraag is volledig").check()
    page.get_by_label("Juridische toets").fill("Geen vergunning nodig.")
    page.get_by_label("Administratieve toets").fill("Vervanger is genoemd.")
    page.get_by_label("Financiële toets").fill("De begroting klopt.")
    page.get_by_label("Het ene criterium, getoetst aan hun eigen resultaatbeschrijving").fill(
        "Mensen met dementie ontmoeten lotgenoten: dat is het doel, zingen het middel."
    )
    page.get_by_label("Budgetlijn").select_option(label=str(line))
    page.get_by_role("button", name="De toets opslaan").click()
    page.get_by_role("button", name="Naar de budgethouders met zeggenschap sturen").click()
    check("complete")
    page.get_by_role("button", name="Naar de budgethouders met zeggenschap sturen").click()
    application.refresh_from_db()
    assert application.status == S.AWAITING_DECISION

    # The decision holder decides; the Meetlat is filled in on its own pages.
    login_as(holder)
    page.goto(live_server.url + reverse("budget:decide", args=[application.pk]))
    check("decide")
    page.get_by_label("Toekennen", exact=True).check()
    page.get_by_label(re.compile("^Bedrag in euro")).fill("850,50")
    page.get_by_label("Motivering").fill("Het doel is lotgenotencontact; het koor is het middel.")
    page.get_by_label("Evaluatie 1 met bezoek").fill("2027-05-01")
    page.get_by_label("Verantwoording achteraf, uiterlijk op").fill("2028-01-31")
    page.get_by_label("Betaling 1: datum").fill("2027-02-01")
    page.get_by_label("Betaling 1: bedrag in euro").fill("850,50")
    page.get_by_role("button", name="Het conceptbesluit opslaan").click()
    decide(Application.objects.get(pk=application.pk), holder, amount="850.50")  # the Meetlat
    page.goto(live_server.url + reverse("budget:publish", args=[application.pk]))
    check("publish")
    page.get_by_role("button", name="Vaststellen en de brief versturen").click()
    application.refresh_from_db()
    assert application.status == S.GRANTED
    assert application.award.amount == Decimal("850.50")

    # The resident sees the decision and the letter.
    login_as(initiative.created_by)
    page.goto(live_server.url + application.get_absolute_url())
    check("granted")
    expect(page.get_by_role("link", name=re.compile("^Toekenningsbrief"))).to_be_visible()
    expect(page.get_by_text(application.decision.reasons)).to_be_visible()


@pytest.fixture
def applications():
    line, holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    lead = UserFactory(role="resident")
    professional = UserFactory(role="professional")
    kwargs = {"line": line, "facilitator": facilitator, "lead": lead}
    draft = filled_application(line=line, lead=lead)
    attachment = services.add_attachment(
        application=draft, by=lead,
        upload=SimpleUploadedFile("offerte.pdf", b"%PDF-1.4 offerte", "application/pdf"),
    )  # fmt: skip
    assessment = application_in(S.IN_ASSESSMENT, **kwargs)
    advice = services.request_advice(
        application=assessment, by=facilitator, professional=professional, question="Past dit?"
    )
    granted = application_in(S.GRANTED, **kwargs)
    people = {
        Role.RESIDENT: lead, Role.FACILITATOR: facilitator,
        Role.BUDGET_DECISION_HOLDER: holder, Role.PROFESSIONAL: professional,
    }  # fmt: skip
    urls = [
        reverse("budget:my-applications"),
        reverse("budget:application-new"),
        reverse("budget:application", args=[draft.pk]),
        reverse("budget:application-step", args=[draft.pk, 4]),
        reverse("budget:attachments", args=[draft.pk]),
        reverse("budget:application-check", args=[draft.pk]),
        reverse("budget:withdraw", args=[draft.pk]),
        reverse("budget:attachment-remove", args=[draft.pk, attachment.pk]),
        reverse("budget:queue"),
        reverse("budget:application", args=[assessment.pk]),
        reverse("budget:assess", args=[assessment.pk]),
        reverse("budget:assess-complete", args=[assessment.pk]),
        reverse("budget:return", args=[assessment.pk]),
        reverse("budget:advice-request", args=[assessment.pk]),
        reverse("budget:advice", args=[advice.pk]),
        reverse("budget:application", args=[granted.pk]),
        reverse("budget:amend", args=[granted.pk]),
        reverse("budget:application-message", args=[granted.pk]),
    ]
    awaiting = application_in(S.AWAITING_DECISION, **kwargs)
    urls += [
        reverse(name, args=[awaiting.pk])
        for name in ("budget:decide", "budget:send-back", "budget:publish")
    ]
    return people, urls


@pytest.mark.parametrize("role", Role.values)
def test_application_pages_for_every_role(
    role, page, live_server, login, assert_accessible, applications
):
    people, urls = applications
    login(people.get(role) or UserFactory(role=role))
    for url in urls:
        page.goto(live_server.url + url)
        assert_accessible(page, f"{role} {url}")
