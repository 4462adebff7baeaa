"""The Samen Sterk and budget report pages run a fixed number of queries: at most 12, and
exactly as many at 10 as at 10,000 underlying rows (extra rows made with bulk_create)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from budget.enums import AccountabilityStatus, ApplicationStatus, IntegrityAct
from budget.models import Accountability, Application, Award, BudgetLine, IntegrityEntry
from tests.budget.report_helpers import scenario
from tests.factories import UserFactory
from tests.language import in_language

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


@pytest.fixture
def reader(client):
    client.force_login(UserFactory(role="read_only"))
    return client


def add_grants(n: int, template: Application) -> None:
    """n granted applications like `template`, every other one settled with a result."""
    now = timezone.now()
    awards = Award.objects.bulk_create(
        Award(line_id=template.line_id, initiative_id=template.initiative_id, description="Bulk",
              amount=Decimal(100 + i % 900), awarded_by_id=template.decided_by_id)
        for i in range(n)
    )  # fmt: skip
    applications = Application.objects.bulk_create(
        Application(initiative_id=template.initiative_id, fund_id=template.fund_id,
                    line_id=template.line_id, neighbourhood_id=template.neighbourhood_id,
                    status=ApplicationStatus.CLOSED if i % 2 else ApplicationStatus.GRANTED,
                    submitted_at=now, published_at=now - timedelta(days=i % 700),
                    created_by_id=template.created_by_id, outcome="granted",
                    granted_amount=award.amount, award=award)
        for i, award in enumerate(awards)
    )  # fmt: skip
    Accountability.objects.bulk_create(
        Accountability(application=a, due_on=now.date(), status=AccountabilityStatus.SETTLED,
                       settled_at=now, result_reached=("yes", "partly", "no")[i % 3],
                       participants=i % 20)
        for i, a in enumerate(applications) if i % 2
    )  # fmt: skip


def count(client, url, params=None) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries, translation.override("en"):
        response = in_language(client, "en").get(url, params or {})
    assert response.status_code == 200
    return len(queries), response


def test_samen_sterk_report_queries_are_the_same_at_10_and_10000_grants(reader):
    grants = scenario()  # 5 grants and a rejected application
    template = grants[0].application
    add_grants(5, template)
    url = reverse("core:report", args=["samen-sterk"])
    filtered = {"van": "2020-01-01", "wijk": template.neighbourhood_id,
                "lijn": template.line_id, "fonds": template.fund_id}  # fmt: skip
    reader.get(url)  # warm the caches of the first request
    small, _ = count(reader, url)
    small_filtered, _ = count(reader, url, filtered)
    add_grants(9_990, template)
    large, response = count(reader, url)
    large_filtered, _ = count(reader, url, filtered)

    assert response.context["sections"][0].figures[2].value == 10_000  # "Grants"
    assert small == large, (small, large)
    assert small_filtered == large_filtered, (small_filtered, large_filtered)
    assert large <= MAX_QUERIES
    assert large_filtered <= MAX_QUERIES


def test_budget_report_queries_are_the_same_at_10_and_10000_rows(reader):
    grants = scenario()
    line = BudgetLine.objects.get(name="Lijn A")
    admin = UserFactory(role="administrator")
    template = grants[0].application

    def bulk(n):
        IntegrityEntry.objects.bulk_create(
            IntegrityEntry(act=IntegrityAct.HOLDER_ADDED, fund_id=line.fund_id, to_line=line,
                           holder=admin, reason=f"Reden {i}", by=admin)
            for i in range(n)
        )  # fmt: skip
        Award.objects.bulk_create(
            Award(line=line, description="Bulk", amount=Decimal(10), awarded_by=admin)
            for _ in range(n)
        )

    bulk(5)  # with the scenario's 5 awards: 10 awards
    url = reverse("core:report", args=["budget"])
    reader.get(url)
    small, _ = count(reader, url)
    small_filtered, _ = count(reader, url, {"fonds": line.fund_id, "van": "2020-01-01"})
    bulk(9_995)
    large, response = count(reader, url)
    large_filtered, _ = count(reader, url, {"fonds": line.fund_id, "van": "2020-01-01"})

    assert len(response.context["sections"][1].tables[0].rows) == 10_000  # the whole log
    assert small == large
    assert small_filtered == large_filtered
    assert large <= MAX_QUERIES
    assert large_filtered <= MAX_QUERIES
    assert template.award_id
