"""The agenda page in the browser: 0 axe-core violations with and without dates, reached from
the profile page, and a new link replaces the old one on the page."""

import pytest
from django.urls import reverse
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
