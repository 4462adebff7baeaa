"""Dashboards per role (issue #8, deliverable 4): each role's panels show what needs their
attention, each count links to a list that shows exactly that many items, and the page keeps
its query ceiling for every role."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from budget import services as budget_services
from burgerkracht.accounts.roles import Role
from initiatives.models import Initiative
from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    UserFactory,
    application_in,
    open_line,
)
from tests.language import in_language
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


def panel(response, template: str) -> dict | None:
    return next((p.context for p in response.context["panels"] if p.template == template), None)


@pytest.fixture(scope="module")
def _made(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _build)


@pytest.fixture
def made(_made, db):
    """Initiatives with and without risks for two facilitators, and applications at every
    step of the queue on one line: built once for the module, each test in its own savepoint."""
    return _made


def _build():
    anna, bert = UserFactory(role="facilitator"), UserFactory(role="facilitator")
    safe = InitiativeFactory(active=True, facilitator=anna, backup_facilitator=bert)
    InitiatorFactory(initiative=safe, is_backup=True)
    InitiativeFactory(active=True, facilitator=anna, backup_facilitator=bert)  # one initiator
    InitiativeFactory(submitted=True)  # nobody on the municipality's side
    InitiativeFactory(ended=True, facilitator=anna)  # ended: no longer a risk
    line, holder = open_line(allocation="5000.00")
    apps = {
        status: application_in(status, line=line, facilitator=anna)
        for status in ("submitted", "in_assessment", "awaiting_decision")
    }
    professional = UserFactory(role="professional")
    budget_services.request_advice(
        application=apps["in_assessment"], by=anna, professional=professional,
        question="Past dit bij de buurt?",
    )  # fmt: skip
    return {"anna": anna, "bert": bert, "holder": holder, "professional": professional,
            "line": line}  # fmt: skip


def expected_at_risk(facilitator=None) -> int:
    """Open initiatives flagged by the continuity rule, counted in Python from the objects."""
    count = 0
    for i in Initiative.objects.exclude(status__in=["draft", "ended"]):
        if facilitator is not None and facilitator.pk not in (
            i.facilitator_id,
            i.backup_facilitator_id,
        ):
            continue
        active = [x for x in i.initiators.all() if x.accepted_at and x.left_at is None]
        nobody = i.facilitator is None or not i.facilitator.is_active
        alone = len(active) < 2 and not any(x.is_backup for x in active)
        no_backup = i.backup_facilitator is None or not i.backup_facilitator.is_active
        if nobody or (alone and no_backup):  # the continuity rule, initiatives/README.md
            count += 1
    return count


def report_items(client, url: str) -> int:
    with translation.override("en"):
        response = in_language(client, "en").get(url)
    initiatives = next(s for s in response.context["sections"] if str(s.title) == "Initiatives")
    return len(initiatives.tables[0].rows)


@pytest.mark.parametrize(
    ("role", "own"),
    [(Role.FACILITATOR_COORDINATOR, False), (Role.READ_ONLY, False),
     (Role.ADMINISTRATOR, False), (Role.FACILITATOR, True)],
)  # fmt: skip
def test_continuity_count_links_to_a_report_listing_as_many(client, made, role, own):
    user = made["anna"] if own else UserFactory(role=role)
    client.force_login(user)

    response = client.get(DASHBOARD)

    context = panel(response, "budget/dashboard_continuity.html")
    want = expected_at_risk(user if own else None)
    assert context["at_risk"] == want
    assert want > 0
    assert report_items(client, context["url"]) == want


@pytest.mark.parametrize(
    "role", [Role.RESIDENT, Role.PROFESSIONAL, Role.ASD_MEMBER, Role.BUDGET_DECISION_HOLDER,
             Role.ADVICE_COORDINATOR]
)  # fmt: skip
def test_continuity_panel_is_not_shown_to_others(client, made, role):
    client.force_login(UserFactory(role=role))

    response = client.get(DASHBOARD)

    assert panel(response, "budget/dashboard_continuity.html") is None


def _queue_rows(client, link: str) -> int:
    """The rows the linked queue lists (it pages without a count; these fit on one page)."""
    page = client.get(link).context["table"].page
    assert not page.has_next()
    return len(page.object_list)


def test_facilitator_queue_counts_link_to_the_queue_filtered_on_that_status(client, made):
    client.force_login(made["anna"])

    response = client.get(DASHBOARD)

    to_do = panel(response, "budget/dashboard_panel.html")["to_do"]
    assert [(status, count) for status, _label, count in to_do] == [
        ("submitted", 1), ("in_assessment", 1), ("awaiting_decision", 1)
    ]  # fmt: skip
    for status, _label, count in to_do:
        link = f"{reverse('budget:queue')}?status={status}"
        assert f'href="{link}"' in response.content.decode()
        assert _queue_rows(client, link) == count


def test_decision_holder_sees_what_waits_for_a_decision_on_their_lines(client, made):
    client.force_login(made["holder"])

    response = client.get(DASHBOARD)

    to_do = panel(response, "budget/dashboard_panel.html")["to_do"]
    assert [(status, count) for status, _label, count in to_do] == [("awaiting_decision", 1)]
    link = f"{reverse('budget:queue')}?status=awaiting_decision"
    assert _queue_rows(client, link) == 1


def test_professional_sees_the_questions_waiting_for_their_advice(client, made):
    client.force_login(made["professional"])

    response = client.get(DASHBOARD)

    requests = panel(response, "budget/dashboard_professional.html")["requests"]
    assert len(requests) == 1
    assert client.get(reverse("budget:advice", args=[requests[0].pk])).status_code == 200


def test_administrator_sees_funds_to_open_and_lines_without_a_decision_holder(client, made):
    admin = UserFactory(role="administrator")
    preparing = budget_services.create_fund(
        by=admin, name="Samen Sterk 2028", starts_on=timezone.localdate().replace(year=2028),
        ends_on=timezone.localdate().replace(year=2028, month=12, day=31),
    )  # fmt: skip
    made["line"].decision_holders.clear()
    client.force_login(admin)

    response = client.get(DASHBOARD)

    funds = panel(response, "budget/dashboard_administrator.html")["funds"]
    by_name = {fund.name: (fund.status, fund.lines_without_holder) for fund in funds}
    assert by_name == {preparing.name: ("preparing", 0), made["line"].fund.name: ("open", 1)}


ALL_ROLES = list(Role.values)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_dashboard_keeps_its_query_ceiling_for_every_role(client, made, role):
    user = made["anna"] if role == Role.FACILITATOR else UserFactory(role=role)
    client.force_login(user)
    client.get(DASHBOARD)  # warm the per-process caches (municipality, content types)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert len(captured) <= 12
