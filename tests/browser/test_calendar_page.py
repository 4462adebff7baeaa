"""The agenda page in the browser: 0 axe-core violations with and without dates, reached from
the profile page and from "Mijn burgerkracht", the dates of the advice register for the ASD
secretary and the council at 320 px, and a new link replaces the old one on the page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from burgerkracht.core.models import CalendarFeed
from tests.factories import UserFactory, application_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """The grant's decision record needs the Meetlat."""


def test_agenda_page_with_dates_is_accessible_and_renews_its_link(
    page, live_server, login, assert_accessible
):
    lead = login(application_in("granted").initiative.created_by)
    page.goto(live_server.url + reverse("accounts:profile"))
    page.get_by_role("link", name="Mijn agendalink").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn agenda")
    expect(page.get_by_role("listitem").filter(has_text="Tussentijdse evaluatie")).to_have_count(1)
    assert_accessible(page, "agenda with dates")
    old = page.get_by_label("Jouw agendalink").input_value()
    assert old.endswith(f"/agenda/{CalendarFeed.objects.get(user=lead).token}.ics")

    page.get_by_role("button", name="Maak een nieuwe link").click()

    new = page.get_by_label("Jouw agendalink").input_value()
    assert new != old
    assert new.endswith(f"/agenda/{CalendarFeed.objects.get(user=lead).token}.ics")
    assert_accessible(page, "agenda after a new link")


@pytest.mark.parametrize("role", ["resident", "facilitator"])
def test_agenda_page_without_dates_is_accessible(role, page, live_server, login, assert_accessible):
    login(UserFactory(role=role))

    page.goto(live_server.url + reverse("core:calendar"))

    expect(page.get_by_text("Er zijn op dit moment geen datums voor jou.")).to_be_visible()
    assert_accessible(page, f"empty agenda for {role}")


@pytest.mark.parametrize("role", ["asd_secretary", "read_only"])
def test_the_asd_secretary_and_the_council_find_their_agenda_with_its_dates(
    role, page, live_server, login, assert_accessible
):
    """From "Mijn burgerkracht" to "Mijn agenda": the dates of the advice register as a list,
    readable at 320 px without sideways scrolling (issue #27)."""
    from advice.enums import MemberRole
    from advice.services import followup
    from tests.advice.factories import advice_in, body, coordinator, member

    boss = coordinator()
    secretary = member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
    advice_in("answered", by=secretary, coordinator_user=boss, title="Armoede onder werkenden")
    followup.plan_meeting(
        by=boss, body=body("asd"), date=timezone.localdate() + timedelta(days=14),
        title="Overleg college en ASD",
    )  # fmt: skip
    login(secretary if role == "asd_secretary" else UserFactory(role="read_only"))
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto(live_server.url + reverse("core:dashboard"))
    page.get_by_role("link", name="Mijn agenda").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn agenda")
    coming = page.get_by_role("region", name="Komende datums")
    # the meeting, the two promises of the answer and its evaluation
    expect(coming.get_by_role("listitem")).to_have_count(4)
    expect(coming.get_by_role("link", name="Overleg van het college met de ASD: Overleg college "
                              "en ASD")).to_be_visible()  # fmt: skip
    expect(coming.get_by_role("link", name=re.compile("^Evaluatie van het advies"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"agenda of {role} at 320 px")
