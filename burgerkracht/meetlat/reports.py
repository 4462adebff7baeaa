"""The Meetlat report: coverage per kind of decision and per principle, and the
accountability triad (financial, legal, resident input) side by side."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.reports import ChartSpec, Column, Figure, Section, Table
from burgerkracht.meetlat import selectors
from burgerkracht.meetlat.enums import DecisionKind, MeetlatAnswer


def share(part: int, whole: int) -> int:
    return reports.percent(part, whole) or 0


class MeetlatFilterForm(reports.PeriodForm):
    afdeling = forms.CharField(label=gettext_lazy("Department"), required=False, max_length=120)
    soort = forms.ChoiceField(
        label=gettext_lazy("Kind of decision"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *DecisionKind.choices],
    )


@reports.register
class MeetlatReport(reports.Report):
    slug = "meetlat"
    title = gettext_lazy("Meetlat and accountability")
    description = gettext_lazy(
        "How many decisions carry a complete Meetlat, how the six principles were answered, "
        "and whether the financial, legal and resident-input accountability is written down."
    )
    filter_form = MeetlatFilterForm
    in_annual_report = True

    def sections(self, filters):
        decisions = selectors.decisions_in(
            start=filters.get("van"), end=filters.get("tot"),
            department=filters.get("afdeling", ""), kind=filters.get("soort", ""),
        )  # fmt: skip
        by_kind = selectors.coverage_by_kind(decisions)
        kinds = dict(DecisionKind.choices)
        total = sum(row["total"] for row in by_kind)
        complete = sum(row["complete"] for row in by_kind)
        triad = sum(row["triad"] for row in by_kind)
        kind_rows = [
            {**row, "kind": str(kinds.get(row["kind"], row["kind"])),
             "share": share(row["complete"], row["total"]),
             "triad_share": share(row["triad"], row["total"])}
            for row in by_kind
        ]  # fmt: skip
        principle_rows = [
            {"principle": f"{row['principle__number']}. {row['principle__heading']}",
             **{value: row[value] for value in MeetlatAnswer.values}}
            for row in selectors.principle_answers(decisions)
        ]  # fmt: skip
        of = _("%(part)s of %(total)s decisions")
        kind_column = Column("kind", _("Kind"), numeric=False)
        coverage = Section(
            _("Meetlat coverage"),
            figures=[
                Figure(_("Decisions"), total),
                Figure(
                    _("With a complete Meetlat"),
                    f"{share(complete, total)}%",
                    of % {"part": complete, "total": total},
                ),
            ],
        )
        coverage.tables.append(
            Table(
                _("Per kind of decision"),
                [
                    kind_column,
                    Column("total", _("Decisions")),
                    Column("complete", _("Complete Meetlat")),
                    Column("share", _("Share (%)")),
                ],
                kind_rows,
                ChartSpec(
                    _("Share of decisions with a complete Meetlat (%)"),
                    "kind",
                    ["share"],
                    percent=True,
                ),
            )
        )
        coverage.tables.append(
            Table(
                _("Answers per principle"),
                [
                    Column("principle", _("Principle"), numeric=False),
                    *[Column(value, label) for value, label in MeetlatAnswer.choices],
                ],
                principle_rows,
                ChartSpec(
                    _("Answers per principle"), "principle", MeetlatAnswer.values, stacked=True
                ),
            )
        )
        accountability = Section(
            _("Accountability triad"),
            intro=_(
                "Resident input is accounted for in the same row as the financial and legal "
                "accountability. A decision counts when all three are written down."
            ),
            figures=[
                Figure(
                    _("With all three written down"),
                    f"{share(triad, total)}%",
                    of % {"part": triad, "total": total},
                )
            ],
        )
        accountability.tables.append(
            Table(
                _("Accountability per kind of decision"),
                [
                    kind_column,
                    Column("total", _("Decisions")),
                    Column("financial", _("Financial")),
                    Column("legal", _("Legal")),
                    Column("residents", _("Resident input")),
                    Column("triad", _("All three")),
                    Column("triad_share", _("Share (%)")),
                ],
                kind_rows,
                ChartSpec(
                    _("Decisions with all three accountabilities (%)"),
                    "kind",
                    ["triad_share"],
                    percent=True,
                ),
            )
        )
        return [coverage, accountability, reflections_section(kind_rows, kind_column)]


def reflections_section(kind_rows: list[dict], kind_column: Column) -> Section:
    """Principle 6: the later reflections of final decisions, due, done and overdue."""
    due, done, overdue = (sum(row[key] for row in kind_rows) for key in ("due", "done", "overdue"))
    section = Section(
        _("Later reflections (principle 6)"),
        intro=_(
            "A final decision plans a later reflection: what have we learned, and what do we "
            "change? Due: its date is still to come. Overdue: its date has passed without a "
            "reflection."
        ),
        figures=[
            Figure(_("Reflections due"), due),
            Figure(_("Reflections done"), done),
            Figure(_("Reflections overdue"), overdue),
        ],
    )
    section.tables.append(
        Table(
            _("Reflections per kind of decision"),
            [
                kind_column,
                Column("due", _("Due")),
                Column("done", _("Done")),
                Column("overdue", _("Overdue")),
            ],
            kind_rows,
            ChartSpec(
                _("Reflections per kind of decision"),
                "kind",
                ["due", "done", "overdue"],
                stacked=True,
            ),
        )
    )
    return section
