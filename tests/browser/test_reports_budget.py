"""The Samen Sterk results and budget reports, for every role: 0 axe-core violations (WCAG
2.1/2.2 AA) on the report with its charts and tables, or on the 403 page.

One test makes the data once (grants with results, a ledger with a logged reallocation) and
then looks as every role in turn: making the grants for each role apart would take minutes.
"""

import re

import pytest
from django.urls import reverse

from burgerkracht.accounts.roles import STAFF_ROLES, Role
from tests.budget.report_helpers import scenario
from tests.budget.test_reports_budget import ledger
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUGS = ["samen-sterk", "budget"]


def test_the_samen_sterk_and_budget_reports_are_accessible_for_every_role(
    page, live_server, login, assert_accessible, meetlat_v1
):
    scenario()
    ledger()
    urls = [reverse("core:report", args=[slug]) for slug in SLUGS]

    for role in Role.values:
        login(UserFactory(role=role))
        for url in urls:
            response = page.goto(live_server.url + url)
            assert_accessible(page, f"{role} {url}")
            if role in STAFF_ROLES:
                assert response.status == 200, (role, url)
                assert page.locator("main figure.portal-chart").count() >= 2
                assert page.locator("main table.utrecht-table").count() >= 3
            else:
                assert response.status == 403, (role, url)

    # The filters with an error and an empty result are accessible too.
    login(UserFactory(role=Role.READ_ONLY))
    for url in urls:
        page.goto(live_server.url + url + "?van=2099-01-01&fonds=abc")
        assert_accessible(page, f"filters {url}")

    # At 320 px the charts have readable text labels, whole-number scales and fit the width.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + urls[0])
    assert_accessible(page, "320 px")
    charts = page.locator("main figure.portal-chart")
    assert charts.count() >= 2
    for n in range(charts.count()):
        chart = charts.nth(n)
        fits = chart.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        assert fits, f"chart {n} is wider than the screen"
        size = chart.locator(".portal-chart__label").first.evaluate(
            "el => parseFloat(getComputedStyle(el).fontSize)"
        )
        assert size >= 16, size
        ticks = chart.locator(".portal-chart__tick, .portal-chart__tick--last")
        for tick in ticks.all_inner_texts():  # whole steps, written the Dutch way
            assert re.fullmatch(r"(€\s)?\d{1,3}(\.\d{3})*(\s%)?", tick.strip()), tick
