"""The advice report and the advice part of the continuity-risk report (issue #8; REP-04,
REP-05, REP-08, REP-18). Aggregates only: no names, nothing from a draft answer. The
definition of every figure is in advice/README.md, "The advice report"."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advice import report_selectors as selectors
from advice.enums import Adoption
from advice.models import AdvisoryBody
from burgerkracht.accounts.roles import ADVICE_REPORT_ROLES
from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.reports import ChartSpec, Column, Figure, Section, Table, percent
from burgerkracht.core.ui.formatting import day

NO_VALUE = "—"
# More years than this between "from" and "up to" are shown only where there is data.
MAX_EMPTY_YEARS = 10


def share(part: int, whole: int) -> str:
    return f"{percent(part, whole)}%" if whole else NO_VALUE


def average_days(total: timedelta | None, count: int) -> float | None:
    if not count or total is None:
        return None
    return round(total.total_seconds() / 86400 / count, 1)


def sum_rows(rows: list[dict[str, Any]], keys: list[str]) -> dict[str, Any]:
    return {key: sum(row[key] for row in rows) for key in keys}


class AdviceFilterForm(reports.PeriodForm):
    orgaan = forms.ModelChoiceField(
        label=gettext_lazy("Advisory body"), required=False, to_field_name="slug",
        queryset=AdvisoryBody.objects.order_by("name"), empty_label=gettext_lazy("All bodies"),
    )  # fmt: skip


@reports.register
class AdviceReport(reports.Report):
    slug = "advice"
    title = gettext_lazy("Advice and answers")
    description = gettext_lazy(
        "Solicited and unsolicited advices per body and year, whether the answers came on "
        "time, what was done with the recommendations and whether reasons were given, the "
        "promises, the evaluations and the meetings of the college with the bodies."
    )
    filter_form = AdviceFilterForm
    # Aggregates only, from what the bodies already see (no concepts, no draft answers).
    roles = ADVICE_REPORT_ROLES
    in_annual_report = True

    def sections(self, filters):
        today = timezone.localdate()
        start, end, body = filters.get("van"), filters.get("tot"), filters.get("orgaan")
        advices = selectors.advices_in(start=start, end=end, body=body)
        counts = selectors.advice_counts(advices, today)
        per_body = _per_body(counts)
        return [
            _advices_section(counts),
            _answers_section(per_body),
            _recommendations_section(selectors.recommendation_counts(advices)),
            _promises_section(selectors.promise_counts(advices, today)),
            _own_promises_section(selectors.own_promise_counts(today, body)),
            _evaluations_section(per_body),
            _meetings_section(selectors.meeting_counts(body), counts, start, end, today),
        ]


def _per_body(counts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The body-and-year rows added up per body."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in counts:
        grouped[row["body_name"]].append(row)
    keys = ["total", "on_time", "late", "open", "overdue", "answered", "evaluated",
            "evaluation_due", "evaluation_later"]  # fmt: skip
    result = []
    for name, rows in grouped.items():
        times = [row["answer_time"] for row in rows if row["answer_time"] is not None]
        result.append(
            {"body_name": name, **sum_rows(rows, keys),
             "answer_time": sum(times, timedelta()) if times else None}
        )  # fmt: skip
    return result


BODY = Column("body_name", gettext_lazy("Body"), numeric=False)


def _advices_section(counts: list[dict[str, Any]]) -> Section:
    totals = sum_rows(counts, ["solicited", "unsolicited", "total"])
    rows = [{**row, "label": f"{row['body_name']} {row['year']}"} for row in counts]
    return Section(
        _("Advices received"),
        intro=_("Advices the municipality received in the period (by the date received), "
                "per body and year. Concepts and withdrawn advices are not counted."),
        figures=[
            Figure(_("Advices received"), totals["total"]),
            Figure(_("Solicited"), totals["solicited"]),
            Figure(_("Unsolicited"), totals["unsolicited"]),
        ],
        tables=[Table(
            _("Advices per body and year"),
            [BODY, Column("year", _("Year"), numeric=False),
             Column("solicited", _("Solicited")), Column("unsolicited", _("Unsolicited")),
             Column("total", _("Total"))],
            rows,
            ChartSpec(_("Solicited and unsolicited advices per body and year"), "label",
                      ["solicited", "unsolicited"], stacked=True),
        )],
    )  # fmt: skip


def _answers_section(per_body: list[dict[str, Any]]) -> Section:
    keys = ["total", "on_time", "late", "open", "overdue", "answered"]
    totals = sum_rows(per_body, keys)
    times = [row["answer_time"] for row in per_body if row["answer_time"] is not None]
    total_time = sum(times, timedelta()) if times else None
    judged = totals["on_time"] + totals["late"] + totals["overdue"]
    rows = [
        {**row, "share": percent(row["on_time"], row["on_time"] + row["late"] + row["overdue"]),
         "days": average_days(row["answer_time"], row["answered"])}
        for row in per_body
    ]  # fmt: skip
    days = average_days(total_time, totals["answered"])
    return Section(
        _("Answers"),
        intro=_("An answer is on time when it was published on or before the date it was due "
                "(%(weeks)s weeks after the advice was received). The share on time counts "
                "the answers published and the answers that are overdue.")
        % {"weeks": settings.ADVICE_RESPONSE_WEEKS},
        figures=[
            Figure(_("Answers on time"), share(totals["on_time"], judged),
                   _("%(part)s of %(total)s answers due or given") % {
                       "part": totals["on_time"], "total": judged}),
            Figure(_("Average days to the answer"), NO_VALUE if days is None else days,
                   _("over %(count)s published answers") % {"count": totals["answered"]}),
            Figure(_("Answers overdue"), totals["overdue"]),
        ],
        tables=[Table(
            _("Answers per body"),
            [BODY, Column("total", _("Advices")), Column("on_time", _("On time")),
             Column("late", _("Late")), Column("open", _("Open, not yet due")),
             Column("overdue", _("Open and overdue")), Column("share", _("On time (%)")),
             Column("days", _("Average days to the answer"))],
            rows,
            ChartSpec(_("Answers per body"), "body_name",
                      ["on_time", "late", "overdue", "open"], stacked=True),
        )],
    )  # fmt: skip


def _recommendations_section(counts: list[dict[str, Any]]) -> Section:
    keys = [*Adoption.values, "needs_reason", "with_reason"]
    totals = sum_rows(counts, keys)
    rows = [{**row, "share": percent(row["with_reason"], row["needs_reason"])} for row in counts]
    return Section(
        _("Recommendations"),
        intro=_("The answers per recommendation in published answers. Every answer but "
                "“adopted” (partly adopted, not adopted, already policy) must say why; the "
                "target is 100%."),
        figures=[
            Figure(_("Not (fully) adopted with reasons"),
                   share(totals["with_reason"], totals["needs_reason"]),
                   _("%(part)s of %(total)s recommendations; target 100%%") % {
                       "part": totals["with_reason"], "total": totals["needs_reason"]}),
            *[Figure(label, totals[value]) for value, label in Adoption.choices],
        ],
        tables=[Table(
            _("Recommendations per body"),
            [BODY, *[Column(value, label) for value, label in Adoption.choices],
             Column("needs_reason", _("Not (fully) adopted")),
             Column("with_reason", _("With reasons")), Column("share", _("With reasons (%)"))],
            rows,
            ChartSpec(_("Answers to recommendations per body"), "body_name", Adoption.values,
                      stacked=True),
        )],
    )  # fmt: skip


def _promises_section(counts: list[dict[str, Any]]) -> Section:
    keys = ["total", "done", "open", "overdue", "dropped", "kept", "partly_kept", "not_kept"]
    totals = sum_rows(counts, keys)
    return Section(
        _("Promises"),
        intro=_("The promises made in the answers to these advices. Kept: marked done; "
                "overdue: still open after its due date. At the evaluation the body and the "
                "municipality judge each promise kept, partly kept or not kept."),
        figures=[
            Figure(_("Promises"), totals["total"]),
            Figure(_("Kept"), totals["done"]),
            Figure(_("Open"), totals["open"]),
            Figure(_("Overdue"), totals["overdue"]),
            Figure(_("Dropped"), totals["dropped"]),
        ],
        tables=[Table(
            _("Promises per body"),
            [BODY, Column("total", _("Promises")), Column("done", _("Kept")),
             Column("open", _("Open")), Column("overdue", _("Overdue")),
             Column("dropped", _("Dropped")), Column("kept", _("Evaluation: kept")),
             Column("partly_kept", _("Evaluation: partly kept")),
             Column("not_kept", _("Evaluation: not kept"))],
            counts,
            ChartSpec(_("Promises per body"), "body_name",
                      ["done", "open", "overdue", "dropped"], stacked=True),
        )],
    )  # fmt: skip


def _own_promises_section(counts: list[dict[str, Any]]) -> Section:
    """SC-10: the promises that are not made in an answer, per agenda (docs/decisions/0016)."""
    for row in counts:
        row["agenda_name"] = row["agenda_name"] or _("Commitments on their own")
    return Section(
        _("Agendas and commitments on their own"),
        intro=_("Promises that are not made in an answer to an advice: the topics of an agenda "
                "and commitments of a wethouder or the college. Their state today, whatever "
                "the period. The verdict is given by the advice coordinator."),
        tables=[Table(
            _("Promises per agenda"),
            [Column("agenda_name", _("Agenda"), numeric=False), Column("total", _("Promises")),
             Column("done", _("Kept")), Column("open", _("Open")),
             Column("overdue", _("Overdue")), Column("dropped", _("Dropped")),
             Column("partly_kept", _("Verdict: partly kept")),
             Column("not_kept", _("Verdict: not kept"))],
            counts,
            ChartSpec(_("Promises per agenda"), "agenda_name",
                      ["done", "open", "overdue", "dropped", "partly_kept", "not_kept"],
                      stacked=True),
        )],
    )  # fmt: skip


def _evaluations_section(per_body: list[dict[str, Any]]) -> Section:
    totals = sum_rows(per_body, ["evaluated", "evaluation_due", "evaluation_later"])
    due = totals["evaluated"] + totals["evaluation_due"]
    return Section(
        _("Evaluations of advices"),
        intro=_("Every answered advice is evaluated %(months)s months after the answer. Due: "
                "done, or planned on or before today.") % {
                    "months": settings.ADVICE_EVALUATION_MONTHS},
        figures=[
            Figure(_("Evaluations done"), share(totals["evaluated"], due),
                   _("%(part)s of %(total)s evaluations due") % {
                       "part": totals["evaluated"], "total": due}),
            Figure(_("Evaluations due, not done"), totals["evaluation_due"]),
        ],
        tables=[Table(
            _("Evaluations per body"),
            [BODY, Column("evaluated", _("Done")), Column("evaluation_due", _("Due, not done")),
             Column("evaluation_later", _("Planned later"))],
            per_body,
            ChartSpec(_("Evaluations per body"), "body_name",
                      ["evaluated", "evaluation_due", "evaluation_later"], stacked=True),
        )],
    )  # fmt: skip


def meeting_years(
    data_years: set[int], start: date | None, end: date | None, today: date
) -> list[int]:
    """Whole calendar years the period touches: all of them when the period is short, else
    the years with data (and this year) inside it."""
    if start and end and end.year - start.year < MAX_EMPTY_YEARS:
        return list(range(start.year, end.year + 1))
    years = {*data_years, today.year}
    return sorted(y for y in years if (not start or y >= start.year) and (not end or y <= end.year))


def _meetings_section(meetings, counts, start, end, today) -> Section:
    minimum = settings.ADVICE_MEETINGS_PER_YEAR
    found: dict[tuple[str, int], int] = {}
    bodies: list[str] = []
    for row in meetings:
        if row["short_name"] not in bodies:
            bodies.append(row["short_name"])
        if row["year"] is not None:
            found[(row["short_name"], row["year"])] = row["meetings"]
    years = meeting_years({y for _b, y in found} | {row["year"] for row in counts},
                          start, end, today)  # fmt: skip
    rows = [
        {"body_name": name, "year": year, "label": f"{name} {year}",
         "meetings": found.get((name, year), 0), "minimum": minimum,
         "enough": _("yes") if found.get((name, year), 0) >= minimum else _("no")}
        for name in bodies for year in years
    ]  # fmt: skip
    short = sum(1 for row in rows if row["meetings"] < minimum)
    return Section(
        _("Meetings of the college with the bodies"),
        intro=_("The college meets each body at least %(minimum)s times a calendar year. "
                "Whole calendar years are counted.") % {"minimum": minimum},
        figures=[
            Figure(_("Meetings"), sum(row["meetings"] for row in rows)),
            Figure(_("Years below the minimum"), short,
                   _("%(part)s of %(total)s body-years") % {"part": short, "total": len(rows)}),
        ],
        tables=[Table(
            _("Meetings per body and year"),
            [BODY, Column("year", _("Year"), numeric=False),
             Column("meetings", _("Meetings")), Column("minimum", _("Minimum")),
             Column("enough", _("Minimum reached"), numeric=False)],
            rows,
            ChartSpec(_("Meetings per body and year"), "label", ["meetings"]),
        )],
    )  # fmt: skip


def continuity_section(filters: dict[str, Any]) -> list[Section]:
    """The advisory work that hangs on one person, now (the period does not apply)."""
    advices = selectors.advices_at_risk()
    bodies = selectors.bodies_at_risk()
    promises = selectors.promises_at_risk()
    items = []
    for row in advices:
        reasons = [text for key, text in (
            ("no_contact", _("no contact person")),
            ("contact_gone", _("contact person no longer active")),
            ("no_backup", _("no active backup")),
        ) if row[key]]  # fmt: skip
        items.append({"kind": _("Advice"), "item": f"{row['reference']} {row['title']}",
                      "risk": ", ".join(reasons)})  # fmt: skip
    for row in bodies:
        reasons = []
        if row["members"] <= 1:
            reasons.append(_("%(count)s active members") % {"count": row["members"]})
        if not row["secretaries"]:
            reasons.append(_("no active secretary"))
        items.append({"kind": _("Advisory body"), "item": row["short_name"],
                      "risk": ", ".join(reasons)})  # fmt: skip
    for row in promises:
        items.append({"kind": _("Promise"), "item": f"{row['reference']}: {row['text'][:80]}",
                      "risk": _("owner no longer active; due %(date)s")
                      % {"date": day(row["due_on"])}})  # fmt: skip
    return [Section(
        _("Advisory work"),
        intro=_("Advices, advisory bodies and promises that hang on one person or on someone "
                "who is no longer active. This is the situation today; the period does not "
                "apply."),
        figures=[
            Figure(_("Advices without a safe contact"), len(advices),
                   _("no contact person, the contact no longer active, or no active backup")),
            Figure(_("Bodies with one member or no secretary"), len(bodies)),
            Figure(_("Open promises whose owner left"), len(promises)),
        ],
        tables=[Table(
            _("Advisory work at risk"),
            [Column("kind", _("Kind"), numeric=False), Column("item", _("What"), numeric=False),
             Column("risk", _("Risk"), numeric=False)],
            items,
        )],
    )]  # fmt: skip


reports.contribute("continuity", continuity_section)
