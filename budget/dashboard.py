"""Panels on "Mijn burgerkracht" with what needs attention now (issue #8, deliverable 4).

Each panel costs one query and only for the roles that see it; a count links to a list that
shows exactly the items counted:
- continuity risks (facilitators, their coordinator, read-only, administrator): open
  initiatives with a continuity risk → the continuity report, for a facilitator filtered on
  their own initiatives;
- the professional's open advice requests, each linked to its page;
- a resident's payments: planned, payment order sent, paid, each with its date (SC-12);
- the administrator's budget set-up: funds still being prepared, and funds with lines that
  have no decision holder, each linked to the fund's page where it is fixed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from budget import continuity_selectors, payment_selectors
from budget.enums import FundStatus
from budget.models import Fund, ProfessionalAdvice
from burgerkracht.accounts.roles import CONTINUITY_ROLES, Role
from burgerkracht.core.personal import dashboard

LIST_LIMIT = 10


def continuity_context(user: Any) -> dict[str, Any] | None:
    """Everyone who answers for continuity sees the count; a facilitator their own."""
    if not user.is_authenticated:
        return None
    url = reverse("core:report", args=["continuity"])
    if user.has_role(*CONTINUITY_ROLES):
        return {"at_risk": continuity_selectors.initiatives_at_risk_count(), "url": url,
                "own": False}  # fmt: skip
    if user.has_role(Role.FACILITATOR):
        return {
            "at_risk": continuity_selectors.initiatives_at_risk_count(facilitator=user.pk),
            "url": f"{url}?facilitator={user.pk}",
            "own": True,
        }
    return None


def professional_context(user: Any) -> dict[str, Any] | None:
    """The questions facilitators asked this professional and that wait for an answer."""
    if not (user.is_authenticated and user.has_role(Role.PROFESSIONAL)):
        return None
    requests = list(
        ProfessionalAdvice.objects.filter(professional=user, given_at__isnull=True)
        .select_related("application__initiative")
        .order_by("requested_at", "pk")[: LIST_LIMIT + 1]
    )
    return {"requests": requests[:LIST_LIMIT], "more": len(requests) > LIST_LIMIT}


def administrator_context(user: Any) -> dict[str, Any] | None:
    """Funds still being prepared, and funds being prepared or open with lines nobody may
    decide on (one query); each links to the fund's page, where both are fixed."""
    if not (user.is_authenticated and user.has_role(Role.ADMINISTRATOR)):
        return None
    return {"funds": funds_to_set_up()}


def funds_to_set_up() -> list[Fund]:
    """Funds being prepared, and open funds with a line without a decision holder."""
    return [
        fund
        for fund in Fund.objects.filter(status__in=[FundStatus.PREPARING, FundStatus.OPEN])
        .annotate(
            lines_without_holder=Count(
                "lines", filter=Q(lines__decision_holders__isnull=True), distinct=True
            )
        )
        .order_by("starts_on", "name")
        if fund.status == FundStatus.PREPARING or fund.lines_without_holder
    ]


def payments_context(user: Any) -> dict[str, Any] | None:
    """A resident's payments, each step with its date (SC-12): one query, residents only;
    no panel without a payment."""
    if not (user.is_authenticated and user.has_role(Role.RESIDENT)):
        return None
    tranches = payment_selectors.resident_payments(user)
    return {"tranches": tranches} if tranches else None


dashboard.register("budget/dashboard_payments.html", payments_context)
dashboard.register("budget/dashboard_continuity.html", continuity_context)
dashboard.register("budget/dashboard_professional.html", professional_context)
dashboard.register("budget/dashboard_administrator.html", administrator_context)
