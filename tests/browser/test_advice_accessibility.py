"""Every advice page, for every role: 0 axe-core violations (WCAG 2.1/2.2 AA).

A role of a body comes with a current membership of the ASD (the role alone opens nothing);
the other roles see what their role allows — the page itself or the 403 page, both checked.
"""

import pytest
from django.urls import reverse

from burgerkracht.accounts.roles import BODY_ROLES, Role
from tests.advice.factories import advice_in, coordinator, member
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST_PAGES = [
    "advice:public-list",
    "advice:factsheet",
    "advice:register",
    "advice:promises",
    "advice:signals",
    "advice:meetings",
    "advice:bodies",
]


def _urls(answered) -> list[str]:
    promise = answered.promises.order_by("pk").first()
    return [
        *(reverse(name) for name in LIST_PAGES),
        reverse("core:report", args=["representation"]),  # moved there (issue #27)
        reverse("advice:public-detail", args=[answered.pk]),
        reverse("advice:advice-detail", args=[answered.pk]),
        reverse("advice:answer", args=[answered.pk]),
        reverse("advice:promise-detail", args=[promise.pk]),
        reverse("advice:evaluation", args=[answered.pk]),
    ]


@pytest.mark.parametrize("role", Role.values)
def test_every_advice_page_is_accessible_for_every_role(
    role, page, live_server, login, assert_accessible, meetlat_v1
):
    answered = advice_in("answered", is_public=True, coordinator_user=coordinator())
    login(member("asd", role) if role in BODY_ROLES else UserFactory(role=role))

    statuses = {}
    for url in _urls(answered):
        response = page.goto(live_server.url + url)
        statuses[url] = response.status
        assert_accessible(page, f"{role} {url}")

    assert set(statuses.values()) <= {200, 403}, statuses
    assert statuses[reverse("advice:public-list")] == 200


def test_every_public_advice_page_is_accessible_anonymously(
    page, live_server, assert_accessible, meetlat_v1
):
    answered = advice_in("closed", is_public=True)

    for url in [
        reverse("advice:public-list"),
        reverse("advice:public-detail", args=[answered.pk]),
        reverse("advice:factsheet"),
    ]:
        assert page.goto(live_server.url + url).status == 200
        assert_accessible(page, url)
