"""Issue #22 §3: the share of finished grants that reached their result is computed once here
from the rows, by the portal's one rounding rule written out (a whole percent, halves up), and
every page that shows it says exactly that: the public results page, the Samen Sterk page and
the Samen Sterk report (whose sections the annual report prints). 4 of 6 is 67 % everywhere;
before, the public pages rounded down to 66 %."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from budget.models import Accountability
from burgerkracht.core.reporting.reports import percent
from burgerkracht.core.ui.formatting import euro
from tests.budget.report_helpers import make_grant, settle
from tests.factories import UserFactory, open_line
from tests.language import in_language

pytestmark = pytest.mark.django_db
REPORT = reverse("core:report", args=["samen-sterk"])


@pytest.mark.parametrize(
    ("part", "whole", "want"),
    [(4, 6, 67), (1, 8, 13), (1, 3, 33), (0, 5, 0), (5, 5, 100), (0, 0, None)],
)
def test_the_one_rounding_rule(part, whole, want):
    assert percent(part, whole) == want


def test_the_reached_share_is_the_same_on_every_page(client):
    line, _holder = open_line(allocation="9000.00")
    today = timezone.localdate()
    grants = [make_grant(line, amount="500.00", decided_on=today) for _ in range(6)]
    for n, grant in enumerate(grants):
        settle(grant, result="yes" if n < 4 else "no", participants=5)
    settled = Accountability.objects.filter(application__in=grants, status="settled")
    reached = settled.filter(result_reached="yes").count()
    exact = Decimal(100 * reached) / settled.count()
    want = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    year = line.fund.starts_on.year

    results = client.get(reverse("budget:public-results"), {"jaar": year})
    samen_sterk = client.get(reverse("budget:samen-sterk"), {"jaar": year})
    client.force_login(UserFactory(role="read_only"))
    with translation.override("en"):
        report = in_language(client, "en").get(REPORT)
        shown = {str(f.label): str(f.value) for s in report.context["sections"] for f in s.figures}

    assert (reached, settled.count(), want) == (4, 6, 67)
    assert results.context["figures"].reached_percent == want
    assert f"Dat is {want}% van de afgeronde initiatieven." in results.content.decode()
    assert f"Dat is {want}% van de afgeronde initiatieven." in samen_sterk.content.decode()
    assert shown["Reached their own intended result"] == f"{want}%"


def _figure(response, label) -> str:
    return next(
        str(f.value)
        for s in response.context["sections"]
        for f in s.figures
        if str(f.label) == label
    )


def test_each_money_figure_is_computed_once_from_the_ledger_and_shown_alike(client):
    """The three money figures of docs/reports.md, each computed here once from the ledger's
    rows, and every page and export that shows it: "toegezegd" (every award on the lines),
    "gegeven geld" (the year's grants plus extra money) and "totaal toegekend" (the amounts of
    the decisions published in the period). An award made without an application counts in
    the first only; a grant's unspent money comes back as "teruggekomen"."""
    from budget.models import Application, Award
    from budget.services import approve_award

    line, holder = open_line(allocation="9000.00")
    today = timezone.localdate()
    first = make_grant(line, amount="1000.00", decided_on=today)
    make_grant(line, amount="600.00", decided_on=today)
    approve_award(by=holder, line=line, amount=Decimal("150.00"), description="Wandelgroep")
    settle(first, result="yes", participants=8)
    awards = Award.objects.filter(line__fund=line.fund)
    committed = sum(a.amount for a in awards)
    returned = sum(a.released_amount for a in awards)
    grants = Application.objects.filter(award__line__fund=line.fund)
    given = sum(g.award.amount for g in grants)
    granted = sum(g.award.amount for g in grants if g.published_at)
    period = {"van": f"{today.year - 1}-01-01", "tot": f"{line.fund.ends_on.year}-12-31"}

    public = client.get(reverse("budget:samen-sterk"), {"jaar": line.fund.starts_on.year})
    client.force_login(UserFactory(role="read_only"))
    budget_report = client.get(reverse("core:report", args=["budget"]), period)
    budget_csv = client.get(
        reverse("core:report", args=["budget"]), {**period, "_export": "csv", "tabel": "per-fonds"}
    )
    samen_sterk_report = client.get(REPORT, period)
    client.force_login(UserFactory(role="facilitator"))
    overview = client.get(reverse("budget:overview", args=[line.fund.pk]))

    assert (committed, given, granted) == (
        Decimal("1750.00"),
        Decimal("1600.00"),
        Decimal("1600.00"),
    )
    assert returned >= 0
    assert overview.context["totals"]["committed"] == committed
    assert overview.context["totals"]["released"] == returned
    assert _figure(budget_report, "Toegezegd") == euro(committed)
    assert _figure(budget_report, "Teruggekomen") == euro(returned)
    csv_row = budget_csv.content.decode().splitlines()[1]
    assert f"{committed}" in csv_row.split(",")
    assert public.context["figures"].granted == given
    assert _figure(samen_sterk_report, "Totaal toegekend") == euro(granted)
