"""A DigiD session ends while the resident is typing step 2 of an application: the dialog
warned her first; after logging in again with DigiD what she typed is still there and saved,
and step 1 is as she left it. (The idle time is 20 seconds here instead of 15 minutes.)"""

import re

import pytest
from playwright.sync_api import expect

from budget import services
from budget.models import Application
from tests.factories import NeighbourhoodFactory, UserFactory, open_line
from tests.journeys import steps_resident
from tests.journeys.steps_broker import expect_logged_in, log_in_with

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

GOAL = {"goal": "Niemand eet alleen.", "means": "Een kookclub op donderdag."}


@pytest.fixture
def samen_sterk():
    NeighbourhoodFactory(name="Haven", slug="haven")
    line, _holder = open_line(allocation="25000.00", name="Smeerolie Haven")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)


def test_digid_session_expires_mid_form_and_nothing_is_lost(
    page, stack, samen_sterk, login_method, assert_accessible, settings
):
    base = stack.url
    settings.DIGID_IDLE_TIMEOUT_SECONDS = 30
    settings.DIGID_IDLE_WARNING_SECONDS = 22
    login_method("digid")
    log_in_with(page, base, "Inloggen met DigiD", "resident-midden")
    expect_logged_in(page)
    steps_resident.start_with_a_new_initiative(page, base, "Samen koken in de Haven")
    steps_resident.fill_result(page, {
        "who": "Ouderen die alleen wonen.", "how": "Ze koken samen.",
        "difference": "Ze kennen elkaar.", "sign": "Tien mensen eten mee",
        "neighbourhood": "Haven",
    })  # fmt: skip

    # Step 2: the dialog warns before the end; "stay logged in" keeps the session.
    page.get_by_label("Wat is het doel?").fill("eerste versie")
    dialog = page.get_by_role("dialog", name="Wil je ingelogd blijven?")
    expect(dialog).to_be_visible(timeout=30_000)
    dialog.get_by_role("button", name="Ingelogd blijven").click()
    expect(dialog).to_be_hidden()

    # She types on, and takes too long: the dialog comes again, she does not see it, and
    # the session ends before she saves.
    page.get_by_label("Wat is het doel?").fill(GOAL["goal"])
    page.get_by_label("Wat is het middel?").fill(GOAL["means"])
    expect(dialog).to_be_visible(timeout=30_000)
    assert_accessible(page, "the idle dialog")
    # At the end the dialog says she is logged out, and keeps the page with what she typed
    # (it used to reload the page when she pressed "stay logged in" too late).
    ended = page.get_by_role("dialog", name="Je bent uitgelogd")
    expect(ended).to_be_visible(timeout=30_000)
    expect(ended.get_by_role("button", name="Terug naar de pagina")).to_be_focused()
    ended.get_by_role("button", name="Terug naar de pagina").click()
    expect(ended).to_be_hidden()
    expect(page.get_by_label("Wat is het middel?")).to_have_value(GOAL["means"])
    page.get_by_role("button", name=steps_resident.NEXT).click()

    expect(page.get_by_text(re.compile("Je bent uitgelogd, omdat je"))).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    log_in_with(page, base, "Inloggen met DigiD", "resident-midden")
    expect(page.get_by_role("heading", level=1)).to_have_text("Je bent weer ingelogd")
    assert_accessible(page, "what was typed, kept")
    page.get_by_role("button", name="Verstuur wat ik invulde").click()
    expect(page).to_have_title(re.compile("^Stap 3 van 6"))

    application = Application.objects.get(initiative__title="Samen koken in de Haven")
    assert (application.goal, application.means) == (GOAL["goal"], GOAL["means"])
    assert application.result_who == "Ouderen die alleen wonen."
