"""The Samen Sterk and budget reports on the demo data (seed_demo): the figures equal those
counted here in plain Python from the demo's rows and its known constants."""

from decimal import Decimal

import pytest
from django.utils import timezone

from budget.models import Application, Award, IntegrityEntry, Tranche
from burgerkracht.core.models import Neighbourhood
from burgerkracht.seeding.demo.budget import OTHER_LINES
from tests.budget.report_helpers import Grant, euro
from tests.budget.test_reports import expected_figures, figures, get
from tests.budget.test_reports_budget import URL as BUDGET_URL
from tests.demo_data import seed_demo
from tests.factories import UserFactory
from tests.language import in_language

pytestmark = pytest.mark.django_db


def demo_grants() -> list[Grant]:
    grants = []
    for a in Application.objects.exclude(award=None).select_related("neighbourhood", "line"):
        account = getattr(a, "accountability", None)
        settled = account is not None and account.status == "settled"
        grants.append(Grant(
            a, a.granted_amount, timezone.localdate(a.published_at),
            a.neighbourhood.name if a.neighbourhood else None, a.line.name,
            account.result_reached if settled else None,
            (account.participants or 0) if settled else 0,
            set(a.initiative.initiators.filter(accepted_at__isnull=False)
                .values_list("user_id", flat=True)),
        ))  # fmt: skip
    return grants


def test_the_reports_on_the_demo_data(client):
    seed_demo()
    client.force_login(UserFactory(role="read_only"))

    grants = demo_grants()
    response = get(client)
    assert response.status_code == 200
    assert len(grants) >= 3
    assert figures(response) == expected_figures(grants, grants)
    assert {g.result for g in grants if g.closed} == {"yes", "no"}  # the demo's two settlements

    with_the_budget = in_language(client, "en").get(BUDGET_URL)
    got = figures(with_the_budget)
    neighbourhoods = Neighbourhood.objects.filter(is_active=True).count()
    cut = Decimal("500")  # SC-16: Muziekwijk's € 500 left Samen Sterk
    allocation = neighbourhoods * Decimal("3000") + sum(line[2] for line in OTHER_LINES) - cut
    committed = sum((a.amount for a in Award.objects.all()), Decimal(0))
    paid = sum((t.amount for t in Tranche.objects.exclude(paid_on=None)), Decimal(0))
    returned = sum((a.released_amount for a in Award.objects.all()), Decimal(0))
    assert got["Allocation"][0] == euro(allocation)  # a reallocation moves, a cut takes off
    assert got["Committed"][0] == euro(committed)
    assert got["Paid"][0] == euro(paid)
    assert got["Returned"][0] == euro(returned)
    assert Decimal("110") <= returned  # the walking group: € 650 awarded, € 540 spent
    assert got["Remaining"][0] == euro(allocation - committed + returned)
    assert got["Money moved between lines"] == (euro(Decimal("3100")), "in 2 moves")
    assert got["Taken out of Samen Sterk this year (Samen Sterk 2027)"] == (
        euro(cut),
        "in 1 move, marked red in the log below",
    )
    assert got["Decision holders changed"][0] == str(IntegrityEntry.objects.count() - 3)
