"""The advice report, for every role: 0 axe-core violations (WCAG 2.1/2.2 AA) on the report
with its charts and tables, or on the 403 page.

A role of a body comes with a current membership of the ASD. One test makes the data once
(an answered, a closed and an overdue advice, promises and a meeting) and then looks as every
role in turn.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.services import followup
from burgerkracht.accounts.roles import BODY_ROLES, STAFF_ROLES, Role
from tests.advice.factories import advice_in, body, coordinator, member
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALLOWED = (*STAFF_ROLES, *BODY_ROLES)


def test_the_advice_report_is_accessible_for_every_role(
    page, live_server, login, assert_accessible, meetlat_v1
):
    boss = coordinator()
    advice_in("answered", coordinator_user=boss)
    advice_in("closed", coordinator_user=boss)
    advice_in("final", body_slug="bo-plus", coordinator_user=boss)
    followup.plan_meeting(by=boss, body=body("asd"), date=timezone.localdate(), title="Overleg")
    url = reverse("core:report", args=["advice"])

    for role in Role.values:
        login(member("asd", role) if role in BODY_ROLES else UserFactory(role=role))
        response = page.goto(live_server.url + url)
        assert_accessible(page, f"{role} {url}")
        if role in ALLOWED:
            assert response.status == 200, role
            assert page.locator("main figure.portal-chart").count() >= 5
            assert page.locator("main table.utrecht-table").count() >= 6
        else:
            assert response.status == 403, role

    # The filters with an error, and an empty result, are accessible too.
    login(UserFactory(role=Role.READ_ONLY))
    page.goto(live_server.url + url + "?van=2099-01-01&orgaan=bestaat-niet")
    assert_accessible(page, "filters")
