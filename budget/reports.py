"""The Samen Sterk results report (REP-01) and the budget report with the budget-integrity
log (REP-06), registered in the core report framework. The figures are defined in
budget/README.md ("Reports"); the database reads are in budget/report_selectors.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from budget import balance_selectors
from budget import report_selectors as selectors
from budget.enums import IntegrityAct, MetAgain, Reached
from budget.models import BudgetLine, Fund
from budget.services.ledger import euro
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.reports import ChartSpec, Column, Figure, Section, Table
from burgerkracht.core.ui.colours import MONEY_COLOURS

# The definition named next to the figure (docs/reports.md, "Money figures").
GRANTED_DEFINITION = gettext_lazy(
    "the amounts in the decisions made in the period; extra money after an evaluation and "
    "money that came back are not in it"
)


def share(part: int, whole: int) -> int | None:
    """A whole percentage (the portal's one rounding rule), or None with nothing to divide."""
    return reports.percent(part, whole)


def _choice(label, everything) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None,
                                  choices=[("", everything)])  # fmt: skip


class ChoicesFromDatabase:
    """Filters whose choices come from the database, one query per field, filled in once:
    a ModelChoiceField would query again to validate and again to render."""

    def fill(self, name: str, rows) -> None:
        field = self.fields[name]
        field.choices = [field.choices[0], *rows]


class FundFilterForm(ChoicesFromDatabase, reports.PeriodForm):
    fonds = _choice(gettext_lazy("Fund"), gettext_lazy("All funds"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fill_funds()

    def fill_funds(self) -> None:
        self.fill("fonds", Fund.objects.order_by("-starts_on", "name").values_list("pk", "name"))


class SamenSterkFilterForm(FundFilterForm):
    wijk = _choice(gettext_lazy("Wijk"), gettext_lazy("All wijken"))
    lijn = _choice(gettext_lazy("Budget line"), gettext_lazy("All budget lines"))

    def fill_funds(self) -> None:
        """The funds and their lines in one query (a fund without lines has no grants)."""
        lines = list(
            BudgetLine.objects.order_by("-fund__starts_on", "fund__name", "name").values_list(
                "pk", "name", "fund_id", "fund__name"
            )
        )
        self.fill("lijn", [(pk, f"{name} ({fund})") for pk, name, _f, fund in lines])
        self.fill("fonds", list(dict.fromkeys((fund_pk, fund) for *_l, fund_pk, fund in lines)))
        self.fill("wijk", Neighbourhood.objects.order_by("name").values_list("pk", "name"))


def _money(value: Decimal | None) -> str:
    return "—" if value is None else euro(value)


# --- Samen Sterk results ---------------------------------------------------------------------

RESULT_COLUMNS = [
    Column("initiatives", gettext_lazy("Initiatives supported")),
    Column("grants", gettext_lazy("Grants")),
    Column("granted", gettext_lazy("Granted (€)")),
    Column("median", gettext_lazy("Median grant (€)")),
    Column("closed", gettext_lazy("Closed")),
    *[Column(value, label) for value, label in Reached.choices],
    Column("share", gettext_lazy("Reached (%)")),
    Column("participants", gettext_lazy("Participants reached")),
]


def _with_share(rows: list[dict[str, Any]], label_key: str, label) -> list[dict[str, Any]]:
    return [
        {**row, "label": label(row) if callable(label) else row[label_key],
         "share": share(row[Reached.YES], row["closed"])}
        for row in rows
    ]  # fmt: skip


def summary_sentence(totals: dict[str, Any]) -> str:
    """The results the way the municipality's documents state them: "Totaal zijn in drie
    jaar 85 initiatieven gesteund waarvan meer dan driekwart het beoogde resultaat heeft
    gehaald"."""
    supported = ngettext(
        "%(count)d initiative supported in this period",
        "%(count)d initiatives supported in this period",
        totals["initiatives"],
    ) % {"count": totals["initiatives"]}
    if not totals["closed"]:
        return _("%(supported)s; none of its grants has finished yet.") % {"supported": supported}
    return _(
        "%(supported)s; %(reached)d of the %(closed)d that finished reached their own "
        "intended result (%(share)d%%)."
    ) % {
        "supported": supported, "reached": totals[Reached.YES], "closed": totals["closed"],
        "share": share(totals[Reached.YES], totals["closed"]),
    }  # fmt: skip


@reports.register
class SamenSterkReport(reports.Report):
    slug = "samen-sterk"
    title = gettext_lazy("Samen Sterk results")
    description = gettext_lazy(
        "What the Samen Sterk budget supported and what came of it: the grants decided in the "
        "period, with the result the residents reached by their own result description."
    )
    filter_form = SamenSterkFilterForm
    in_annual_report = True

    def sections(self, filters):
        grants = selectors.grants_in(
            start=filters.get("van"), end=filters.get("tot"), neighbourhood=filters.get("wijk"),
            line=filters.get("lijn"), fund=filters.get("fonds"),
        )  # fmt: skip
        totals = selectors.result_totals(grants)
        new = selectors.new_initiators(grants, start=filters.get("van"))
        return [self.summary(totals, new), self.breakdown(grants)]

    def summary(self, totals: dict[str, Any], new: int) -> Section:
        closed, reached = totals["closed"], totals[Reached.YES]
        percentage = share(reached, closed)
        return Section(
            _("Results"),
            intro=_(
                "Counted are the grants (granted in full or in part) whose decision was made "
                "in the period. A grant is closed when its accountability afterwards is "
                "settled; it reached its own intended result when the residents said “yes”. "
                "“Partly” is shown apart and does not count as reached."
            ),
            figures=[
                Figure(
                    _("Reached their own intended result"),
                    "—" if percentage is None else f"{percentage}%",
                    summary_sentence(totals),
                ),
                Figure(_("Initiatives supported"), totals["initiatives"],
                       _("with at least one grant decided in the period")),
                Figure(_("Grants"), totals["grants"]),
                Figure(_("Granted in total"), _money(totals["granted"]), GRANTED_DEFINITION),
                Figure(_("Median grant"), _money(totals["median"]),
                       _("half of the grants were this amount or less")),
                Figure(_("Grants closed"), closed, _("accountability afterwards settled")),
                Figure(
                    _("Result reached: yes / partly / no"),
                    f"{reached} / {totals[Reached.PARTLY]} / {totals[Reached.NO]}",
                    _("of the closed grants"),
                ),
                Figure(_("Participants reached"), totals["participants"],
                       _("people who took part, from the settled accountabilities")),
                Figure(_("New initiators"), new,
                       _("initiators whose first Samen Sterk grant was decided in the period")),
                *self.met_again(totals),
            ],
        )  # fmt: skip

    @staticmethod
    def met_again(totals: dict[str, Any]) -> list[Figure]:
        """After one-off events (SC-02): did people meet again? Only when there were any."""
        if not totals["one_off_closed"]:
            return []
        counts = " / ".join(str(totals[f"met_again_{v}"]) for v in MetAgain.values)
        return [
            Figure(
                _("After one-off events, people met again: yes / a few / no"), counts,
                _("of the %(count)d one-off events whose accountability is settled")
                % {"count": totals["one_off_closed"]},
            )
        ]  # fmt: skip

    def breakdown(self, grants) -> Section:
        no_neighbourhood = _("No wijk (city-wide)")
        per_neighbourhood = _with_share(
            selectors.results_per_neighbourhood(grants), "neighbourhood__name",
            lambda row: row["neighbourhood__name"] or no_neighbourhood,
        )  # fmt: skip
        lines = selectors.results_per_line(grants)
        several_funds = len({row["line__fund__name"] for row in lines}) > 1
        per_line = _with_share(
            lines, "line__name",
            lambda row: (f"{row['line__name']} ({row['line__fund__name']})" if several_funds
                         else row["line__name"]) if row["line_id"] else _("No budget line"),
        )  # fmt: skip
        per_year = _with_share(selectors.results_per_year(grants), "year", None)
        results = [Reached.YES.value, Reached.PARTLY.value, Reached.NO.value]
        return Section(
            _("By wijk, budget line and year"),
            tables=[
                Table(
                    _("Per wijk"), [Column("label", _("Wijk"), numeric=False), *RESULT_COLUMNS],
                    per_neighbourhood,
                    ChartSpec(_("Result of the closed grants per wijk"), "label", results,
                              stacked=True),
                ),
                Table(
                    _("Per budget line"),
                    [Column("label", _("Budget line"), numeric=False), *RESULT_COLUMNS],
                    per_line,
                    ChartSpec(_("Granted per budget line (€)"), "label", ["granted"]),
                ),
                Table(
                    _("Per year"), [Column("label", _("Year"), numeric=False), *RESULT_COLUMNS],
                    per_year,
                    ChartSpec(_("Initiatives and grants per year"), "label",
                              ["initiatives", "grants", "closed"]),
                ),
            ],
        )  # fmt: skip


# --- Budget ----------------------------------------------------------------------------------


def _money_chart(title: str, label_key: str, series: list[str]) -> ChartSpec:
    """A money chart: each figure keeps its one colour on every budget chart."""
    colours = [MONEY_COLOURS[key] for key in series]
    return ChartSpec(title, label_key, series, colours=colours)


MONEY_COLUMNS = [
    Column("allocation", gettext_lazy("Allocation (€)")),
    Column("committed", gettext_lazy("Committed (€)")),
    Column("paid", gettext_lazy("Paid (€)")),
    Column("released", gettext_lazy("Returned (€)")),
    Column("remaining", gettext_lazy("Remaining (€)")),
]


def _details(entry) -> str:
    if entry.act == IntegrityAct.REALLOCATION:
        return f"{euro(entry.amount)}: {entry.from_line.name} → {entry.to_line.name}"
    if entry.is_out_of_purpose:
        where = entry.get_destination_display()
        where = f"{where} ({entry.destination_detail})" if entry.destination_detail else where
        return f"{euro(entry.amount)}: {entry.from_line.name} → {where}"
    line = entry.to_line.name if entry.to_line_id else ""
    return f"{entry.holder} · {line}" if line else str(entry.holder)


def _proposed(entry) -> str:
    """Who proposed it, and when when that was before the approval (SC-15)."""
    change = getattr(entry, "change", None)
    if change is None:
        return str(entry.by)
    return f"{entry.by} ({date_format(localtime(change.proposed_at), 'j-n-Y H:i')})"


def _refused_table(refused) -> Table:
    """Proposals a second person refused: nothing changed; who proposed, who refused, why."""
    rows = [
        {"when": date_format(localtime(c.decided_at), "j-n-Y H:i"), "fund": c.fund.name,
         "act": c.get_kind_display(), "details": c.summary, "by": str(c.proposed_by),
         "refused_by": str(c.decided_by), "reason": c.reason, "refusal": c.refusal_reason}
        for c in refused
    ]  # fmt: skip
    text = [("when", _("When")), ("fund", _("Fund")), ("act", _("What")),
            ("details", _("Details")), ("by", _("Proposed by")), ("refused_by", _("Refused by")),
            ("reason", _("Why")), ("refusal", _("Refused because"))]  # fmt: skip
    return Table(
        _("Refused proposals"),
        [Column(key, label, numeric=False) for key, label in text],
        rows,
        empty=_("No proposal was refused."),
    )


@reports.register
class BudgetReport(reports.Report):
    slug = "budget"
    title = gettext_lazy("Budget")
    description = gettext_lazy(
        "Allocation, committed, paid, returned and remaining money per fund and budget line, "
        "and the budget-integrity log: every move of money between lines and every change of "
        "who decides, with its reason (“Laat het budget heel”)."
    )
    filter_form = FundFilterForm
    in_annual_report = True

    def sections(self, filters):
        scope = {"fund": filters.get("fonds"), "start": filters.get("van"),
                 "end": filters.get("tot")}  # fmt: skip
        funds = selectors.funds_in(**scope)
        return [
            self.money(selectors.fund_figures(funds), selectors.line_figures(funds)),
            self.log(
                selectors.integrity_entries(**scope),
                balance_selectors.out_of_purpose_per_fund(funds),
                selectors.refused_changes(**scope),
            ),
        ]

    def money(self, funds: list[dict[str, Any]], lines: list[dict[str, Any]]) -> Section:
        totals = {key: sum((row[key] for row in funds), Decimal("0.00"))
                  for key in selectors.MONEY}  # fmt: skip
        several = len(funds) > 1
        for row in lines:
            row["label"] = f"{row['name']} ({row['fund__name']})" if several else row["name"]
        return Section(
            _("Money per fund and budget line"),
            intro=_(
                "The funds whose period overlaps the chosen period. Remaining is the "
                "allocation minus what was committed plus what returned to the line when "
                "grants were settled."
            ),
            figures=[
                Figure(_("Allocation"), euro(totals["allocation"])),
                Figure(_("Committed"), euro(totals["committed"]), _("awarded to initiatives")),
                Figure(_("Paid"), euro(totals["paid"])),
                Figure(_("Returned"), euro(totals["released"]),
                       _("not spent, back on the line at settlement")),
                Figure(_("Remaining"), euro(totals["remaining"])),
            ],
            tables=[
                Table(
                    _("Per fund"), [Column("name", _("Fund"), numeric=False), *MONEY_COLUMNS],
                    funds,
                    _money_chart(_("Money per fund (€)"), "name",
                                 ["committed", "paid", "remaining"]),
                ),
                Table(
                    _("Per budget line"),
                    [Column("label", _("Budget line"), numeric=False),
                     Column("type__name", _("Kind"), numeric=False), *MONEY_COLUMNS],
                    lines,
                    _money_chart(_("Money per budget line (€)"), "label",
                                 ["allocation", "committed", "paid"]),
                ),
            ],
        )  # fmt: skip

    def log(self, entries: list, per_fund: list, refused: list = ()) -> Section:
        moves = [e for e in entries if e.act == IntegrityAct.REALLOCATION]
        gone = [e for e in entries if e.is_out_of_purpose]
        rows = [
            {"when": date_format(localtime(e.created_at), "j-n-Y H:i"), "fund": e.fund.name,
             "act": e.get_act_display(), "details": _details(e), "by": _proposed(e),
             "approved_by": str(e.approved_by or "—"),
             "reason": e.reason, "out": OUT_OF_PURPOSE_MARK if e.is_out_of_purpose else ""}
            for e in entries
        ]  # fmt: skip
        text = [("when", _("When")), ("out", _("Out of Samen Sterk")), ("fund", _("Fund")),
                ("act", _("What")), ("details", _("Details")), ("by", _("Proposed by")),
                ("approved_by", _("Approved by")), ("reason", _("Why"))]  # fmt: skip
        return Section(
            _("Budget-integrity log"),
            intro=_(
                "Every time money moved between lines, left Samen Sterk, or who decides on a "
                "line changed after the period opened: when, by whom, and why. Entries made in "
                "the chosen period. Money taken out of Samen Sterk is marked red and says so "
                "in the column “Out of Samen Sterk”."
            ),
            figures=[
                *[_purpose_figure(total) for total in per_fund],
                Figure(_("Money moved between lines"),
                       euro(sum((e.amount or Decimal(0) for e in moves), Decimal("0.00"))),
                       ngettext("in %(count)d move", "in %(count)d moves", len(moves))
                       % {"count": len(moves)}),
                Figure(_("Decision holders changed"), len(entries) - len(moves) - len(gone)),
            ],
            tables=[
                Table(
                    _("Budget-integrity log"),
                    [Column(key, label, numeric=False) for key, label in text],
                    rows,
                    empty=_("Nothing has been moved or changed."),
                    marked="out",
                ),
                _refused_table(refused),
            ],
        )  # fmt: skip


OUT_OF_PURPOSE_MARK = gettext_lazy("Taken out of Samen Sterk")


def _purpose_figure(total) -> Figure:
    """ "Dit jaar uit Samen Sterk gehaald (Samen Sterk 2027): € 500,00", red when not € 0."""
    if total.total:
        note = ngettext(
            "in %(count)d move, marked red in the log below",
            "in %(count)d moves, marked red in the log below", total.moves,
        ) % {"count": total.moves}  # fmt: skip
    else:
        note = _("nothing")
    return Figure(
        _("Taken out of Samen Sterk this year (%(fund)s)") % {"fund": total.fund},
        euro(total.total), note, marked=bool(total.total),
    )  # fmt: skip
