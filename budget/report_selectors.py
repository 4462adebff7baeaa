"""Reads for the Samen Sterk results report and the budget report (issue #8).

Every function computes in the database with aggregation and runs one query, whatever the
number of rows: the report pages run a fixed number of queries. The definitions of the
figures are in budget/README.md ("Reports").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Aggregate,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import ExtractYear

from budget.enums import (
    AccountabilityStatus,
    ApplicationStatus,
    ChangeStatus,
    MetAgain,
    Reached,
)
from budget.models import Application, BudgetChange, BudgetLine, Fund, IntegrityEntry
from burgerkracht.core.reporting.reports import narrowed
from initiatives.models import Initiator

CENT = Decimal("0.01")
# Every application that was granted (in full or in part): a stopped or closed grant was
# granted first. A rejected or withdrawn application never carries an award.
GRANTED = (
    ApplicationStatus.GRANTED,
    ApplicationStatus.PARTLY_GRANTED,
    ApplicationStatus.STOPPED,
    ApplicationStatus.CLOSED,
)
CLOSED = Q(accountability__status=AccountabilityStatus.SETTLED)


class Median(Aggregate):
    """The median of a plain column, exact in NUMERIC: the mean of the lower and the upper
    middle value (PERCENTILE_DISC keeps the column's type, PERCENTILE_CONT would go through
    floating point)."""

    function = "PERCENTILE_DISC"
    name = "Median"
    template = (
        "((%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s) + "
        "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s DESC)) / 2)"
    )
    allow_distinct = False

    def __init__(self, expression, **extra):
        super().__init__(
            expression, output_field=DecimalField(max_digits=14, decimal_places=4), **extra
        )


def cents(amount: Decimal | None) -> Decimal | None:
    """An amount in whole cents (a median of two middle values can end in half a cent)."""
    return None if amount is None else Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


# --- Samen Sterk results ---------------------------------------------------------------------


def grants_in(
    *,
    start: date | None = None,
    end: date | None = None,
    neighbourhood: int | None = None,
    line: int | None = None,
    fund: int | None = None,
) -> QuerySet[Application]:
    """Grants whose decision was made (published) in the period, in a wijk, line or fund."""
    return narrowed(
        Application.objects.filter(status__in=GRANTED, published_at__isnull=False),
        period="published_at__date", start=start, end=end,
        neighbourhood_id=neighbourhood, line_id=line, fund_id=fund,
    )  # fmt: skip


def _result_figures() -> dict[str, Any]:
    """The aggregates of one group of grants; the accountability is one-to-one, so the join
    never counts a grant twice."""
    return {
        "initiatives": Count("initiative", distinct=True),
        "grants": Count("pk"),
        "granted": Sum("granted_amount"),
        "median": Median("granted_amount"),
        "closed": Count("pk", filter=CLOSED),
        **{
            value: Count("pk", filter=CLOSED & Q(accountability__result_reached=value))
            for value in Reached.values
        },
        "participants": Sum("accountability__participants", filter=CLOSED),
    }


def _tidy(values: Mapping[str, Any]) -> dict[str, Any]:
    row = dict(values)
    row["granted"] = cents(row["granted"]) if row["granted"] is not None else Decimal("0.00")
    row["median"] = cents(row["median"])
    row["participants"] = row["participants"] or 0
    return row


def result_totals(grants: QuerySet[Application]) -> dict[str, Any]:
    """The figures of all `grants`, and of the settled one-off events among them whether
    people met again afterwards (SC-02), in the same query."""
    one_off = CLOSED & Q(is_one_off=True)
    met_again = {
        "one_off_closed": Count("pk", filter=one_off),
        **{
            f"met_again_{value}": Count("pk", filter=one_off & Q(accountability__met_again=value))
            for value in MetAgain.values
        },
    }
    return _tidy(grants.order_by().aggregate(**_result_figures(), **met_again))


def results_per_neighbourhood(grants: QuerySet[Application]) -> list[dict[str, Any]]:
    rows = (
        grants.order_by()
        .values("neighbourhood__name")
        .annotate(**_result_figures())
        .order_by(F("neighbourhood__name").asc(nulls_last=True))
    )
    return [_tidy(row) for row in rows]


def results_per_line(grants: QuerySet[Application]) -> list[dict[str, Any]]:
    rows = (
        grants.order_by()
        .values("line_id", "line__name", "line__fund__name")
        .annotate(**_result_figures())
        .order_by("line__fund__name", "line__name", "line_id")
    )
    return [_tidy(row) for row in rows]


def results_per_year(grants: QuerySet[Application]) -> list[dict[str, Any]]:
    rows = (
        grants.order_by()
        .annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(**_result_figures())
        .order_by("year")
    )
    return [_tidy(row) for row in rows]


def new_initiators(grants: QuerySet[Application], *, start: date | None) -> int:
    """People (accepted initiators, whether or not they left since) of the initiatives
    granted here who were an initiator of no initiative granted before `start`: their first
    Samen Sterk grant falls in the period. Without a start date everyone counts as new."""
    people = Initiator.objects.filter(
        accepted_at__isnull=False,
        user__isnull=False,
        initiative__in=grants.values("initiative"),
    )
    if start:
        earlier = Application.objects.filter(
            status__in=GRANTED,
            published_at__date__lt=start,
            initiative__initiators__user=OuterRef("user"),
            initiative__initiators__accepted_at__isnull=False,
        )
        people = people.filter(~Exists(earlier))
    return people.values("user").distinct().count()


# --- Budget ----------------------------------------------------------------------------------


def funds_in(
    *, fund: int | None = None, start: date | None = None, end: date | None = None
) -> QuerySet[Fund]:
    """The chosen fund, or the funds whose own period overlaps the chosen period."""
    funds = Fund.objects.all()
    if fund:
        funds = funds.filter(pk=fund)
    if start:
        funds = funds.filter(ends_on__gte=start)
    if end:
        funds = funds.filter(starts_on__lte=end)
    return funds


REMAINING = F("allocation") - F("committed") + F("released")
MONEY = ("allocation", "committed", "paid", "released", "remaining")


def line_figures(funds: QuerySet[Fund]) -> list[dict[str, Any]]:
    """Per line: the running totals the ledger services keep, and what remains."""
    return list(
        BudgetLine.objects.filter(fund__in=funds)
        .annotate(remaining=REMAINING)  # type: ignore[no-redef]  # values(): no clash with the property
        .values("pk", "name", "type__name", "fund__name", *MONEY)
        .order_by("-fund__starts_on", "fund__name", "type__name", "name")
    )


def fund_figures(funds: QuerySet[Fund]) -> list[dict[str, Any]]:
    """Per fund: the sums over its lines (a fund without lines shows zeros)."""
    zero = Decimal("0.00")
    rows = (
        funds.order_by("-starts_on", "name")
        .values("pk", "name")
        .annotate(**{key: Sum(f"lines__{key}") for key in MONEY if key != "remaining"})
    )
    result = []
    for values in rows:
        row: dict[str, Any] = dict(values)
        row.update({key: row[key] or zero for key in MONEY if key != "remaining"})
        row["remaining"] = row["allocation"] - row["committed"] + row["released"]
        result.append(row)
    return result


def integrity_entries(
    *, fund: int | None = None, start: date | None = None, end: date | None = None
) -> list[IntegrityEntry]:
    """The budget-integrity log: money moved between lines or out of Samen Sterk, and
    decision holders changed."""
    entries = IntegrityEntry.objects.select_related(
        "fund", "from_line", "to_line", "holder", "by", "approved_by", "change"
    )
    return list(_scoped(entries, "created_at", fund, start, end).order_by("-created_at", "-pk"))


def _scoped(queryset, moment: str, fund, start, end):
    """Rows of `fund` whose `moment` falls in the chosen period."""
    if fund:
        queryset = queryset.filter(fund_id=fund)
    if start:
        queryset = queryset.filter(**{f"{moment}__date__gte": start})
    if end:
        queryset = queryset.filter(**{f"{moment}__date__lte": end})
    return queryset


def refused_changes(
    *, fund: int | None = None, start: date | None = None, end: date | None = None
) -> list[BudgetChange]:
    """Proposals during the period that a second person refused (SC-15): nothing changed,
    and the log shows them with the reason. Refused in the chosen period."""
    changes = BudgetChange.objects.filter(status=ChangeStatus.REFUSED).select_related(
        "fund", "line", "to_line", "holder", "reassign_to", "proposed_by", "decided_by"
    )
    return list(_scoped(changes, "decided_at", fund, start, end).order_by("-decided_at", "-pk"))
