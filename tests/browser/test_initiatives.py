"""Initiatives in the browser: the resident's whole flow (with and without JavaScript), and
0 axe-core violations on every new page for every role."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from burgerkracht.accounts.roles import Role
from initiatives.models import Initiative
from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    NeighbourhoodFactory,
    UpdateFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def js_off_page(browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _resident_registers(page, live_server, assert_accessible, title="Wandelgroep Stedenwijk"):
    """A resident fills in the intake, leaves halfway, comes back and sends it in."""
    page.goto(live_server.url + reverse("initiatives:new"))
    expect(page).to_have_title(re.compile("^Stap 1 van 5"))
    assert_accessible(page, "step 1")
    page.get_by_label("Naam van je initiatief").fill(title)
    page.get_by_label("Waar gaat het over?").fill("Elke dinsdag samen wandelen.")
    page.get_by_label("Sport en bewegen").check()
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page).to_have_title(re.compile("^Stap 2 van 5"))
    page.get_by_label("Waarom wil je dit?").fill("Veel buren komen de deur niet uit.")
    page.get_by_role("button", name="Opslaan en later verder").click()
    assert_accessible(page, "task list")
    initiative = Initiative.objects.get(title=title)

    page.goto(live_server.url + reverse("core:dashboard"))  # back later, via My burgerkracht
    page.get_by_role("link", name=title, exact=True).click()
    page.get_by_role("link", name="Verder met de aanmelding").click()
    page.get_by_role("link", name=re.compile("^Stap 2: ")).click()
    assert (
        page.get_by_label("Waarom wil je dit?").input_value()
        == "Veel buren komen de deur niet uit."
    )
    page.get_by_label("Wat is het doel?").fill("Meer mensen komen buiten.")
    page.get_by_label("Wat moet je doen om dichterbij te komen?").fill("Een vaste route.")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page).to_have_title(re.compile("^Stap 3 van 5"))
    page.get_by_role("button", name="Opslaan en verder").click()  # nothing filled in
    expect(page).to_have_title(re.compile("^Fout: Stap 3 van 5"))
    assert_accessible(page, "step 3 errors")
    page.get_by_label("Mijn wijk", exact=True).check()
    page.get_by_label("Stedenwijk").check()
    page.get_by_label("Voor wie is het?").fill("Ouderen die alleen wonen.")
    page.get_by_label("Hoeveel mensen").fill("12")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page).to_have_title(re.compile("^Stap 4 van 5"))
    assert_accessible(page, "step 4")
    page.get_by_label("E-mailadres van je vervanger").fill("buurvrouw@example.org")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page).to_have_title(re.compile("^Stap 5 van 5"))
    page.get_by_label("Een plek om samen te komen of te werken").check()
    page.get_by_role("button", name="Opslaan en controleren").click()
    assert_accessible(page, "check")
    page.get_by_role("button", name="Versturen").click()

    initiative.refresh_from_db()
    assert initiative.status == "submitted"
    return initiative


def test_resident_flow_with_javascript(page, live_server, login, assert_accessible):
    NeighbourhoodFactory(name="Stedenwijk")
    login(UserFactory(role="resident"))

    initiative = _resident_registers(page, live_server, assert_accessible)

    assert_accessible(page, "confirmation after submit")
    assert page.url.endswith(reverse("initiatives:sent", args=[initiative.pk]))
    expect(page.get_by_test_id("reference")).to_have_text(initiative.reference)
    page.get_by_role("link", name="Bekijk je initiatief").click()
    assert page.url.endswith(initiative.get_absolute_url())


def test_resident_flow_without_javascript(js_off_page, live_server, assert_accessible):
    from django.conf import settings
    from django.test import Client

    NeighbourhoodFactory(name="Stedenwijk")
    resident = UserFactory(role="resident")
    client = Client()
    client.force_login(resident)
    js_off_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    initiative = _resident_registers(js_off_page, live_server, lambda *a: None)

    assert initiative.initiators.get(is_backup=True).email == "buurvrouw@example.org"


@pytest.fixture
def initiatives_world():
    lead = UserFactory(role="resident")
    facilitator = UserFactory(role="facilitator")
    coordinator = UserFactory(role="facilitator_coordinator")
    neighbourhood = NeighbourhoodFactory()
    active = InitiativeFactory(created_by=lead, active=True, facilitator=facilitator)
    active.neighbourhoods.add(neighbourhood)
    signal = UpdateFactory(initiative=active, kind="obstacle", is_signal=True, text="Regel")
    UpdateFactory(initiative=active, text="Gelukt")
    draft = InitiativeFactory(created_by=lead)
    submitted = InitiativeFactory(created_by=lead, submitted=True, facilitator=facilitator)
    invitation = InitiatorFactory(initiative=active, user=None, email="buur@example.org")
    return locals()


def test_public_pages_are_accessible(page, live_server, assert_accessible, initiatives_world):
    w = initiatives_world
    for url in (
        reverse("initiatives:public-list"),
        reverse("initiatives:public-detail", args=[w["active"].pk]),
        reverse("initiatives:public-neighbourhood", args=[w["neighbourhood"].slug]),
    ):
        page.goto(live_server.url + url)
        assert_accessible(page, url)


def test_initiator_pages_are_accessible(
    page, live_server, login, assert_accessible, initiatives_world
):
    w = initiatives_world
    login(w["lead"])
    urls = [reverse("core:dashboard"), reverse("initiatives:new")]
    urls += [reverse("initiatives:intake", args=[w["draft"].pk])]
    urls += [reverse("initiatives:intake-step", args=[w["draft"].pk, n]) for n in range(1, 6)]
    urls += [reverse("initiatives:intake-check", args=[w["draft"].pk])]
    pk = w["active"].pk
    urls += [
        reverse(name, args=[pk])
        for name in (
            "initiatives:detail",
            "initiatives:pause",
            "initiatives:end",
            "initiatives:update-create",
            "initiatives:message-create",
        )
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_accessible(page, url)


def test_official_pages_are_accessible(
    page, live_server, login, assert_accessible, initiatives_world
):
    w = initiatives_world
    login(w["coordinator"])
    pk = w["active"].pk
    urls = [
        reverse("initiatives:officials-list"),
        reverse("initiatives:officials-list") + "?risk=any&status=active",
        reverse("initiatives:coordinator"),
        reverse("initiatives:detail", args=[pk]),
        reverse("initiatives:assign", args=[pk]),
        reverse("initiatives:activate", args=[w["submitted"].pk]),
        reverse("initiatives:signal-handled", args=[pk, w["signal"].pk]),
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_accessible(page, url)


@pytest.mark.parametrize("role", Role.values)
def test_initiative_pages_for_every_role(
    role, page, live_server, login, assert_accessible, initiatives_world
):
    """What each role reaches: public pages, the invitation, and the 403 of what is not theirs."""
    w = initiatives_world
    login(UserFactory(role=role))
    for url in (
        reverse("initiatives:public-list"),
        reverse("initiatives:invitation", args=[w["invitation"].token]),
        reverse("initiatives:detail", args=[w["active"].pk]),
        reverse("initiatives:officials-list"),
        reverse("core:dashboard"),
    ):
        page.goto(live_server.url + url)
        assert_accessible(page, f"{role} {url}")


def test_coordinator_assigns_and_resident_sees_message_and_status(
    browser, live_server, assert_accessible
):
    """The second half of the acceptance: assignment, a message, and what the resident sees."""
    from django.conf import settings
    from django.test import Client

    def as_user(user):
        context = browser.new_context(locale="nl-NL")
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    initiative = InitiativeFactory(submitted=True, title="Buurtmaaltijd")
    facilitator = UserFactory(role="facilitator", full_name="Peter Jansen")
    backup = UserFactory(role="facilitator", full_name="Anna de Wit")

    coordinator_page = as_user(UserFactory(role="facilitator_coordinator"))
    coordinator_page.goto(live_server.url + reverse("initiatives:coordinator"))
    coordinator_page.get_by_role("link", name="Buurtmaaltijd").click()
    coordinator_page.get_by_label("Facilitator (ambtenaar)", exact=True).select_option(
        label="Peter Jansen"
    )
    coordinator_page.get_by_label("Vervangend facilitator").select_option(label="Anna de Wit")
    coordinator_page.locator("main form button[type=submit]").click()
    expect(coordinator_page.locator(".portal-messages")).to_contain_text("toegewezen")

    facilitator_page = as_user(facilitator)
    facilitator_page.goto(live_server.url + initiative.get_absolute_url())
    facilitator_page.get_by_label("Je bericht").fill("Welkom! Zullen we volgende week bellen?")
    facilitator_page.get_by_role("button", name="Stuur bericht aan de bewoner").click()
    facilitator_page.get_by_role("link", name="Het initiatief starten").click()
    facilitator_page.locator("main form button[type=submit]").click()

    resident_page = as_user(initiative.created_by)
    resident_page.goto(live_server.url + reverse("core:dashboard"))
    expect(resident_page.locator("main")).to_contain_text("Buurtmaaltijd")
    expect(resident_page.locator("main")).to_contain_text("Loopt")
    assert_accessible(resident_page, "dashboard after start")
    resident_page.get_by_role("link", name="Buurtmaaltijd").click()
    expect(resident_page.locator("#berichten")).to_contain_text("Zullen we volgende week bellen?")
    expect(resident_page.locator("main")).to_contain_text("Peter Jansen")
    initiative.refresh_from_db()
    assert (initiative.facilitator, initiative.backup_facilitator, initiative.status) == (
        facilitator,
        backup,
        "active",
    )
