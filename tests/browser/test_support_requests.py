"""Support requests and the jager in the browser (WF-6, issue #30): every new page with data,
0 axe violations, the forms with their errors too; a request asked and answered with the
browser's own forms (no JavaScript needed)."""

import pytest
from django.urls import reverse

from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """Transactional tests truncate the Meetlat of the data migration: load it again."""


def test_support_pages_are_accessible(page, live_server, login, assert_accessible):
    from initiatives import support

    facilitator = UserFactory(role="facilitator", full_name="Fenna Facilitator")
    coordinator = UserFactory(role="facilitator_coordinator", full_name="Cor Coördinator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator, title="Servicepunt")
    wonen = OrganisationFactory(name="Gemeente Almere, Wonen")
    support.appoint_jager(
        initiative=initiative,
        by=coordinator,
        jager=coordinator,
        mandate="Afspraken maken met Wonen en Zorg.",
        departments=[wonen],
    )
    request = support.ask_support(
        by=facilitator, initiative=initiative, question="Mogen we de winkelruimte huren?",
        domain="housing", organisation=wonen, decider_name="Johan Smit",
        decider_email="j.smit@almere.nl",
    )  # fmt: skip
    support.hand_over_request(
        request=request,
        by=facilitator,
        to_name="Kees Bos",
        to_email="k.bos@almere.nl",
        note="Via de teamleider.",
    )

    login(facilitator)
    for url in (initiative.get_absolute_url(), request.get_absolute_url(),
                reverse("initiatives:support-open"),
                reverse("initiatives:support-handoff", args=[request.pk]),
                reverse("initiatives:support-withdraw", args=[request.pk])):  # fmt: skip
        page.goto(live_server.url + url)
        assert_accessible(page, url)
    page.goto(live_server.url + reverse("initiatives:support-ask", args=[initiative.pk]))
    assert_accessible(page, "ask")
    page.get_by_label("Wat vraag je?").fill("Een verzekering voor de vrijwilligers")
    page.get_by_label("Naam van de persoon die beslist").fill("Verzekeringen")
    page.get_by_label("E-mailadres van die persoon").fill("info@almere.nl")
    page.get_by_role("button", name="Hulpvraag versturen").click()
    assert_accessible(page, "ask with errors")
    assert page.get_by_text("Geef de voornaam en achternaam").count() >= 1
    page.goto(live_server.url + reverse("initiatives:support-answer", args=[request.pk]))
    assert_accessible(page, "answer")
    page.get_by_label("Het antwoord").fill("Ja, de ruimte mag gehuurd worden vanaf mei.")
    page.get_by_role("button", name="Antwoord vastleggen").click()
    page.wait_for_load_state("load")
    assert "Het antwoord is vastgelegd." in page.content()
    assert_accessible(page, "answered")

    login(coordinator)
    for url in (reverse("initiatives:jager-appoint", args=[initiative.pk]),
                reverse("core:report", args=["support-lead-times"])):  # fmt: skip
        page.goto(live_server.url + url)
        assert_accessible(page, url)
