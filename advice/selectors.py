"""What the register pages read: who sees which advices and requests, the register with its
counts annotated in one query, and the public view of the chain."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from advice import permissions
from advice.enums import (
    OPEN_PROMISE,
    VERDICT_ONLY,
    AdviceStatus,
    AnswerStatus,
    PromiseStatus,
    RequestStatus,
)
from advice.models import Advice, AdviceRequest, Promise
from burgerkracht.core.models import AuditEvent

PUBLIC_STATUSES = (AdviceStatus.FINAL, AdviceStatus.ANSWERED, AdviceStatus.CLOSED)


def visible_advices(user: Any) -> QuerySet[Advice]:
    """Internal staff see every advice; a body sees its own in every status, and the other
    bodies' advices once they are no concept (and not withdrawn): permissions.
    advices_visible_to."""
    return permissions.advices_visible_to(user)


REGISTER_FIELDS = (
    "reference", "title", "kind", "status", "received_on", "response_due", "body__short_name",
)  # fmt: skip


def register_rows(user: Any) -> QuerySet[Advice]:
    """The register: every visible advice with its open and overdue promises counted and its
    answer state read in the same query, so the page costs the same at 10 and 1,000 rows.
    The counts are correlated subqueries, not a GROUP BY over every advice: PostgreSQL
    takes the page in order first and counts for its rows only (target P2). Only the columns
    the register shows are read (RegisterTable): no summary, no request."""
    today = timezone.localdate()
    open_promises = Promise.objects.filter(advice=OuterRef("pk"), status__in=OPEN_PROMISE)
    return (
        visible_advices(user)
        .select_related("body")
        .only(*REGISTER_FIELDS)
        .annotate(
            open_promises=_count(open_promises),
            overdue_promises=_count(open_promises.filter(due_on__lt=today)),
            answer_overdue=Case(
                When(status=AdviceStatus.FINAL, response_due__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            answer_status=F("answer__status"),
        )
    )


def _count(rows: QuerySet) -> Coalesce:
    counted = rows.order_by().values("advice").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def open_requests(user: Any) -> QuerySet[AdviceRequest]:
    """Requests still waiting for an advice: all for internal staff, a body's own for it."""
    return (
        permissions.advice_requests_visible_to(user)
        .filter(status__in=(RequestStatus.OPEN, RequestStatus.LAPSED))
        .select_related("body")
        .order_by("deadline", "pk")
    )


def request_timeline(request: AdviceRequest) -> list[dict[str, Any]]:
    """The request's history from the audit trail; a moved deadline or decision moment shows
    its old and new date (re-agendering stays visible)."""
    labels = {
        "advice_request.created": _("Request sent to the body"),
        "advice_request.updated": _("Request changed"),
        "advice_request.answered": _("The advice came in"),
        "advice_request.lapsed": _("The deadline passed without an advice"),
        "advice_request.withdrawn": _("Request withdrawn"),
        "advice_request.reopened": _("Open again: the advice went back to concept"),
    }
    names = {"deadline": _("Deadline"), "decision_moment": _("Decision moment")}
    events = AuditEvent.objects.for_subject(request).select_related("actor")
    return [
        {
            "at": event.created_at,
            "actor": event.actor,
            "label": labels.get(event.action, event.action),
            "reason": event.reason,
            "moves": [
                (names.get(name, name), _date(old), _date(new))
                for name, (old, new) in (event.data.get("moved") or {}).items()
            ],
        }
        for event in events.order_by("created_at", "pk")
    ]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def advice_detail(pk: int) -> Advice:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Advice.objects.select_related(
            "body",
            "advice_request",
            "answer",
            "contact",
            "backup_contact",
            "body_contact",
            "evaluation",
        ),
        pk=pk,
    )


def promises_of(advice: Advice) -> list[Any]:
    """The promises of an advice; each with `outcome_reason`: why it was not (fully) kept
    (the verdict at the evaluation) or why it was dropped, so that a promise that was not
    delivered is never shown without its reason (SC-04)."""
    promises = list(
        advice.promises.select_related("owner", "recommendation", "verdict").order_by(
            "due_on", "pk"
        )
    )
    for promise in promises:
        promise.outcome_reason = outcome_reason(promise)  # type: ignore[attr-defined]
    return promises


def outcome_reason(promise: Any) -> str:
    if promise.status in VERDICT_ONLY:
        verdict = getattr(promise, "verdict", None)
        return verdict.note if verdict is not None else ""
    if promise.status == PromiseStatus.DROPPED:
        return promise.drop_reason
    return ""


# --- public --------------------------------------------------------------------------------


def public_advices() -> QuerySet[Advice]:
    return Advice.objects.filter(is_public=True, status__in=PUBLIC_STATUSES).select_related("body")


def public_years() -> list[int]:
    years = (
        public_advices()
        .exclude(received_on__isnull=True)
        .annotate(year=ExtractYear("received_on"))
        .values_list("year", flat=True)
    )
    return sorted(set(years), reverse=True)


def published_answer(advice: Advice) -> Any:
    answer = getattr(advice, "answer", None)
    return answer if answer is not None and answer.status == AnswerStatus.PUBLISHED else None


# --- counts in one query ----------------------------------------------------------------------


def counted(queryset: QuerySet, field: str = "pk", *, distinct: bool = False) -> Coalesce:
    """COUNT(`field`) of `queryset` as a scalar subquery (see counts_on_row); 0, not None,
    when `queryset` is empty by definition (`.none()`: what a person may not see)."""
    template = "%(function)s(DISTINCT %(expressions)s)" if distinct else None
    extra: dict[str, Any] = {"template": template} if template else {}
    count = Func(F(field), function="COUNT", **extra)
    rows = queryset.order_by().annotate(n=count).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def counts_on_row(user: Any, **counts: Subquery) -> dict[str, int]:
    """Several counts in one query: each a scalar subquery on the person's own row."""
    from burgerkracht.accounts.models import User

    return User.objects.filter(pk=user.pk).values(**counts).get()  # type: ignore[return-value]
