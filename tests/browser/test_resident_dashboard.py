"""Mijn burgerkracht with "Actie nodig", the status timeline and the confirmation after
sending in, at 1280 and 320 pixels wide: 0 axe-core violations, no sideways scrolling
(issue #24)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget import services
from tests.factories import (
    InitiativeFactory,
    UserFactory,
    application_in,
    filled_application,
    open_line,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """The grant's decision record needs the Meetlat."""


def test_resident_pages_of_issue_24_are_accessible_at_both_widths(
    page, login, live_server, assert_accessible
):
    line, _holder = open_line(allocation="25000.00")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    granted = application_in("granted", line=line)
    resident = granted.initiative.created_by
    draft = filled_application(lead=resident, line=line)
    submitted = application_in("submitted", line=line, lead=resident)
    registered = InitiativeFactory(submitted=True, created_by=resident)
    InitiativeFactory(created_by=resident)  # a registration still to finish
    login(resident)
    pages = {
        "dashboard": reverse("core:dashboard"),
        "application with timeline": granted.get_absolute_url(),
        "draft application": draft.get_absolute_url(),
        "application confirmation": reverse("budget:application-sent", args=[submitted.pk]),
        "initiative confirmation": reverse("initiatives:sent", args=[registered.pk]),
        "initiative with timeline": granted.initiative.get_absolute_url(),
    }

    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for label, url in pages.items():
            page.goto(live_server.url + url)
            assert_accessible(page, f"{label} at {width}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{label} scrolls sideways at {width}: {scroll}"

    page.goto(live_server.url + pages["dashboard"])
    # The draft application and the registration to finish; the grant's evaluation and
    # accountability are months ahead, so not yet "Actie nodig" (budget/actions.py).
    actions = page.get_by_test_id("actions-needed").get_by_role("listitem")
    expect(actions).to_have_count(2)
    expect(actions.nth(0)).to_contain_text("Maak")
    expect(actions.nth(1)).to_contain_text("Maak")
