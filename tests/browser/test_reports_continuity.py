"""The continuity report and "Mijn burgerkracht" in the browser for every role, with data:
0 axe violations on the page, or on the 403 page for those who may not see the report."""

import pytest
from django.urls import reverse

from burgerkracht.accounts.roles import STAFF_ROLES, Role
from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    UserFactory,
    application_in,
    open_line,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """Transactional tests truncate the Meetlat of the data migration: load it again."""


def _data():
    """Initiatives with and without risks, a facilitator who left, a running grant, an
    application waiting for a decision and a question for a professional."""
    from budget import services

    anna = UserFactory(role="facilitator")
    gone = UserFactory(role="facilitator", is_active=False)
    safe = InitiativeFactory(active=True, facilitator=anna, backup_facilitator=gone)
    InitiatorFactory(initiative=safe, is_backup=True)
    InitiativeFactory(paused=True, facilitator=gone)
    InitiativeFactory(submitted=True)
    line, _holder = open_line(allocation="5000.00")
    application_in("granted", line=line, facilitator=anna)
    application_in("awaiting_decision", line=line, facilitator=anna)
    assessed = application_in("in_assessment", line=line, facilitator=anna)
    professional = UserFactory(role="professional")
    services.request_advice(
        application=assessed, by=anna, professional=professional, question="Past dit?"
    )
    return {"facilitator": anna, "professional": professional}


@pytest.mark.parametrize("role", Role.values)
def test_continuity_report_and_dashboard_for_every_role(
    role, page, live_server, login, assert_accessible
):
    people = _data()
    login(people.get(role) or UserFactory(role=role))

    response = page.goto(live_server.url + reverse("core:report", args=["continuity"]))
    assert response.status == (200 if role in STAFF_ROLES else 403)
    assert_accessible(page, f"continuity report ({role})")
    if role in STAFF_ROLES:
        page.goto(
            live_server.url + reverse("core:report", args=["continuity"]) + "?wijk=&facilitator="
        )
        assert_accessible(page, f"continuity report filtered ({role})")

    response = page.goto(live_server.url + reverse("core:dashboard"))
    assert response.status == 200
    assert_accessible(page, f"dashboard ({role})")
