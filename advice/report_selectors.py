"""What the advice report and the advice part of the continuity report read (issue #8).

Every function is one aggregate query in the database, whatever the number of advices: the
advice-level counts (kind, answer, evaluation) share one query because an advice has at most
one answer and one evaluation, so the joins do not multiply rows. Recommendations and promises
are many per advice and get a query each. Definitions: advice/README.md, "The advice report".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Count, DurationField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, Length, Trim
from django.db.models.lookups import GreaterThan

from advice.enums import (
    OPEN_PROMISE,
    Adoption,
    AdviceEvaluationStatus,
    AdviceKind,
    AdviceStatus,
    AnswerStatus,
    Kept,
    MemberRole,
    PromiseStatus,
)
from advice.models import Advice, AdvisoryBody, Promise, Recommendation
from burgerkracht.core.reporting.reports import narrowed

# Advices the municipality has received: sent by the body, not (back) in concept.
RECEIVED = (AdviceStatus.FINAL, AdviceStatus.ANSWERED, AdviceStatus.CLOSED)
# Every answer but "adopted" must carry its reasons (BR-51), "already policy" included.
NEEDS_REASON = (Adoption.PARTLY, Adoption.NOT_ADOPTED, Adoption.ALREADY_POLICY)
# Advices whose contact person still matters for continuity: the municipality works on them.
IN_PROGRESS = (AdviceStatus.FINAL, AdviceStatus.ANSWERED)


def advices_in(
    *, start: date | None = None, end: date | None = None, body: AdvisoryBody | None = None
) -> QuerySet[Advice]:
    """Advices received (final, answered or closed) in the period, by the date received."""
    return narrowed(
        Advice.objects.filter(status__in=RECEIVED, received_on__isnull=False),
        period="received_on",
        start=start,
        end=end,
        body=body,
    )


def advice_counts(advices: QuerySet[Advice], today: date) -> list[Mapping[str, Any]]:
    """Per body and year received: solicited and unsolicited advices; the answer on time,
    late, open, open and overdue, with the total days to a published answer; and the
    evaluation done, due or planned later. One query."""
    published = Q(answer__status=AnswerStatus.PUBLISHED)
    answered_on, due = F("answer__published_at__date"), F("response_due")
    planned = Q(evaluation__status=AdviceEvaluationStatus.PLANNED)
    rows = (
        advices.values(body_name=F("body__short_name"), year=ExtractYear("received_on"))
        .order_by("body_name", "year")
        .annotate(
            solicited=Count("pk", filter=Q(kind=AdviceKind.SOLICITED)),
            unsolicited=Count("pk", filter=Q(kind=AdviceKind.UNSOLICITED)),
            total=Count("pk"),
            on_time=Count("pk", filter=published & Q(answer__published_at__date__lte=due)),
            late=Count("pk", filter=published & Q(answer__published_at__date__gt=due)),
            open=Count("pk", filter=~published & Q(response_due__gte=today)),
            overdue=Count("pk", filter=~published & Q(response_due__lt=today)),
            answered=Count("pk", filter=published),
            answer_time=Sum(answered_on - F("received_on"), output_field=DurationField(),
                            filter=published),
            evaluated=Count("pk", filter=Q(evaluation__status=AdviceEvaluationStatus.DONE)),
            evaluation_due=Count("pk", filter=planned & Q(evaluation__due_on__lte=today)),
            evaluation_later=Count("pk", filter=planned & Q(evaluation__due_on__gt=today)),
        )
    )  # fmt: skip
    return list(rows)


def recommendation_counts(advices: QuerySet[Advice]) -> list[Mapping[str, Any]]:
    """Per body: the answers to recommendations in published answers only (a draft answer is
    internal), and how many of those not (fully) adopted carry reasons. One query."""
    needs_reason = Q(adoption__in=NEEDS_REASON)
    has_reason = GreaterThan(Length(Trim("reason")), 0)
    rows = (
        Recommendation.objects.filter(  # type: ignore[no-redef]  # values() rows may reuse a name
            advice__in=advices.values("pk"), advice__answer__status=AnswerStatus.PUBLISHED
        )
        .values(body_name=F("advice__body__short_name"))
        .order_by("body_name")
        .annotate(
            **{value: Count("pk", filter=Q(adoption=value)) for value in Adoption.values},
            needs_reason=Count("pk", filter=needs_reason),
            with_reason=Count("pk", filter=needs_reason & Q(has_reason)),
        )
    )
    return list(rows)


def promise_counts(advices: QuerySet[Advice], today: date) -> list[Mapping[str, Any]]:
    """Per body: the promises of the advices by status, open split into on time and overdue
    (derived, as everywhere in the register), and the verdicts given at evaluations."""
    rows = (
        Promise.objects.filter(advice__in=advices.values("pk"))
        .values(body_name=F("advice__body__short_name"))
        .order_by("body_name")
        .annotate(**_promise_aggregates(today))
    )
    return list(rows)


def _promise_aggregates(today: date) -> dict[str, Count]:
    open_promise = Q(status__in=OPEN_PROMISE)
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=PromiseStatus.DONE)),
        "open": Count("pk", filter=open_promise & Q(due_on__gte=today)),
        "overdue": Count("pk", filter=open_promise & Q(due_on__lt=today)),
        "dropped": Count("pk", filter=Q(status=PromiseStatus.DROPPED)),
        "kept": Count("pk", filter=Q(verdict__kept=Kept.KEPT)),
        "partly_kept": Count("pk", filter=Q(verdict__kept=Kept.PARTLY)),
        "not_kept": Count("pk", filter=Q(verdict__kept=Kept.NOT_KEPT)),
    }


def own_promise_counts(today: date, body: AdvisoryBody | None = None) -> list[dict[str, Any]]:
    """Per agenda (SC-10), and once for the commitments without one (agenda_name ""): the
    promises on their own by status and verdict, as promise_counts. Their current state,
    whatever the period; narrowed to the agendas `body` handed in."""
    promises = Promise.objects.filter(advice__isnull=True)
    if body is not None:
        promises = promises.filter(agenda__body=body)
    rows = (
        promises.values(agenda_name=Coalesce("agenda__title", Value("")))
        .order_by("agenda_name")
        .annotate(**_promise_aggregates(today))
    )
    return [dict(row) for row in rows]  # the report names the agenda-less row


def meeting_counts(body: AdvisoryBody | None = None) -> list[Mapping[str, Any]]:
    """Per body (the active ones, or `body`) and calendar year: the meetings with the college.
    A body without meetings comes back once, with year None and count 0. One query."""
    bodies = (
        AdvisoryBody.objects.filter(pk=body.pk)
        if body
        else AdvisoryBody.objects.filter(is_active=True)
    )
    rows = (
        bodies.values("short_name", year=ExtractYear("meetings__date"))  # type: ignore[no-redef]
        .order_by("short_name", "year")
        .annotate(meetings=Count("meetings"))
    )
    return list(rows)


# --- continuity ----------------------------------------------------------------------------


def advices_at_risk() -> list[Mapping[str, Any]]:
    """Advices the municipality works on (final or answered) that hang on one person: no
    contact person, a contact who is no longer active, or no active backup."""
    no_contact = Q(contact__isnull=True)
    contact_gone = Q(contact__is_active=False)
    no_backup = Q(backup_contact__isnull=True) | Q(backup_contact__is_active=False)
    rows = (
        Advice.objects.filter(status__in=IN_PROGRESS)
        .filter(no_contact | contact_gone | no_backup)
        .annotate(no_contact=Q(no_contact), contact_gone=Q(contact_gone), no_backup=Q(no_backup))
        .values("reference", "title", "no_contact", "contact_gone", "no_backup")
        .order_by("reference")
    )
    return list(rows)


def bodies_at_risk() -> list[Mapping[str, Any]]:
    """Active bodies with at most one current member who is active, or no current secretary
    who is active."""
    current = Q(memberships__ended_on__isnull=True, memberships__user__is_active=True)
    rows = (
        AdvisoryBody.objects.filter(is_active=True)
        .annotate(
            members=Count("memberships", filter=current),
            secretaries=Count(
                "memberships", filter=current & Q(memberships__role=MemberRole.SECRETARY)
            ),
        )
        .filter(Q(members__lte=1) | Q(secretaries=0))
        .values("short_name", "name", "members", "secretaries")
        .order_by("short_name")
    )
    return list(rows)


def promises_at_risk() -> list[Mapping[str, Any]]:
    """Open promises whose owner is no longer active (the owner is required, so never
    missing in the database)."""
    rows = (
        Promise.objects.filter(status__in=OPEN_PROMISE, owner__is_active=False)
        .values(
            "pk",
            "text",
            "due_on",
            # a promise on its own: its agenda, or where it was promised (SC-10)
            reference=Coalesce("advice__reference", "agenda__title", "source_description"),
        )
        .order_by("advice__reference", "due_on", "pk")
    )
    return list(rows)
