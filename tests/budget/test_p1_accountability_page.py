"""P1 for the accountability's page: the accountability comes with its application in one
query, the settlement's money with that same query, and the page runs as many queries
whatever the grant holds (targets.md, tests/test_query_counts.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budget import services
from budget.application_selectors import accountability_detail, grant_money
from budget.models import Accountability, Application
from budget.services.accountability import grant_money_of, settlement
from tests.budget.followup_helpers import PNG, C, D, decided, fill_in, grant, pay_first, submitted

pytestmark = pytest.mark.django_db


def test_the_grant_money_counts_every_award_once_whatever_its_payments():
    """Two payments of the grant and one of the extra push: a sum over a join of awards and
    payments would count the grant's € 500 twice."""
    application, holder, facilitator = grant()  # € 500: € 300 and € 200
    assert grant_money_of(application) == (D("500.00"), D("0.00"))
    pay_first(application, holder)
    evaluation = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    services.pay_tranche(
        by=holder, tranche=evaluation.extra_award.tranches.get(), paid_on=timezone.localdate()
    )

    row = Application.objects.annotate(**grant_money()).get(pk=application.pk)

    assert (row.grant_awarded, row.grant_paid) == (D("600.00"), D("400.00"))
    assert grant_money_of(Application.objects.get(pk=application.pk)) == (
        D("600.00"), D("400.00"),
    )  # fmt: skip


def test_the_page_loaded_settlement_is_the_same_as_the_one_settling_uses(django_assert_num_queries):
    application, holder, facilitator = grant()
    pay_first(application, holder)
    decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    accountability = submitted(application, spent=("380.00", "0.00"))

    loaded = accountability_detail(accountability.pk, parts=("signs", "cost_lines"),
                                   with_money=True)  # fmt: skip
    with django_assert_num_queries(0):  # the money came with the application
        figures = settlement(loaded)

    assert figures == settlement(Accountability.objects.get(pk=accountability.pk))
    assert figures == {
        "awarded": D("600.00"), "paid": D("300.00"), "spent": D("380.00"),
        "released": D("300.00"), "paid_back": D("0.00"),
    }  # fmt: skip
    assert loaded.application.pk == application.pk
    assert [r.sign.position for r in loaded.sign_results.all()] == [1, 2]
    assert [s.cost_line.position for s in loaded.spending.all()] == [1, 2]


def _page_queries(client, accountability) -> int:
    lead = accountability.application.initiative.created_by
    client.force_login(lead)
    url = reverse("budget:accountability", args=[accountability.pk])
    assert client.get(url).status_code == 200  # the warm-up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_page_runs_as_many_queries_for_an_empty_as_for_a_full_accountability(client):
    empty, _holder, _facilitator = grant()
    full, holder, facilitator = grant()
    pay_first(full, holder)
    decided(full, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    accountability = fill_in(full, spent=("250.00", "20.00"))
    for name in ("bon.png", "foto.png"):
        services.add_accountability_file(
            accountability=accountability, by=full.initiative.created_by,
            upload=SimpleUploadedFile(name, PNG),
        )  # fmt: skip

    assert _page_queries(client, empty.accountability) == _page_queries(client, accountability)
    response = client.get(reverse("budget:accountability", args=[accountability.pk]))
    assert "bon.png" in response.text and "foto.png" in response.text


def test_an_accountability_that_does_not_exist_is_not_found(client):
    application, _holder, _facilitator = grant()
    client.force_login(application.initiative.created_by)
    missing = Accountability.objects.order_by("pk").last().pk + 1

    assert client.get(reverse("budget:accountability", args=[missing])).status_code == 404
    assert client.get(reverse("budget:settle", args=[missing])).status_code == 404
