import re
from decimal import Decimal

import pytest
from django.urls import reverse

from budget import services
from budget.models import BudgetLine, Fund, IntegrityEntry
from tests.factories import UserFactory, open_line

pytestmark = pytest.mark.django_db


def _fund_with_awards():
    admin = UserFactory(role="administrator")
    line_a, holder = open_line(allocation="1000.00", name="Wijk A")
    line_b, _ = open_line(fund=line_a.fund, allocation="500.00", holders=[holder], name="Wijk B")
    services.open_fund(by=admin, fund=line_a.fund)
    services.approve_award(by=holder, line=line_a, amount=Decimal("300.00"), description="x")
    award = services.approve_award(
        by=holder, line=line_b, amount=Decimal("200.00"), description="y"
    )
    services.settle_award(by=holder, award=award, spent=Decimal("150.00"))
    return line_a.fund, admin


def test_overview_figures_equal_the_ledger(client):
    fund, _admin = _fund_with_awards()
    client.force_login(UserFactory(role="read_only"))

    response = client.get(reverse("budget:overview", args=[fund.pk]))
    csv = client.get(reverse("budget:overview", args=[fund.pk]), {"_export": "csv"})

    rows = [(line.name, line.allocation, line.committed, line.remaining, line.award_count)
            for line in response.context["lines"]]  # fmt: skip
    assert rows == [
        ("Wijk A", Decimal("1000.00"), Decimal("300.00"), Decimal("700.00"), 1),
        ("Wijk B", Decimal("500.00"), Decimal("200.00"), Decimal("350.00"), 1),
    ]
    assert response.context["totals"]["remaining"] == Decimal("1050.00")
    assert '<figure class="portal-chart' in response.text  # the chart, as HTML bars
    assert csv.content.decode().splitlines()[1:] == [
        "Wijk A,Stedelijk,1000.00,300.00,0.00,0.00,700.00,1,0.00",
        "Wijk B,Stedelijk,500.00,200.00,50.00,0.00,350.00,1,0.00",
    ]


CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def _screen_rows(html: str) -> list[list[str]]:
    """The cells of the overview table as shown, in Dutch number format."""
    table = html[html.index("<tbody") : html.index("</tfoot>")]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in table.split("<tr")[1:]
    ]


def _euro(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def test_overview_shows_returned_so_that_the_columns_add_up_on_screen(client):
    """Issue #22 §3: allocation - committed + returned = remaining, read from the page."""
    fund, _admin = _fund_with_awards()
    client.force_login(UserFactory(role="read_only"))

    html = client.get(reverse("budget:overview", args=[fund.pk])).content.decode()

    header = re.findall(r'<th class="utrecht-table__header-cell" scope="col">([^<]*)</th>', html)
    assert header[:6] == [
        "Lijn",
        "Budget",
        "Toegezegd",
        "Teruggekomen",
        "Betaald",
        "Nog beschikbaar",
    ]
    rows = _screen_rows(html)
    assert [r[:6] for r in rows] == [
        ["Wijk A", "1.000,00", "300,00", "0,00", "0,00", "700,00"],
        ["Wijk B", "500,00", "200,00", "50,00", "0,00", "350,00"],
        ["Totaal", "1.500,00", "500,00", "50,00", "0,00", "1.050,00"],
    ]
    for _name, allocation, committed, returned, _paid, remaining in (r[:6] for r in rows):
        assert _euro(allocation) - _euro(committed) + _euro(returned) == _euro(remaining)


def test_every_budget_chart_gives_a_money_figure_the_same_colour():
    """The overview and the budget report draw each figure in its own colour, never the
    colour of another figure (issue #22 §3)."""
    from budget.reports import _money_chart
    from budget.views.ledger import _lines_chart
    from burgerkracht.core.ui.colours import BY_HEX, MONEY_COLOURS

    per_fund = _money_chart("f", "name", ["committed", "paid", "remaining"])
    per_line = _money_chart("l", "label", ["allocation", "committed", "paid"])
    overview = _lines_chart("nl", ("A",), (1,), (2,))

    assert per_fund.colours == [MONEY_COLOURS[k] for k in ("committed", "paid", "remaining")]
    assert per_line.colours == [MONEY_COLOURS[k] for k in ("allocation", "committed", "paid")]
    assert len(set(MONEY_COLOURS.values())) == len(MONEY_COLOURS)
    drawn = {segment.css_class for segment in overview.rows[0].bars[0].segments}
    assert drawn == {BY_HEX[MONEY_COLOURS[k]].css_class for k in ("committed", "remaining")}


def test_administrator_proposes_moving_money_and_it_shows_in_the_log_once_approved(client):
    fund, admin = _fund_with_awards()
    a, b = BudgetLine.objects.filter(fund=fund).order_by("name")
    client.force_login(admin)

    refused = client.post(
        reverse("budget:reallocate", args=[fund.pk]),
        {"from_line": a.pk, "to_line": b.pk, "amount": "5000", "reason": "Te veel"},
    )
    moved = client.post(
        reverse("budget:reallocate", args=[fund.pk]),
        {"from_line": a.pk, "to_line": b.pk, "amount": "100.00", "reason": "Wijk B groeit"},
    )
    assert not IntegrityEntry.objects.exists()  # the period is open: a proposal waits
    client.force_login(UserFactory(role="facilitator_coordinator", full_name="Yvonne Kok"))
    client.post(moved["Location"], {"action": "approve"})
    log = client.get(reverse("budget:integrity-log", args=[fund.pk]))
    client.force_login(admin)

    nothing = client.post(
        reverse("budget:reallocate", args=[fund.pk]),
        {"from_line": a.pk, "to_line": b.pk, "amount": "0", "reason": "Per ongeluk nul ingevuld."},
    )

    assert refused.status_code == 200
    assert "700,00" in refused.text  # the error names what is left
    assert nothing.status_code == 200
    assert "Het bedrag moet meer dan € 0 zijn." in nothing.text
    assert "maximaal" not in nothing.text
    assert moved.status_code == 302
    assert IntegrityEntry.objects.get().reason == "Wijk B groeit"
    assert "Wijk B groeit" in log.text and "Yvonne Kok" in log.text


def test_administrator_sets_up_a_fund_in_the_portal(client):
    admin = UserFactory(role="administrator")
    holder = UserFactory(role="budget_decision_holder")
    client.force_login(admin)

    created = client.post(
        reverse("budget:fund-create"),
        {"name": "Samen Sterk 2028", "starts_on": "2028-01-01", "ends_on": "2028-12-31"},
    )
    fund = Fund.objects.get(name="Samen Sterk 2028")
    client.post(
        reverse("budget:line-create", args=[fund.pk]),
        {
            "type": _stedelijk().pk,
            "name": "Stedelijk",
            "allocation": "10000",
            "holders": [holder.pk],
        },
    )
    opened = client.post(reverse("budget:fund-open", args=[fund.pk]))

    fund.refresh_from_db()
    assert created["Location"] == fund.get_absolute_url()
    assert opened.status_code == 302
    assert fund.status == "open"
    assert list(fund.lines.get().decision_holders.all()) == [holder]


def _stedelijk():
    from budget.models import LineType

    return LineType.objects.get(name="Stedelijk")


def test_overview_runs_the_same_number_of_queries_at_10_and_100_lines(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    line, holder = open_line(name="L0")
    for n in range(1, 10):
        open_line(fund=line.fund, holders=[holder], name=f"L{n}")
    client.force_login(UserFactory(role="read_only"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("budget:overview", args=[line.fund.pk]))
    for n in range(10, 100):
        open_line(fund=line.fund, holders=[holder], name=f"L{n}")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("budget:overview", args=[line.fund.pk]))

    assert len(small) == len(large)
    assert len(large) <= 12
