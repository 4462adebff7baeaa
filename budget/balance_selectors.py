"""Where each budget line's money stands, and what left Samen Sterk ("Laat het budget heel",
SC-16, decision 0014).

A line's allocation is what it has *now*: a reallocation or a move out of the purpose changes
it. So a balance tells its own story: the budget the line started with, every change since
(money moved in from or out to another line, money taken out of Samen Sterk), what it has
now, what is awarded and what is still available. Every sum is an exact Decimal.

Public use: nothing here loads a person (not who moved the money, not who approved it, not
the reason, which is free text): only amounts, dates, line names and where the money went.
Two queries, whatever the number of lines or moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget.enums import FundStatus, IntegrityAct, OutOfPurpose
from budget.models import ZERO, BudgetLine, Fund, IntegrityEntry
from budget.models.ledger import public_line_name
from burgerkracht.core.ui.formatting import euro

MOVES = (IntegrityAct.REALLOCATION, IntegrityAct.OUT_OF_PURPOSE)
IN, OUT, OUT_OF_PURPOSE = "in", "out", "out_of_purpose"
MONEY = DecimalField(max_digits=14, decimal_places=2)


def amount(value: Decimal) -> str:
    """€ 800 for a whole amount, € 150,50 otherwise: the public pages' way of writing money,
    with a no-break space so the sign never ends a line without its number."""
    return euro(value, 0 if value == value.to_integral_value() else 2).replace(" ", "\u00a0")


@dataclass(frozen=True)
class Change:
    """One change of a line's budget after it was set: in, out, or out of Samen Sterk."""

    kind: str
    amount: Decimal
    on: date
    other_line: str = ""  # the other line of a reallocation
    destination: str = ""  # OutOfPurpose, for money that left Samen Sterk
    destination_detail: str = ""

    @property
    def signed(self) -> Decimal:
        return self.amount if self.kind == IN else -self.amount

    @property
    def is_out_of_purpose(self) -> bool:
        return self.kind == OUT_OF_PURPOSE

    @property
    def text(self) -> str:
        """ "plus € 600 overgeheveld uit Stedelijk op 3 maart", "min € 2.000 bezuinigd op 1 juni"
        (in Dutch; the words are in the po file)."""
        values = {
            "amount": amount(self.amount), "line": self.other_line,
            "day": date_format(self.on, "j F"), "detail": self.destination_detail,
        }  # fmt: skip
        if self.kind == IN:
            return _("plus %(amount)s moved here from %(line)s on %(day)s") % values
        if self.kind == OUT:
            return _("minus %(amount)s moved to %(line)s on %(day)s") % values
        if self.destination == OutOfPurpose.CUT:
            return _("minus %(amount)s cut on %(day)s") % values
        if self.destination == OutOfPurpose.GENERAL_BUDGET:
            return _("minus %(amount)s back to the general budget on %(day)s") % values
        if self.destination_detail:
            return _("minus %(amount)s to another scheme (%(detail)s) on %(day)s") % values
        return _("minus %(amount)s to another scheme on %(day)s") % values


@dataclass
class Balance:
    """A budget line now: its budget and its story, awarded and still available."""

    label: str
    allocation: Decimal  # the budget now, after every change
    awarded: Decimal  # committed minus what came back at settlement
    slug: str = ""  # the wijk's slug, for a link to its page
    changes: list[Change] = field(default_factory=list)

    @property
    def start(self) -> Decimal:
        """The budget the line had before any change."""
        return self.allocation - sum((c.signed for c in self.changes), ZERO)

    @property
    def available(self) -> Decimal:
        return self.allocation - self.awarded

    @property
    def moved_in(self) -> Decimal:
        return sum((c.amount for c in self.changes if c.kind == IN), ZERO)

    @property
    def moved_out(self) -> Decimal:
        return sum((c.amount for c in self.changes if c.kind == OUT), ZERO)

    @property
    def out_of_purpose(self) -> Decimal:
        return sum((c.amount for c in self.changes if c.is_out_of_purpose), ZERO)

    @property
    def budget_text(self) -> str:
        """ "Budget € 800, plus € 600 overgeheveld uit Stedelijk op 3 maart: € 1.400." """
        if not self.changes:
            return _("Budget %(amount)s.") % {"amount": amount(self.allocation)}
        return _("Budget %(start)s, %(changes)s: %(now)s.") % {
            "start": amount(self.start),
            "changes": ", ".join(change.text for change in self.changes),
            "now": amount(self.allocation),
        }

    @property
    def out_of_purpose_text(self) -> str:
        return amount(self.out_of_purpose)

    @property
    def awarded_text(self) -> str:
        return _("Awarded %(amount)s.") % {"amount": amount(self.awarded)}

    @property
    def available_text(self) -> str:
        return _("Still available %(amount)s.") % {"amount": amount(self.available)}


def _changes(line_ids: list[int], *, public: bool = False) -> dict[int, list[Change]]:
    """The changes of these lines, oldest first: one query, no person loaded. `public` names
    the other line as residents know it."""
    rows = (
        IntegrityEntry.objects.filter(act__in=MOVES)
        .filter(Q(from_line__in=line_ids) | Q(to_line__in=line_ids))
        .values(
            "act", "amount", "created_at", "from_line_id", "to_line_id", "from_line__name",
            "to_line__name", "from_line__neighbourhood__name", "to_line__neighbourhood__name",
            "destination", "destination_detail",
        )
        .order_by("created_at", "pk")
    )  # fmt: skip
    changes: dict[int, list[Change]] = {pk: [] for pk in line_ids}
    for row in rows:
        on = timezone.localdate(row["created_at"])
        if row["act"] == IntegrityAct.OUT_OF_PURPOSE:
            changes[row["from_line_id"]].append(
                Change(OUT_OF_PURPOSE, row["amount"], on, destination=row["destination"],
                       destination_detail=row["destination_detail"])
            )  # fmt: skip
            continue
        to_line, from_line = row["to_line__name"], row["from_line__name"]
        if public:
            to_line = public_line_name(to_line, row["to_line__neighbourhood__name"])
            from_line = public_line_name(from_line, row["from_line__neighbourhood__name"])
        if row["from_line_id"] in changes:
            changes[row["from_line_id"]].append(Change(OUT, row["amount"], on, other_line=to_line))
        if row["to_line_id"] in changes:
            changes[row["to_line_id"]].append(Change(IN, row["amount"], on, other_line=from_line))
    return changes


def balances(
    lines: QuerySet[BudgetLine], *, label_by_neighbourhood: bool = False, public: bool = False
) -> list[Balance]:
    """A balance per line (two queries). `label_by_neighbourhood` names a wijk's line by its
    wijk; `public` names every line as residents know it (BudgetLine.public_name)."""
    lines = list(
        lines.select_related("neighbourhood").only(
            "name", "allocation", "committed", "released", "neighbourhood__name",
            "neighbourhood__slug",
        )
    )  # fmt: skip
    public = public or label_by_neighbourhood
    changes = _changes([line.pk for line in lines], public=public)
    result = []
    for line in lines:
        neighbourhood = line.neighbourhood
        result.append(
            Balance(
                label=neighbourhood.name
                if (label_by_neighbourhood and neighbourhood)
                else (line.public_name if public else line.name),
                slug=neighbourhood.slug if neighbourhood else "",
                allocation=line.allocation,
                awarded=line.committed - line.released,
                changes=changes[line.pk],
            )
        )
    return result


def public_lines(year: int) -> QuerySet[BudgetLine]:
    """The lines of a year's funds that are open or closed (a fund in preparation is not
    public), in the order of the pages."""
    return (
        BudgetLine.objects.filter(fund__starts_on__year=year)
        .exclude(fund__status=FundStatus.PREPARING)
        .order_by("fund__starts_on", "fund__name", "name")
    )


def neighbourhood_balances(year: int, neighbourhood=None) -> list[Balance]:
    """A balance per wijk line of the year (of one wijk when given), named by its wijk, in
    the wijken's order."""
    lines = public_lines(year).filter(neighbourhood__isnull=False)
    if neighbourhood is not None:
        lines = lines.filter(neighbourhood=neighbourhood)
    return balances(lines.order_by("neighbourhood__name", "fund__starts_on", "name"),
                    label_by_neighbourhood=True)  # fmt: skip


# --- money out of Samen Sterk, per line and per fund --------------------------------------------


def with_out_of_purpose(lines: QuerySet[BudgetLine]) -> QuerySet[BudgetLine]:
    """`lines` with `out_of_purpose`: the money taken out of Samen Sterk from each, € 0,00
    for none (a subquery, so a count on the lines is not multiplied)."""
    gone = (
        IntegrityEntry.objects.filter(act=IntegrityAct.OUT_OF_PURPOSE, from_line=OuterRef("pk"))
        .order_by()
        .values("from_line")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    return lines.annotate(
        out_of_purpose=Coalesce(Subquery(gone, output_field=MONEY), Value(ZERO), output_field=MONEY)
    )


def out_of_purpose_total(lines) -> Decimal:
    return sum((line.out_of_purpose for line in lines), ZERO)


@dataclass(frozen=True)
class PurposeTotal:
    """What left Samen Sterk from one fund (a fund is one year): the running total."""

    fund: str
    total: Decimal
    moves: int


def out_of_purpose_per_fund(funds: QuerySet[Fund]) -> list[PurposeTotal]:
    """Per fund (newest first): every euro taken out of Samen Sterk so far, € 0,00 for none.
    One query."""
    rows = (
        funds.order_by("-starts_on", "name")
        .values("pk", "name")
        .annotate(
            total=Sum(
                "integrity_log__amount",
                filter=Q(integrity_log__act=IntegrityAct.OUT_OF_PURPOSE),
                default=ZERO,
            ),
            moves=Count("integrity_log", filter=Q(integrity_log__act=IntegrityAct.OUT_OF_PURPOSE)),
        )
    )
    return [PurposeTotal(row["name"], row["total"], row["moves"]) for row in rows]
