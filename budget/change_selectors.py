"""Reads of the proposals to change the budget during the open period (SC-15, SC-16)."""

from __future__ import annotations

from django.db.models import QuerySet

from budget.enums import ChangeStatus
from budget.models import BudgetChange, Fund


def refused_changes(fund: Fund) -> QuerySet[BudgetChange]:
    """Proposals a second person refused: they stay visible in the log, with the reason."""
    return budget_change_queryset().filter(fund=fund, status=ChangeStatus.REFUSED)


def budget_change_queryset() -> QuerySet[BudgetChange]:
    return BudgetChange.objects.select_related(
        "fund", "line", "to_line", "holder", "reassign_to", "proposed_by", "decided_by"
    )


DECIDED_SHOWN = 30


def budget_changes() -> tuple[list[BudgetChange], list[BudgetChange]]:
    """The proposals waiting for approval (oldest first), and the latest decided ones."""
    waiting = list(
        budget_change_queryset().filter(status=ChangeStatus.PROPOSED).order_by("proposed_at")
    )
    decided = list(
        budget_change_queryset()
        .exclude(status=ChangeStatus.PROPOSED)
        .order_by("-decided_at", "-pk")[:DECIDED_SHOWN]
    )
    return waiting, decided
