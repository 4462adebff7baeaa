"""Reads for the decision register and the Meetlat coverage report (constant query count)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from burgerkracht.core.reporting.reports import percent
from burgerkracht.meetlat.enums import DecisionStatus, MeetlatAnswer
from burgerkracht.meetlat.models import Decision, PolicyDecision, Principle, PrincipleAnswer


def with_completeness(queryset: QuerySet[Decision]) -> QuerySet[Decision]:
    principles = (
        Principle.objects.filter(version=OuterRef("meetlat_version"))
        .values("version").annotate(n=Count("pk")).values("n")[:1]
    )  # fmt: skip
    answered = (
        PrincipleAnswer.objects.filter(decision=OuterRef("pk"))
        .values("decision").annotate(n=Count("pk")).values("n")[:1]
    )  # fmt: skip
    return queryset.annotate(
        principle_count=Coalesce(Subquery(principles, output_field=IntegerField()), Value(0)),
        answer_count=Coalesce(Subquery(answered, output_field=IntegerField()), Value(0)),
    )


def policy_decisions() -> QuerySet[PolicyDecision]:
    return PolicyDecision.objects.select_related("decision").annotate(
        answer_count=Count("decision__answers")
    )


def reflection_counts(today: date | None = None) -> dict[str, Count]:
    """The later reflections (principle 6) of final decisions, as aggregates: `due` (its
    date today or later, not written yet), `done` (written) and `overdue` (its date passed,
    not written). A draft has no reflection due yet."""
    today = today or timezone.localdate()
    scheduled = Q(status=DecisionStatus.FINAL, reflection_due__isnull=False)
    open_ = scheduled & Q(reflected_at__isnull=True)
    return {
        "due": Count("pk", filter=open_ & Q(reflection_due__gte=today)),
        "done": Count("pk", filter=Q(status=DecisionStatus.FINAL, reflected_at__isnull=False)),
        "overdue": Count("pk", filter=open_ & Q(reflection_due__lt=today)),
    }


@dataclass(frozen=True)
class CoverageRow:
    label: str
    total: int
    complete: int
    due: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def share(self) -> int:
        return percent(self.complete, self.total) or 0

    @property
    def cells(self) -> tuple[int, ...]:
        """The figures after the label, in the order of `views.coverage_columns`."""
        return (self.total, self.complete, self.share, self.due, self.done, self.overdue)


def _row(label: str, row: Mapping[str, Any]) -> CoverageRow:
    return CoverageRow(
        label, row["total"], row["complete"], row["due"], row["done"], row["overdue"]
    )


def coverage(*, department: str = "", today: date | None = None) -> dict:
    """The Meetlat coverage report: overall, per principle, per department, per month; with
    the later reflections due, done and overdue beside the decisions covered."""
    decisions = with_completeness(Decision.objects.all())
    if department:
        decisions = decisions.filter(department=department)
    complete_q = Q(answer_count__gte=1) & Q(answer_count=F("principle_count"))
    counts = {
        "total": Count("pk"), "complete": Count("pk", filter=complete_q),
        **reflection_counts(today),
    }  # fmt: skip
    totals = decisions.aggregate(**counts)
    by_department = [
        _row(row["department"] or "—", row)
        for row in decisions.values("department").annotate(**counts).order_by("department")
    ]
    by_month = [
        _row(row["month"].strftime("%Y-%m"), row)
        for row in decisions.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(**counts)
        .order_by("month")
    ]
    answers = PrincipleAnswer.objects.filter(decision__in=decisions.values("pk"))
    per_principle: dict[tuple[int, str], dict[str, int]] = {}
    for row in answers.values("principle__number", "principle__heading", "answer").annotate(
        n=Count("pk")
    ):
        key = (row["principle__number"], row["principle__heading"])
        tally = per_principle.setdefault(key, dict.fromkeys(MeetlatAnswer.values, 0))
        tally[row["answer"]] = row["n"]
    return {
        "overall": _row("", totals),
        "by_department": by_department,
        "by_month": by_month,
        "by_principle": sorted(per_principle.items()),
    }


def departments() -> list[str]:
    return list(
        Decision.objects.exclude(department="")
        .values_list("department", flat=True)
        .distinct()
        .order_by("department")
    )


def decisions_in(*, start=None, end=None, department: str = "", kind: str = "") -> QuerySet:
    """Decisions made (created) in a period, for the reports."""
    from burgerkracht.core.reporting.reports import narrowed

    return narrowed(
        Decision.objects.all(), period="created_at__date", start=start, end=end,
        department=department, kind=kind,
    )  # fmt: skip


def coverage_by_kind(
    decisions: QuerySet[Decision], today: date | None = None
) -> list[Mapping[str, Any]]:
    """Per kind of decision: how many, how many with a complete Meetlat, the triad:
    financial, legal and resident-input accountability written down (all three questions),
    and the later reflections due, done and overdue."""
    complete_q = Q(answer_count__gte=1) & Q(answer_count=F("principle_count"))
    financial = ~Q(financial_accountability="")
    legal = ~Q(legal_accountability="")
    residents = ~Q(resident_input_who="") & ~Q(resident_input_how="") & ~Q(resident_input_result="")
    rows = (
        with_completeness(decisions).values("kind").order_by("kind").annotate(
            total=Count("pk"), complete=Count("pk", filter=complete_q),
            financial=Count("pk", filter=financial), legal=Count("pk", filter=legal),
            residents=Count("pk", filter=residents),
            triad=Count("pk", filter=financial & legal & residents),
            **reflection_counts(today),
        )
    )  # fmt: skip
    return list(rows)


def principle_answers(decisions: QuerySet[Decision]) -> list[Mapping[str, Any]]:
    """Per principle of the current wording: how often fully, partly, not and n/a."""
    rows = (
        PrincipleAnswer.objects.filter(decision__in=decisions.values("pk"))
        .values("principle__number", "principle__heading")
        .order_by("principle__number", "principle__heading")
        .annotate(**{value: Count("pk", filter=Q(answer=value)) for value in MeetlatAnswer.values})
    )
    return list(rows)
