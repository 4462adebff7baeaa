"""Reads for the public results pages (REP-02, REP-03, F-M10): what Samen Sterk and the
initiatives did, per year and per wijk.

Privacy, the rules every function here keeps:
- Figures count every grant whose decision was published, also of initiatives that did not
  agree to be shown: a count or a sum names nobody. Nothing from a fund still being prepared
  and no draft decision is ever counted.
- Anything that names an initiative (a title, an amount per initiative, a result, a story)
  comes only from initiatives that agreed to be shown (`Initiative.objects.published()`).
- A story is shown only when the residents ticked "the story may be shown" and sent their
  accountability in. Never a person's name, e-mail address or an internal note: the
  querysets load only the columns the pages show.

Query counts do not grow with the number of rows: every list is one query (plus one for a
prefetch), every figure an aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from budget.enums import AccountabilityStatus, ApplicationStatus, FundStatus, Reached
from budget.models import ZERO, Accountability, Application, Award, BudgetLine, Fund
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.reporting.reports import percent
from burgerkracht.core.validation.parsing import whole_number
from initiatives import selectors as initiative_selectors
from initiatives import story_selectors
from initiatives.enums import UpdateKind
from initiatives.models import Initiative, Update, published_q

S = ApplicationStatus
# A grant: money was awarded in a published decision (a stopped grant was a grant too).
GRANT_STATUSES = (S.GRANTED, S.PARTLY_GRANTED, S.STOPPED, S.CLOSED)
# A story may be shown once the accountability is sent in (not while it is being written,
# and not while the facilitator has asked for more).
STORY_STATUSES = (AccountabilityStatus.SUBMITTED, AccountabilityStatus.SETTLED)
STORIES_SHOWN = 6
OTHER_INITIATIVES_SHOWN = 20
FUNDED_SHOWN = 50
RESULTS_PER_INITIATIVE = 3

# Only the columns the pages show are loaded: a name or an e-mail address cannot slip into a
# template that was never given it.
STORY_COLUMNS = (
    "story", "result_reached", "status", "submitted_at", "application__id",
    "application__initiative__id", "application__initiative__title",
    "application__neighbourhood__name", "application__neighbourhood__slug",
)  # fmt: skip
FUNDED_COLUMNS = (
    "status", "initiative__id", "initiative__title", "initiative__summary",
    "initiative__status", "initiative__result", "line__name", "award__amount",
    "accountability__status", "accountability__result_reached",
)  # fmt: skip

_SETTLED = Q(accountability__status=AccountabilityStatus.SETTLED)
_MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class Figures:
    """What Samen Sterk did in a year (for the city, a wijk or a line)."""

    initiatives: int = 0  # initiatives that got money
    granted: Decimal = ZERO  # the grants plus any extra money after an evaluation
    finished: int = 0  # of these: finished and settled after their accountability
    reached: int = 0  # finished and reached the result they described themselves
    partly: int = 0  # finished and reached part of it
    participants: int = 0  # people who took part, as counted in the finished ones

    @property
    def reached_percent(self) -> int | None:
        """The share of finished initiatives that reached their result, by the portal's one
        rounding rule (`core.reporting.reports.percent`: whole percent, halves up), as in the
        report."""
        return percent(self.reached, self.finished)


@dataclass
class Row:
    """One row of a table: a wijk or a budget line with its figures."""

    label: str
    figures: Figures
    slug: str = ""  # a wijk's slug, for the link to its page
    allocation: Decimal | None = None  # a budget line's budget


@dataclass
class YearChoice:
    year: int
    years: list[int] = field(default_factory=list)


# --- years -----------------------------------------------------------------------------------


def public_years() -> list[int]:
    """The years of every fund that is open or closed (a fund in preparation is not public)."""
    years = (
        Fund.objects.exclude(status=FundStatus.PREPARING)
        .order_by()
        .values_list("starts_on__year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


def choose_year(asked: str | None, *, today: date | None = None) -> YearChoice:
    """The year asked for when it has a fund; otherwise this year's, or the nearest one."""
    years = public_years()
    this_year = (today or timezone.localdate()).year
    if (year := whole_number(asked)) is not None and year in years:
        return YearChoice(year, years)
    if not years or this_year in years:
        return YearChoice(this_year, years)
    past = [y for y in years if y < this_year]
    return YearChoice(max(past) if past else min(years), years)


# --- figures ---------------------------------------------------------------------------------


def grants_of(year: int) -> QuerySet[Application]:
    """Every grant of a year's funds whose decision was published."""
    return Application.objects.filter(
        fund__starts_on__year=year, status__in=GRANT_STATUSES, award__isnull=False
    ).exclude(fund__status=FundStatus.PREPARING)


def _aggregates() -> dict:
    reached = _SETTLED & Q(accountability__result_reached=Reached.YES)
    partly = _SETTLED & Q(accountability__result_reached=Reached.PARTLY)
    return {
        "initiatives": Count("initiative", distinct=True),
        "granted": Coalesce(Sum("award__amount"), Value(ZERO), output_field=_MONEY),
        "finished": Count("initiative", distinct=True, filter=_SETTLED),
        "reached": Count("initiative", distinct=True, filter=reached),
        "partly": Count("initiative", distinct=True, filter=partly),
        "participants": Coalesce(Sum("accountability__participants", filter=_SETTLED), 0),
    }


def _figures(values: dict, extra: Decimal = ZERO) -> Figures:
    return Figures(
        initiatives=values["initiatives"],
        granted=(values["granted"] or ZERO) + (extra or ZERO),
        finished=values["finished"],
        reached=values["reached"],
        partly=values["partly"],
        participants=values["participants"] or 0,
    )


def _extra_awards(grants: QuerySet[Application]) -> QuerySet[Award]:
    """Extra money given after an interim evaluation ("een extra duwtje in de rug")."""
    return Award.objects.filter(evaluation__application__in=grants.values("pk")).order_by()


def figures(grants: QuerySet[Application]) -> Figures:
    """Two queries: the grants' figures, and the extra money after their evaluations."""
    values = grants.order_by().aggregate(**_aggregates())
    extra = _extra_awards(grants).aggregate(total=Sum("amount"))["total"]
    return _figures(values, extra or ZERO)


def _grouped(grants: QuerySet[Application], key: str, extra_key: str) -> dict:
    """Figures per value of `key` (a wijk or a line): two queries."""
    rows = grants.order_by().values(key).annotate(**_aggregates())
    extras = dict(
        _extra_awards(grants).values_list(extra_key).annotate(total=Sum("amount")).order_by()
    )
    return {row[key]: _figures(row, extras.get(row[key], ZERO)) for row in rows}


def neighbourhood_rows(grants: QuerySet[Application]) -> tuple[list[Row], Row | None]:
    """A row per active wijk (and per former wijk that had grants this year), and a row for
    the grants for the whole city, which belong to no wijk. Three queries."""
    per_neighbourhood = _grouped(grants, "neighbourhood", "evaluation__application__neighbourhood")
    neighbourhoods = Neighbourhood.objects.filter(
        Q(is_active=True) | Q(pk__in=[k for k in per_neighbourhood if k])
    )
    rows = [
        Row(label=n.name, slug=n.slug, figures=per_neighbourhood.get(n.pk, Figures()))
        for n in neighbourhoods.only("name", "slug").order_by("name")
    ]
    city = per_neighbourhood.get(None)
    return rows, (Row(label="", figures=city) if city else None)


def line_rows(year: int) -> list[Row]:
    """A row per budget line of the year's funds: its budget, what was granted from it and
    what came of it. Three queries."""
    grants = grants_of(year)
    per_line = _grouped(grants, "award__line", "line")
    lines = (
        BudgetLine.objects.filter(fund__starts_on__year=year)
        .exclude(fund__status=FundStatus.PREPARING)
        .select_related("fund", "neighbourhood")
        .only("name", "allocation", "fund__name", "neighbourhood__name")
        .order_by("fund__starts_on", "fund__name", "name")
    )
    lines = list(lines)
    several_funds = len({line.fund_id for line in lines}) > 1
    return [
        Row(
            label=f"{line.fund.name} · {line.public_name}" if several_funds else line.public_name,
            allocation=line.allocation,
            figures=per_line.get(line.pk, Figures()),
        )
        for line in lines
    ]


# --- what may be named ------------------------------------------------------------------------


def public_stories(grants: QuerySet[Application], *, limit: int = STORIES_SHOWN):
    """Stories the residents agreed to share, of initiatives that are shown: newest first."""
    return (
        Accountability.objects.filter(
            Exists(grants.filter(pk=OuterRef("application_id"))),
            published_q("application__initiative__"),
            story_public=True,
            status__in=STORY_STATUSES,
        )
        .exclude(story="")
        .select_related("application__initiative", "application__neighbourhood")
        .only(*STORY_COLUMNS)
        .order_by("-submitted_at", "-pk")[:limit]
    )


def _result_updates(lookup: str = "updates") -> Prefetch:
    """The newest results on an initiative's timeline (shown on its public page too)."""
    updates = Update.objects.filter(kind=UpdateKind.RESULT).only(
        "initiative_id", "created_at", "text"
    )
    return Prefetch(lookup, queryset=updates[:RESULTS_PER_INITIATIVE], to_attr="public_results")


def funded_initiatives(
    grants: QuerySet[Application], *, limit: int = FUNDED_SHOWN
) -> list[Application]:
    """The grants of initiatives that are shown, with the money and the result. Two queries."""
    extra = (
        Award.objects.filter(evaluation__application=OuterRef("pk"))
        .order_by()
        .values("evaluation__application")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    funded: list[Application] = list(
        grants.filter(published_q("initiative__"))
        .select_related("initiative", "line", "accountability", "award")
        .only(*FUNDED_COLUMNS)
        .annotate(
            amount=F("award__amount")
            + Coalesce(Subquery(extra, output_field=_MONEY), Value(ZERO), output_field=_MONEY)
        )
        .prefetch_related(_result_updates("initiative__updates"))
        .order_by("initiative__title", "pk")[:limit]
    )
    for application in funded:
        application.public_result = _settled_result(application)  # type: ignore[attr-defined]
    return funded


def _settled_result(application: Application) -> str:
    """The residents' own answer, once the municipality has settled the accountability."""
    try:
        accountability = application.accountability
    except Accountability.DoesNotExist:
        return ""
    if accountability.status != AccountabilityStatus.SETTLED:
        return ""
    return str(accountability.get_result_reached_display())


def other_initiatives(
    neighbourhood: Neighbourhood,
    grants: QuerySet[Application],
    *,
    limit: int = OTHER_INITIATIVES_SHOWN,
) -> list[Initiative]:
    """Published initiatives of the wijk without a grant among `grants`. Two queries."""
    return list(
        initiative_selectors.published_initiatives(neighbourhood=neighbourhood.slug)
        .prefetch_related(None)
        .exclude(Exists(grants.filter(initiative=OuterRef("pk"))))
        .only("title", "summary", "status", "result", "status_changed_at")
        .prefetch_related(_result_updates())[:limit]
    )


def public_accountability_stories(search: str, neighbourhood: str) -> QuerySet:
    """The story of a grant's accountability on the public stories list, when the residents
    agreed to share it and the initiative itself is shown: the same rule as the public results
    page. Registered with initiatives.story_selectors in hooks.py."""
    accounts = Accountability.objects.filter(
        published_q("application__initiative__"), story_public=True, status__in=STORY_STATUSES
    ).exclude(story="")
    if search:
        accounts = accounts.filter(
            Q(story__icontains=search) | Q(application__initiative__title__icontains=search)
        )
    if neighbourhood:
        accounts = accounts.filter(application__neighbourhood__slug=neighbourhood)
    return accounts.annotate(
        kind=Value(story_selectors.ACCOUNTABILITY, output_field=CharField()),
        heading=F("application__initiative__title"),
        body=F("story"),
        neighbourhood_name=F("application__neighbourhood__name"),
        neighbourhood_slug=F("application__neighbourhood__slug"),
        moment=F("submitted_at"),
        initiative_id=F("application__initiative_id"),
        has_photo=Value(False, output_field=BooleanField()),
        alt=Value("", output_field=CharField()),
    ).values(*story_selectors.LIST_COLUMNS)
