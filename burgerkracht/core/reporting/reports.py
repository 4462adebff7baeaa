"""Reports: a registry the domain apps fill, and the shapes a report is made of.

core cannot import the domain apps, so each app registers its reports in their hooks.py.
A report is sections of headline figures and tables; a table may carry a chart of its own
columns. One shape serves the page, the CSV/XLSX export and the annual report PDF, so the
numbers are the same everywhere. Selectors compute the figures in the database with a fixed
number of queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

import tablib
from django import forms
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.forms import date_field
from burgerkracht.core.reporting.charts import Chart, bar_chart
from burgerkracht.core.ui.formatting import day


def percent(part: int, whole: int) -> int | None:
    """The one rounding rule for every percentage the portal shows (issue #22 §3): a whole
    percent, halves rounded up (4 of 6 is 67 %, 1 of 8 is 13 %), on every page, report and
    export alike; None when there is nothing to divide. docs/reports.md names it."""
    if not whole:
        return None
    exact = Decimal(100 * part) / Decimal(whole)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = True


@dataclass(frozen=True)
class ChartSpec:
    """Draw these numeric columns of the table, one bar per row labelled by label_key."""

    title: str
    label_key: str
    series: Sequence[str]
    stacked: bool = False
    percent: bool = False
    colours: Sequence[str] | None = None


def _shown(value: Any) -> Any:
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if isinstance(value, datetime.date):
        return day(value)
    return value


@dataclass
class Table:
    title: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]]
    chart: ChartSpec | None = None
    note: str = ""
    empty: str = _("Nothing to show for this choice.")
    # A row whose value under this key is true is marked (red, with its words in a column:
    # money that left Samen Sterk, SC-16). The mark never stands for colour alone.
    marked: str = ""

    @property
    def slug(self) -> str:
        return slugify(str(self.title))[:40] or "tabel"

    def cells(self) -> list[list[Any]]:
        return [[row.get(c.key, "") for c in self.columns] for row in self.rows]

    def display(self) -> list[list[tuple[Any, bool]]]:
        """The cells with whether each is a number (right-aligned) for the page: amounts with
        thousands separators of the language (25.000,00), dates as words (15 april 2027);
        counts and years as they are. The exports keep plain values (`cells`)."""
        return [
            [(_shown(row.get(c.key, "")), c.numeric) for c in self.columns] for row in self.rows
        ]

    def shown(self) -> list[tuple[list[tuple[Any, bool]], bool]]:
        """`display` with, per row, whether it is marked."""
        marks = [bool(self.marked and row.get(self.marked)) for row in self.rows]
        return list(zip(self.display(), marks, strict=True))

    def drawn(self) -> Chart | None:
        if self.chart is None or not self.rows:
            return None
        labels = {c.key: c.label for c in self.columns}
        return bar_chart(
            str(self.chart.title),
            [row[self.chart.label_key] for row in self.rows],
            {labels[key]: [row.get(key) for row in self.rows] for key in self.chart.series},
            stacked=self.chart.stacked,
            percent=self.chart.percent,
            colours=self.chart.colours,
            keys=list(self.chart.series),
        )

    def dataset(self) -> tablib.Dataset:
        data = tablib.Dataset(headers=[str(c.label) for c in self.columns], title=self.slug[:31])
        for row in self.cells():
            data.append(["" if value is None else value for value in row])
        return data


@dataclass(frozen=True)
class Figure:
    """A headline number with its meaning in one sentence, e.g. "76% reached their result"."""

    label: str
    value: Any
    note: str = ""
    marked: bool = False  # red, like a marked row (its label says what it is)


@dataclass
class Section:
    title: str
    intro: str = ""
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def narrowed(queryset, *, period: str = "", start=None, end=None, **equal):
    """`queryset` within [start, end] on the date field `period`, and equal to every given
    value in `equal` (field=value); an empty value leaves that filter out."""
    if period and start:
        queryset = queryset.filter(**{f"{period}__gte": start})
    if period and end:
        queryset = queryset.filter(**{f"{period}__lte": end})
    chosen = {field: value for field, value in equal.items() if value not in (None, "")}
    return queryset.filter(**chosen) if chosen else queryset


class PeriodForm(forms.Form):
    """The period filter every report has; reports add their own fields."""

    van = date_field(_("From"), required=False)
    tot = date_field(_("Up to and including"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("The end date must come after the start date."))
        return data


class Report:
    """One report. Subclasses set the class attributes and build the sections."""

    slug: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str] = ""
    filter_form: ClassVar[type[forms.Form]] = PeriodForm
    # Who may read it: a role set of accounts/roles.py, or None for "read-only role and up":
    # everyone on the municipality's side who works with the figures (user.is_municipal_staff).
    roles: ClassVar[frozenset[str] | None] = None
    in_annual_report: ClassVar[bool] = False

    def visible_to(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return user.is_municipal_staff if self.roles is None else user.has_role(*self.roles)

    def sections(self, filters: dict[str, Any]) -> list[Section]:
        raise NotImplementedError

    def workbook(self, sections: list[Section]) -> tablib.Databook:
        book = tablib.Databook()
        seen: set[str] = set()
        for section in sections:
            for table in section.tables:
                data = table.dataset()
                title = data.title
                n = 2
                while data.title in seen:  # sheet names must be unique
                    data.title = f"{title[:28]}-{n}"
                    n += 1
                seen.add(data.title)
                book.add_sheet(data)
        return book


def workbook_bytes(report: Report, sections: list[Section]) -> bytes:
    """The report as an Excel file: a sheet per table, and a marked row (money that left
    Samen Sterk) filled light red with dark red text, besides the column that says it."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font, PatternFill

    content = report.workbook(sections).export("xlsx")
    tables = [table for section in sections for table in section.tables]
    if not any(table.marked for table in tables):
        return content
    book = load_workbook(io.BytesIO(content))
    fill, font = PatternFill("solid", fgColor="FDECEA"), Font(color="A4262C", bold=True)
    for sheet, table in zip(book.worksheets, tables, strict=True):
        for number, row in enumerate(table.rows, start=2):  # row 1 has the headers
            if table.marked and row.get(table.marked):
                for cell in sheet[number]:
                    cell.fill, cell.font = fill, font
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_reports: dict[str, Report] = {}
# Sections another app adds to a report it does not own (e.g. advice to continuity risks).
_contributions: dict[str, list[Callable[[dict[str, Any]], list[Section]]]] = {}


def register(report_class: type[Report]) -> type[Report]:
    _reports[report_class.slug] = report_class()
    return report_class


def contribute(slug: str, build: Callable[[dict[str, Any]], list[Section]]) -> None:
    """Add sections to report `slug`; they follow the report's own sections."""
    builders = _contributions.setdefault(slug, [])
    if build not in builders:
        builders.append(build)


def build(report: Report, filters: dict[str, Any]) -> list[Section]:
    """All sections of a report: its own, then those other apps contributed."""
    sections = report.sections(filters)
    for extra in _contributions.get(report.slug, []):
        sections += extra(filters)
    return sections


def get(slug: str) -> Report | None:
    return _reports.get(slug)


def reports_for(user) -> list[Report]:
    return [report for report in _reports.values() if report.visible_to(user)]


# The chapters of the annual report come in this order; other reports follow.
ANNUAL_ORDER = ("samen-sterk", "budget", "advice", "meetlat")


def annual_reports() -> list[Report]:
    chosen = [report for report in _reports.values() if report.in_annual_report]
    rank = {slug: n for n, slug in enumerate(ANNUAL_ORDER)}
    return sorted(chosen, key=lambda report: rank.get(report.slug, len(rank)))
