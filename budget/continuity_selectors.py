"""Reads for the continuity-risk report (REP-08, WF-5) and the dashboards' risk counts.

Everything is counted in the database with a fixed number of queries, whatever the number
of initiatives or grants: one aggregate per kind of item for the figures, one capped query
for the list of items. The risks are never stored; they follow from the people involved.

What counts as a risk (the same for an initiative and for the initiative of a grant):
- single initiator: at most one active initiator (accepted the invitation, not left);
- no backup initiator: no active initiator is marked as the backup;
- no facilitator: nobody on the municipality's side is the contact;
- facilitator gone: the contact's account is switched off (how #6's handover marks "left");
- no backup facilitator: no backup facilitator named;
- backup facilitator gone: the named backup's account is switched off;
- lead wanted: the lead initiator stepped down and nobody has confirmed to take over (SC-13);
- no active initiator: nobody is left on the residents' side (SC-13).
The first five are the risks of `initiatives.enums.Risk` and the officials' list filter, so
the numbers match that list; "backup facilitator gone" is only counted here.

Each risk is shown, but an item is *flagged* ("needs action", the dashboards' count, the
items listed) only by the continuity rule of `initiatives.selectors.needs_action`: nobody
on the municipality's side, or one person on each side without a backup, or no lead
initiator (stepped down), or no active initiator at all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce

from budget.enums import RUNNING_STATUSES
from budget.models import Application
from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import FACILITATOR_ROLES
from initiatives.enums import LeadSuccession
from initiatives.models import Initiative, Initiator
from initiatives.selectors import OPEN_STATUSES, needs_action

# The order in which the risks are shown, with the key used in the figures and tables.
RISKS = (
    "single_initiator",
    "no_backup_initiator",
    "no_facilitator",
    "facilitator_gone",
    "no_backup_facilitator",
    "backup_facilitator_gone",
    "lead_wanted",
    "no_active_initiator",
)
ITEM_LIMIT = 200

InitiativeNeighbourhood = Initiative.neighbourhoods.through


def _risk_conditions(prefix: str = "") -> dict[str, Q]:
    """The risks as conditions on a queryset annotated by `_annotate`; `prefix` is the path
    to the initiative ("" for initiatives, "initiative__" for grants)."""
    return {
        "single_initiator": Q(active_initiators__lte=1),
        "no_backup_initiator": Q(has_backup_initiator=False),
        "no_facilitator": Q(**{f"{prefix}facilitator__isnull": True}),
        "facilitator_gone": Q(**{f"{prefix}facilitator__is_active": False}),
        "no_backup_facilitator": Q(**{f"{prefix}backup_facilitator__isnull": True}),
        "backup_facilitator_gone": Q(**{f"{prefix}backup_facilitator__is_active": False}),
        "lead_wanted": ~Q(**{f"{prefix}lead_succession": LeadSuccession.NONE}),
        "no_active_initiator": Q(active_initiators=0),
    }


def _annotate(queryset: QuerySet, initiative_ref: str) -> QuerySet:
    """The initiator counts as subqueries (one row per item, no join fan-out)."""
    active = Initiator.objects.filter(
        initiative=OuterRef(initiative_ref), accepted_at__isnull=False, left_at__isnull=True
    )
    count = active.order_by().values("initiative").annotate(n=Count("pk")).values("n")[:1]
    return queryset.annotate(
        active_initiators=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
        has_backup_initiator=Exists(active.filter(is_backup=True)),
    )


def open_initiatives(*, neighbourhood: str = "", facilitator: int | None = None) -> QuerySet:
    """Initiatives that are sent in, running or paused, with the risk annotations.
    `neighbourhood` is a wijk's slug, `facilitator` a user's id (as contact or as backup)."""
    queryset = Initiative.objects.filter(status__in=OPEN_STATUSES)
    if neighbourhood:
        queryset = queryset.filter(
            pk__in=InitiativeNeighbourhood.objects.filter(neighbourhood__slug=neighbourhood).values(
                "initiative_id"
            )
        )
    if facilitator is not None:
        queryset = queryset.filter(
            Q(facilitator_id=facilitator) | Q(backup_facilitator_id=facilitator)
        )
    return _annotate(queryset, "pk")


def running_grants(*, neighbourhood: str = "", facilitator: int | None = None) -> QuerySet:
    """Samen Sterk grants that are running (granted or partly granted, not yet settled); a
    grant's wijk is the wijk on the application."""
    queryset = Application.objects.filter(status__in=RUNNING_STATUSES)
    if neighbourhood:
        queryset = queryset.filter(neighbourhood__slug=neighbourhood)
    if facilitator is not None:
        queryset = queryset.filter(
            Q(initiative__facilitator_id=facilitator)
            | Q(initiative__backup_facilitator_id=facilitator)
        )
    return _annotate(queryset, "initiative_id")


def _flag(prefix: str = "") -> Q:
    """The continuity rule (initiatives/README.md): the items a coordinator must act on."""
    return needs_action(prefix=prefix, initiators="active_initiators") | Q(active_initiators=0)


def _with_counts(
    queryset: QuerySet, conditions: dict[str, Q], limit: int, prefix: str = "", **extra: Any
):
    """One query for the figures and the list: window counts over every item (computed
    before the LIMIT, so they are exact), flagged items first, the first `limit` rows."""
    risky = _flag(prefix)
    rows = list(
        queryset.annotate(
            count_total=Window(Count("pk")),
            count_any=Window(Count("pk", filter=risky)),
            **{f"count_{key}": Window(Count("pk", filter=c)) for key, c in conditions.items()},
            **{f"risk_{key}": ExpressionWrapper(c, output_field=BooleanField())
               for key, c in conditions.items()},
            is_at_risk=ExpressionWrapper(risky, output_field=BooleanField()),
            **extra,
        ).order_by(F("is_at_risk").desc(), *ORDER[queryset.model])[:limit]
    )  # fmt: skip
    keys = ("total", "any", *conditions)
    counts = {key: getattr(rows[0], f"count_{key}") if rows else 0 for key in keys}
    return counts, [row for row in rows if row.is_at_risk]


ORDER = {Initiative: ("title", "pk"), Application: ("initiative__title", "pk")}


def initiatives_report(*, limit: int = ITEM_LIMIT, **filters: Any):
    """(counts, items): total, any and one count per risk of the open initiatives, and the
    first `limit` of them with a risk, by title, each with a `risk_<key>` flag per risk and
    its first wijk (one query)."""
    neighbourhoods = InitiativeNeighbourhood.objects.filter(initiative=OuterRef("pk"))
    first_neighbourhood = neighbourhoods.order_by("neighbourhood__name").values(
        "neighbourhood__name"
    )[:1]
    neighbourhood_count = (
        neighbourhoods.order_by().values("initiative").annotate(n=Count("pk")).values("n")[:1]  # type: ignore[misc]
    )
    return _with_counts(
        open_initiatives(**filters).select_related("facilitator"),
        _risk_conditions(),
        limit,
        first_neighbourhood=Subquery(first_neighbourhood),
        neighbourhood_count=Coalesce(
            Subquery(neighbourhood_count, output_field=IntegerField()), Value(0)
        ),
    )


def grants_report(*, limit: int = ITEM_LIMIT, **filters: Any):
    """(counts, items) of the running grants, as `initiatives_report` (one query)."""
    return _with_counts(
        running_grants(**filters).select_related(
            "initiative__facilitator", "neighbourhood", "line__fund"
        ),
        _risk_conditions("initiative__"),
        limit,
        prefix="initiative__",
        title=F("initiative__title"),
    )


def facilitators() -> QuerySet[User]:
    """Everyone who can facilitate, including those whose account is switched off."""
    return (
        User.objects.filter(groups__name__in=FACILITATOR_ROLES)
        .distinct()
        .order_by("full_name", "email")
    )


def initiatives_at_risk_count(*, facilitator: int | None = None) -> int:
    """Open initiatives a coordinator must act on (one query): the figure "needs action" of
    the report's initiatives section, for the dashboards."""
    return open_initiatives(facilitator=facilitator).filter(_flag()).count()
