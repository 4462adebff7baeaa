"""SC-02 with eHerkenning: Paul Offerman logs in for Stichting WoonMere; the KvK number,
branch and name of the stichting come from eHerkenning, fill the application and cannot be
changed; Paul is recorded as the person acting for it."""

import re

import pytest
from playwright.sync_api import expect

from budget import services
from budget.enums import ApplicationStatus
from budget.models import Application
from tests.factories import NeighbourhoodFactory, UserFactory, open_line
from tests.journeys import steps_resident
from tests.journeys.steps_broker import expect_logged_in, log_in_with

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def poort():
    NeighbourhoodFactory(name="Poort", slug="poort")
    line, _holder = open_line(allocation="25000.00", name="Smeerolie Poort")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)


def test_eherkenning_stichting_applies(page, stack, poort, login_method, assert_accessible):
    base = stack.url
    login_method("eherkenning")

    log_in_with(page, base, "Inloggen met eHerkenning", "woonmere")
    expect_logged_in(page)
    steps_resident.start_with_a_new_initiative(page, base, "Festival Poort Sociaal")

    # Step 1: the stichting from eHerkenning, shown and locked.
    kvk = page.get_by_label("KvK-nummer van de organisatie")
    expect(kvk).to_have_value("41329178")
    expect(kvk).to_be_disabled()
    expect(page.get_by_label("Naam van de organisatie")).to_have_value("Stichting WoonMere")
    expect(page.get_by_label("Naam van de organisatie")).to_be_disabled()
    expect(
        page.get_by_text("Uit eHerkenning. Je kunt dit hier niet veranderen.").first
    ).to_be_visible()
    assert_accessible(page, "step 1 with the organisation from eHerkenning")
    page.get_by_label("Bewoner in de lead 1: naam").fill("Anna Jansen")
    page.get_by_label("Bewoner in de lead 1: e-mailadres").fill("anna.jansen@example.org")
    steps_resident.fill_result(page, {
        "who": "Bewoners uit Almere Poort die elkaar nu niet kennen.",
        "how": "Ze maken samen een festival.",
        "difference": "Ze zijn geen vreemden meer voor elkaar.",
        "sign": "Mensen spreken na het festival weer af",
        "neighbourhood": "Poort",
    })  # fmt: skip
    steps_resident.fill_goal(page, {"goal": "Elkaar kennen.", "means": "Een festival."})
    steps_resident.fill_participants(page, {"participants": "300", "reach": "Via WoonMere."})
    steps_resident.fill_money(page, {
        "cost": "Podium", "cost_amount": "1.500,00", "own": "250,00", "asked": "1.250,00",
    })  # fmt: skip
    steps_resident.fill_time(page, {
        "starts": "2027-03-01", "ends": "2027-06-22", "backup": "anna.jansen@example.org",
    })  # fmt: skip
    page.get_by_role("link", name="Verder: controleren en versturen").click()
    expect(page.get_by_text("Stichting WoonMere").first).to_be_visible()
    expect(page.get_by_text(re.compile("41329178 \\(vestiging 000041329178\\)"))).to_be_visible()
    expect(page.get_by_text("Paul Offerman").first).to_be_visible()
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag verstuurd")

    application = Application.objects.get(initiative__title="Festival Poort Sociaal")
    assert application.status == ApplicationStatus.SUBMITTED
    assert (application.kvk_number, application.branch_number) == ("41329178", "000041329178")
    assert application.acting_person == "Paul Offerman"
    assert application.organisation_by_eherkenning
