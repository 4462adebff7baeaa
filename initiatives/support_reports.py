"""REP-16: the lead times of support requests. Per rule domain and per department or partner:
how many requests, how many still wait, the median and the longest wait in days; and the
requests that wait longer than SUPPORT_ESCALATION_DAYS. A wait is the days from asking to the
answer (or withdrawal), or to today while it waits. For the coordinators, management
(read-only) and the administrator. One query, whatever the period."""

from __future__ import annotations

from collections import defaultdict
from statistics import median

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from burgerkracht.accounts.roles import SUPPORT_LEAD_TIME_ROLES
from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.reports import ChartSpec, Column, Figure, Section, Table
from initiatives.support_enums import WAITING, RuleDomain
from initiatives.support_models import SupportRequest, escalation_days


class LeadTimeFilterForm(reports.PeriodForm):
    domein = forms.ChoiceField(
        label=gettext_lazy("Rule domain"), required=False,
        choices=[("", gettext_lazy("All rule domains")), *RuleDomain.choices],
    )  # fmt: skip


def _rows(groups: dict[str, list[tuple[int, bool]]], label: str) -> list[dict]:
    rows = []
    for name, waits in sorted(groups.items()):
        days = [d for d, _open in waits]
        rows.append({
            label: name, "requests": len(waits), "open": sum(1 for _d, o in waits if o),
            "median": round(median(days)), "longest": max(days),
        })  # fmt: skip
    return rows


@reports.register
class LeadTimeReport(reports.Report):
    slug = "support-lead-times"
    title = gettext_lazy("Lead times of support requests")
    description = gettext_lazy(
        "How long departments and partner organisations take to answer the initiatives' "
        "requests, per rule domain and per organisation, and which requests wait too long."
    )
    filter_form = LeadTimeFilterForm
    roles = SUPPORT_LEAD_TIME_ROLES

    def sections(self, filters):
        requests = reports.narrowed(
            SupportRequest.objects.all(), period="asked_at__date", start=filters.get("van"),
            end=filters.get("tot"), domain=filters.get("domein", ""),
        )  # fmt: skip
        now, today = timezone.now(), timezone.localdate()
        domains = dict(RuleDomain.choices)
        by_domain: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        by_organisation: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        overdue = []
        for request in requests.select_related("initiative", "organisation").order_by("asked_at"):
            days, waiting = request.days_open(now), request.status in WAITING
            by_domain[str(domains.get(request.domain, request.domain))].append((days, waiting))
            by_organisation[request.organisation.name].append((days, waiting))
            if request.is_overdue(today):
                overdue.append({
                    "initiative": request.initiative.title, "question": request.question[:80],
                    "organisation": request.organisation.name, "holder": request.holder_name,
                    "asked": timezone.localdate(request.asked_at), "days": days,
                })  # fmt: skip
        waits = [w for group in by_domain.values() for w in group]
        answered = [d for d, o in waits if not o]
        columns = [
            Column("requests", _("Requests")), Column("open", _("Still waiting")),
            Column("median", _("Median wait (days)")), Column("longest", _("Longest wait (days)")),
        ]  # fmt: skip
        chart = ChartSpec(_("Median and longest wait (days)"), "", ["median", "longest"])
        lead_times = Section(
            _("Lead times"),
            intro=_("A wait is the days from asking to the answer, or to today while it waits."),
            figures=[
                Figure(_("Requests"), len(waits)),
                Figure(_("Still waiting"), sum(1 for _d, o in waits if o)),
                Figure(_("Median days to an answer"),
                       round(median(answered)) if answered else "—"),
            ],
        )  # fmt: skip
        for key, title, groups in (
            ("domain", _("Per rule domain"), by_domain),
            ("organisation", _("Per department or partner"), by_organisation),
        ):
            label = Column(key, _("Rule domain") if key == "domain" else _("Organisation"),
                           numeric=False)  # fmt: skip
            spec = ChartSpec(chart.title, key, chart.series)
            lead_times.tables.append(Table(title, [label, *columns], _rows(groups, key), spec))
        waiting = Section(
            _("Waiting too long"),
            intro=_("Requests without an answer for more than %(days)s days.")
            % {"days": escalation_days()},
            figures=[Figure(_("Waiting too long"), len(overdue))],
        )
        waiting.tables.append(
            Table(
                _("Requests that wait too long"),
                [
                    Column("initiative", _("Initiative"), numeric=False),
                    Column("question", _("Support request"), numeric=False),
                    Column("organisation", _("Organisation"), numeric=False),
                    Column("holder", _("With"), numeric=False),
                    Column("asked", _("Asked on"), numeric=False),
                    Column("days", _("Days")),
                ],
                overdue,
            )
        )
        return [lead_times, waiting]
