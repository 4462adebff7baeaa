"""A resident logs in with DigiD, applies for Samen Sterk and sends the application in; the
BSN is kept encrypted and shown masked; logging out also ends the DigiD session."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget import services
from budget.enums import ApplicationStatus
from budget.models import Application
from burgerkracht.accounts.oidc.claims import bsn_hash
from tests.factories import NeighbourhoodFactory, UserFactory, open_line
from tests.journeys import steps_resident
from tests.journeys.steps_broker import expect_logged_in, log_in_with
from tests.journeys.steps_common import no_horizontal_scroll

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

RESULT = {
    "who": "Ouderen in de Haven die alleen wonen.",
    "how": "Ze koken samen op donderdag en eten met elkaar.",
    "difference": "Ze kennen elkaar en letten op elkaar.",
    "sign": "Tien mensen eten elke week mee",
    "neighbourhood": "Haven",
}


@pytest.fixture
def samen_sterk():
    NeighbourhoodFactory(name="Haven", slug="haven")
    line, _holder = open_line(allocation="25000.00", name="Smeerolie Haven")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)


def test_digid_resident_sends_in_an_application(
    page, stack, samen_sterk, login_method, assert_accessible, settings
):
    base = stack.url
    settings.SITE_URL = base  # where the broker sends the browser after logging out
    for kind in ("digid", "eherkenning", "staff"):
        login_method(kind)

    # The login page offers the three broker logins first, then e-mail.
    page.goto(base + reverse("account_login"))
    for label in ("Inloggen met DigiD", "Inloggen met eHerkenning", "Inloggen als medewerker"):
        expect(page.get_by_role("button", name=label)).to_be_visible()
    expect(page.get_by_role("heading", name="Of log in met je e-mailadres")).to_be_visible()
    assert_accessible(page, "login page with DigiD, eHerkenning and SSO")
    no_horizontal_scroll(page)

    log_in_with(page, base, "Inloggen met DigiD", "resident-midden")
    expect_logged_in(page)
    expect(page.get_by_text(re.compile("Je bent ingelogd met DigiD"))).to_be_visible()
    assert_accessible(page, "dashboard with the DigiD notice")

    steps_resident.start_with_a_new_initiative(page, base, "Samen koken in de Haven")
    steps_resident.fill_result(page, RESULT)
    steps_resident.fill_goal(page, {"goal": "Niemand eet alleen.", "means": "Een kookclub."})
    steps_resident.fill_participants(page, {"participants": "10", "reach": "Via de buurt-app."})
    steps_resident.fill_money(page, {
        "cost": "Boodschappen", "cost_amount": "800,00", "own": "100,00", "asked": "700,00",
    })  # fmt: skip
    steps_resident.fill_time(page, {
        "starts": "2027-03-01", "ends": "2027-12-01", "backup": "buurvrouw@example.org",
    })  # fmt: skip
    steps_resident.send_in(page)

    application = Application.objects.get(initiative__title="Samen koken in de Haven")
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.created_by.bsn_hash == bsn_hash("999990019")

    page.goto(base + reverse("accounts:profile"))
    expect(page.get_by_text("gekoppeld (BSN *****0019)")).to_be_visible()
    assert "999990019" not in page.content()
    assert_accessible(page, "profile with DigiD")

    # Logging out ends the session at DigiD's broker too, and comes back to the home page.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(base + "/")
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
