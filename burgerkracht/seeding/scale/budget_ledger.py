"""The money side of the scale data (`manage.py seed_scale`, see budget.py beside it): a fund
per year of the last four, and each line's running totals after the awards are written.

The ledger stays whole: each line's totals (committed, released, paid) grow by exactly what
was written, under a row lock as the services do; an allocation is raised (without an
integrity-log entry: this is test data) only as far as needed to keep about 15 % of the line
free, so no line is ever over-committed and its check constraint holds.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_UP, Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from budget import services
from budget.enums import FundStatus
from budget.models import BudgetLine, Fund, LineType
from burgerkracht.core.models import Neighbourhood
from burgerkracht.seeding.demo.budget import OTHER_LINES
from burgerkracht.seeding.scale.core import YEARS, Scale
from burgerkracht.seeding.scale.initiatives import Row

if TYPE_CHECKING:
    from burgerkracht.seeding.scale.budget import Plan

FREE_SHARE = Decimal("0.85")
Lines = dict[int, tuple[dict[int, BudgetLine], list[BudgetLine]]]


def funds(scale: Scale) -> Lines:
    """A fund per year of the last four (made once, through the services); every fund that
    is not being prepared, by year: (its line per wijk, its other lines)."""
    admin, holder = scale.user("beheer@example.org"), scale.user("zeggenschap@example.org")
    with scale.step("budget.Fund (past years)") as rows:
        for year in range(scale.today.year - YEARS + 1, scale.today.year + 1):
            name = f"Samen Sterk {year}"
            if not Fund.objects.filter(name=name).exists():
                _fund(admin, holder, name, year, closed=year < scale.today.year)
                rows[0] += 1
    funds: Lines = {}
    open_or_closed = Fund.objects.exclude(status=FundStatus.PREPARING).order_by("starts_on", "pk")
    for fund in open_or_closed.prefetch_related("lines"):
        per_neighbourhood = {x.neighbourhood_id: x for x in fund.lines.all() if x.neighbourhood_id}
        others = [line for line in fund.lines.all() if not line.neighbourhood_id]
        if per_neighbourhood or others:
            funds[fund.starts_on.year] = (
                per_neighbourhood,
                others or list(per_neighbourhood.values()),
            )
    return funds


def _fund(admin, holder, name: str, year: int, *, closed: bool) -> None:
    fund = services.create_fund(
        by=admin, name=name, starts_on=date(year, 1, 1), ends_on=date(year, 12, 31)
    )
    per_neighbourhood = LineType.objects.get(name="Smeerolie (per wijk)")
    for neighbourhood in Neighbourhood.objects.filter(is_active=True).order_by("name"):
        services.add_line(
            by=admin, fund=fund, type=per_neighbourhood, name=f"Smeerolie {neighbourhood.name}",
            neighbourhood=neighbourhood, allocation=Decimal("3000"),
            max_per_application=Decimal("1000"), holders=[holder],
        )  # fmt: skip
    for line_name, type_name, allocation, maximum in OTHER_LINES:
        services.add_line(
            by=admin, fund=fund, type=LineType.objects.get(name=type_name), name=line_name,
            allocation=allocation, max_per_application=maximum, holders=[holder],
        )  # fmt: skip
    services.open_fund(by=admin, fund=fund)
    if closed:
        services.close_fund(by=admin, fund=fund, reason="Periode afgelopen.")


def line_for(scale: Scale, funds, row: Row, moment: datetime) -> BudgetLine:
    """The line of the fund of the year the application was sent in: the wijk's own line,
    or (a quarter, and every city-wide one) another line."""
    year = moment.year + (1 if moment.month >= 11 else 0)
    per_neighbourhood, others = funds.get(year) or funds[min(funds, key=lambda y: abs(y - year))]
    if row.neighbourhood_id in per_neighbourhood and scale.chance(0.75):
        return per_neighbourhood[row.neighbourhood_id]
    return scale.rng.choice(others)


def totals(scale: Scale, plans: list[Plan], paid: dict[int, Decimal]) -> int:
    """Add what was written to each line's totals under a row lock, as the services do, and
    raise an allocation only where the new commitments would not fit with 15 % to spare."""
    added: dict[int, list[Decimal]] = {}
    for p in plans:
        if p.award is not None:
            totals = added.setdefault(p.award.line_id, [Decimal(0), Decimal(0)])
            totals[0] += p.award.amount
            totals[1] += p.award.released_amount
    now = timezone.now()
    lines = BudgetLine.objects.select_for_update().filter(pk__in=added).order_by("pk")
    for line in lines:
        committed, released = added[line.pk]
        committed += line.committed
        released += line.released
        needed = ((committed - released) / FREE_SHARE / 500).to_integral_value(ROUND_UP) * 500
        BudgetLine.objects.filter(pk=line.pk).update(
            committed=committed, released=released, paid=line.paid + paid.get(line.pk, 0),
            allocation=max(line.allocation, needed), updated_at=now,
        )  # fmt: skip
    return len(added)
