"""The budget report: money per fund and line, and the budget-integrity log. The expected
figures follow from the ledger operations the test makes (known constants), never from the
selectors under test."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from budget import services
from budget.models import LineType
from tests.budget.report_helpers import euro
from tests.factories import UserFactory, open_line
from tests.language import in_language

pytestmark = pytest.mark.django_db

URL = reverse("core:report", args=["budget"])
D = Decimal


@pytest.fixture
def reader(client):
    client.force_login(UserFactory(role="read_only"))
    return client


def ledger():
    """Fund 2027 with lines A and B (€ 5.000 each), fund 2025 with line C (€ 1.000).

    A: award € 650, € 300 paid, settled at € 540 spent (€ 110 back); € 1.000 moved to B.
    B: award € 1.200, € 200 paid; a decision holder added after opening.
    """
    admin = UserFactory(role="administrator", full_name="Bea Beheer")
    line_a, holder = open_line(allocation="5000.00", name="Lijn A")
    line_b, _ = open_line(allocation="5000.00", name="Lijn B", fund=line_a.fund, holders=[holder])
    old = services.create_fund(by=admin, name="Samen Sterk 2025", starts_on=date(2025, 1, 1),
                               ends_on=date(2025, 12, 31))  # fmt: skip
    services.add_line(by=admin, fund=old, type=LineType.objects.get(name="Stedelijk"),
                      name="Lijn C", allocation=D("1000.00"), holders=[holder])  # fmt: skip
    services.open_fund(by=admin, fund=line_a.fund)
    award_a = services.approve_award(by=holder, line=line_a, amount=D("650"), description="A")
    tranche = services.plan_tranche(by=holder, award=award_a, planned_on=date(2027, 2, 1),
                                    amount=D("300"))  # fmt: skip
    services.pay_tranche(by=holder, tranche=tranche, paid_on=date(2027, 2, 1))
    services.settle_award(by=holder, award=award_a, spent=D("540"), reason="Klaar")
    award_b = services.approve_award(by=holder, line=line_b, amount=D("1200"), description="B")
    tranche = services.plan_tranche(by=holder, award=award_b, planned_on=date(2027, 3, 1),
                                    amount=D("200"))  # fmt: skip
    services.pay_tranche(by=holder, tranche=tranche, paid_on=date(2027, 3, 1))
    coordinator = UserFactory(role="facilitator_coordinator", full_name="Yvonne Kok")
    services.reallocate(by=admin, from_line=line_a, to_line=line_b, amount=D("1000"),
                        reason="Meer aanvragen in de wijk.", approved_by=coordinator)  # fmt: skip
    new_holder = UserFactory(role="budget_decision_holder", full_name="Henk Houder")
    services.change_decision_holder(by=admin, line=line_b, holder=new_holder, add=True,
                                    reason="Vervanging tijdens verlof.",
                                    approved_by=coordinator)  # fmt: skip
    return line_a.fund, old


# allocation, committed, paid, returned, remaining
A = [D("4000"), D("650"), D("300"), D("110"), D("4000") - D("650") + D("110")]
B = [D("6000"), D("1200"), D("200"), D("0"), D("6000") - D("1200")]
C = [D("1000"), D("0"), D("0"), D("0"), D("1000")]


def total(*lines):
    return [sum(values, D("0")) for values in zip(*lines, strict=True)]


def get(client, params=None):
    with translation.override("en"):
        return in_language(client, "en").get(URL, params or {})


def figures(response):
    with translation.override("en"):
        return {str(f.label): (str(f.value), str(f.note))
                for s in response.context["sections"] for f in s.figures}  # fmt: skip


def table(response, slug):
    """The table by its slug (the page is in English)."""
    with translation.override("en"):
        found = next(t for s in response.context["sections"] for t in s.tables if t.slug == slug)
        return found


def test_money_per_fund_and_line_and_the_log(reader):
    fund, _old = ledger()
    response = get(reader)

    assert response.status_code == 200
    money = total(A, B, C)
    labels = ["Allocation", "Committed", "Paid", "Returned", "Remaining"]
    got = figures(response)
    assert [got[label][0] for label in labels] == [euro(v) for v in money]
    assert table(response, "per-fund").cells() == [
        [fund.name, *total(A, B)],
        ["Samen Sterk 2025", *C],
    ]
    assert table(response, "per-budget-line").cells() == [
        [f"Lijn A ({fund.name})", "Stedelijk", *A],
        [f"Lijn B ({fund.name})", "Stedelijk", *B],
        ["Lijn C (Samen Sterk 2025)", "Stedelijk", *C],
    ]
    assert got["Money moved between lines"] == (euro(D("1000")), "in 1 move")
    assert got["Decision holders changed"][0] == "1"
    log = table(response, "budget-integrity-log")
    assert [(r["fund"], r["act"], r["details"], r["by"], r["reason"]) for r in log.rows] == [
        (fund.name, "Decision holder added", "Henk Houder · Lijn B", "Bea Beheer",
         "Vervanging tijdens verlof."),
        (fund.name, "Money moved between lines", f"{euro(D('1000'))}: Lijn A → Lijn B",
         "Bea Beheer", "Meer aanvragen in de wijk."),
    ]  # fmt: skip
    assert response.text.count('<figure class="portal-chart') == 2
    assert "Vervanging tijdens verlof." in response.text


def test_fund_and_period_filters(reader):
    fund, old = ledger()
    today = timezone.localdate()

    only_old = get(reader, {"fonds": old.pk})
    year_2027 = get(reader, {"van": "2027-01-01", "tot": "2027-12-31"})
    log_today = get(reader, {"van": today.isoformat(), "tot": today.isoformat()})
    log_later = get(reader, {"van": (today + timedelta(days=1)).isoformat()})
    bad = get(reader, {"fonds": "abc", "van": "2025-01-01", "tot": "2025-12-31"})

    assert table(only_old, "per-fund").cells() == [["Samen Sterk 2025", *C]]
    assert table(only_old, "budget-integrity-log").rows == []  # nothing logged on 2025
    assert "Nothing has been moved or changed." in only_old.text
    # The funds whose own period overlaps 2027; the log of 2027 (made today) only if today
    # falls in 2027.
    assert table(year_2027, "per-fund").cells() == [[fund.name, *total(A, B)]]
    assert len(table(log_today, "budget-integrity-log").rows) == 2
    assert table(log_later, "budget-integrity-log").rows == []
    assert figures(log_later)["Decision holders changed"][0] == "0"
    assert bad.status_code == 200
    with translation.override("en"):
        assert bad.context["form"].errors["fonds"] == [
            "Select a valid choice. abc is not one of the available choices."
        ]
    assert table(bad, "per-fund").cells() == [["Samen Sterk 2025", *C]]  # the period stays


def test_csv_and_xlsx_of_the_budget_report(reader):
    fund, _old = ledger()
    slugs = ["per-fund", "per-budget-line", "budget-integrity-log", "refused-proposals"]
    as_csv = get(reader, {"fonds": fund.pk, "_export": "csv", "tabel": slugs[1]})
    as_xlsx = get(reader, {"fonds": fund.pk, "_export": "xlsx"})

    rows = list(csv.reader(io.StringIO(as_csv.content.decode())))
    assert rows[1:] == [["Lijn A", "Stedelijk", *[f"{v:.2f}" for v in A]],
                        ["Lijn B", "Stedelijk", *[f"{v:.2f}" for v in B]]]  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(as_xlsx.content))
    assert book.sheetnames == slugs
    funds = [[c.value for c in r] for r in book.worksheets[0].iter_rows()][1:]
    assert funds == [[fund.name, *[float(v) for v in total(A, B)]]]
    log = [[c.value for c in r] for r in book.worksheets[2].iter_rows()][1:]
    assert [r[-1] for r in log] == ["Vervanging tijdens verlof.", "Meer aanvragen in de wijk."]
