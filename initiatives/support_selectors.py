"""Reading support requests: an initiative's requests, the jager's list of open requests
(oldest first), and what is overdue (settings.SUPPORT_ESCALATION_DAYS)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone

from initiatives import support_rules as rules
from initiatives.models import Initiative
from initiatives.support_enums import WAITING
from initiatives.support_models import JagerAppointment, SupportRequest, escalation_days


def overdue_before(today: date | None = None) -> date:
    """A request asked on or before this day waits too long."""
    return (today or timezone.localdate()) - timedelta(days=escalation_days())


def requests_of(initiative: Initiative) -> list[SupportRequest]:
    return list(
        SupportRequest.objects.filter(initiative=initiative).select_related(
            "organisation", "holder_organisation"
        )
    )


def open_requests_for(user) -> QuerySet[SupportRequest]:
    """The jager's list: every open request of the initiatives `user` may see (as jager,
    facilitator or coordinator), across departments, oldest first."""
    return (
        rules.support_visible_to(user, SupportRequest.objects.filter(status__in=WAITING))
        .select_related("initiative", "organisation", "holder_organisation")
        .order_by("asked_at", "pk")
    )


def overdue_requests() -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(
        status__in=WAITING, asked_at__date__lte=overdue_before()
    ).select_related("initiative")


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def section_columns() -> dict[str, Any]:
    """The initiative's current jager (with the departments of the mandate) and its requests,
    as JSON columns of the initiative's own query (support_jager_row, support_request_rows):
    the initiative's page runs no query more for them (target P1)."""
    departments = JagerAppointment.departments.through.objects.filter(
        jagerappointment=OuterRef("pk")
    ).order_by("organisation__name")
    jager = JagerAppointment.objects.filter(initiative=OuterRef("pk"), ended_at__isnull=True)
    jager_row = jager.values(
        row=JSONObject(
            name="jager__full_name",
            email="jager__email",
            mandate="mandate",
            money_limit="money_limit",
            departments=ArraySubquery(departments.values("organisation__name")),
        )
    )[:1]
    requests = SupportRequest.objects.filter(initiative=OuterRef("pk")).order_by("asked_at", "pk")
    request_rows = ArraySubquery(
        requests.values(
            row=JSONObject(
                pk="pk",
                question="question",
                domain="domain",
                status="status",
                holder_name="holder_name",
                organisation="holder_organisation__name",
                asked_at="asked_at",
                closed_at="closed_at",
            )
        )
    )
    return {"support_jager_row": Subquery(jager_row), "support_request_rows": request_rows}


def _section_row(initiative: Initiative) -> dict[str, Any]:
    """The columns of section_columns: from the initiative when it was read with them, else
    in one query."""
    if hasattr(initiative, "support_request_rows"):
        read: Any = initiative
        return {"jager": read.support_jager_row, "requests": read.support_request_rows}
    row: Any = Initiative.objects.filter(pk=initiative.pk).values(**section_columns()).get()
    return {"jager": row["support_jager_row"], "requests": row["support_request_rows"]}


def section(user, initiative: Initiative) -> dict | None:
    """The "Support requests" part of the initiative's page, for its people (None otherwise):
    its requests, its jager with the mandate, and what `user` may do."""
    if not rules.is_involved(user, initiative):
        return None
    row = _section_row(initiative)
    requests = []
    for r in row["requests"] or []:
        request = SupportRequest(
            pk=r["pk"], question=r["question"], domain=r["domain"], status=r["status"],
            holder_name=r["holder_name"], asked_at=datetime.fromisoformat(r["asked_at"]),
            closed_at=_when(r["closed_at"]),
        )  # fmt: skip
        request.organisation_name = r["organisation"]  # type: ignore[attr-defined]
        requests.append(request)
    jager = row["jager"]
    if jager and jager["money_limit"] is not None:
        jager["money_limit"] = Decimal(str(jager["money_limit"])).quantize(Decimal("0.01"))
    return {
        "requests": requests,
        "jager": jager,
        "can_ask": rules.can_ask_support(user, initiative),
        "can_appoint": rules.can_appoint_jager(user, initiative),
    }
