"""Budget figures for the overview, all derived from the ledger (constant query count)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from budget.models import BudgetLine, Fund, IntegrityEntry


def funds() -> QuerySet[Fund]:
    return Fund.objects.annotate(
        line_count=Count("lines"), allocation=Sum("lines__allocation")
    ).order_by("-starts_on")


def lines_of(fund: Fund) -> QuerySet[BudgetLine]:
    return (
        BudgetLine.objects.filter(fund=fund)
        .select_related("type", "neighbourhood")
        .prefetch_related("decision_holders")
        .annotate(award_count=Count("awards"))
        .order_by("type__name", "name")
    )


def totals(lines) -> dict[str, Decimal]:
    keys = ("allocation", "committed", "paid", "remaining")
    return {key: sum((getattr(line, key) for line in lines), Decimal("0.00")) for key in keys}


def integrity_log(fund: Fund) -> QuerySet[IntegrityEntry]:
    return fund.integrity_log.select_related("from_line", "to_line", "holder", "by")
