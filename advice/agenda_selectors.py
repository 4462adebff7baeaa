"""Agendas (SC-10): the list a person may see, and one agenda's progress per phase and per
status — the counts in one query, drawn as an HTML/CSS bar chart (core.reporting.charts) beside a
table that keeps every number."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import django_filters
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advice import permissions
from advice.enums import OPEN_PROMISE, PromiseStatus
from advice.models import Agenda, Promise
from burgerkracht.core.reporting.charts import Chart, bar_chart

S = PromiseStatus
# The columns of the progress: open promises split into on time and overdue (derived).
PROGRESS = (
    ("new", S.NEW.label, Q(status=S.NEW)),
    ("on_track", S.ON_TRACK.label, Q(status=S.ON_TRACK)),
    ("overdue", gettext_lazy("Overdue"), None),  # open and past the due date
    ("done", S.DONE.label, Q(status=S.DONE)),
    ("partly_kept", S.PARTLY_KEPT.label, Q(status=S.PARTLY_KEPT)),
    ("not_kept", S.NOT_KEPT.label, Q(status=S.NOT_KEPT)),
    ("dropped", S.DROPPED.label, Q(status=S.DROPPED)),
)


def visible_agendas(user: Any) -> QuerySet[Agenda]:
    """The agendas `user` may open (permissions.agendas_visible_to), with their promises
    counted."""
    return (
        permissions.agendas_visible_to(user)
        .select_related("body")
        .annotate(promise_count=Count("promises"))
    )


@dataclass
class PhaseRow:
    phase: str
    counts: list[tuple[str, str, int]]  # (key, label, number), zeros left out
    total: int


@dataclass
class Progress:
    rows: list[PhaseRow]
    total: int
    chart: Chart | None


def agenda_progress(agenda: Agenda, today: date) -> Progress:
    """Per phase (in the order of their names, "no phase" last), the number of promises per
    status, with open promises past their due date counted as overdue instead."""
    overdue = Q(status__in=OPEN_PROMISE, due_on__lt=today)
    aggregates = {
        key: Count("pk", filter=(overdue if condition is None else condition & ~overdue))
        for key, _label, condition in PROGRESS
    }
    per_phase: list[Mapping[str, Any]] = list(
        Promise.objects.filter(agenda=agenda)
        .values("phase")
        .annotate(total=Count("pk"), **aggregates)
        .order_by("phase")
    )
    per_phase.sort(key=lambda r: (r["phase"] == "", r["phase"]))
    rows = [
        PhaseRow(
            phase=r["phase"] or _("No phase"),
            counts=[(key, str(label), r[key]) for key, label, _c in PROGRESS if r[key]],
            total=r["total"],
        )
        for r in per_phase
    ]
    chart = bar_chart(
        _("Promises per phase"), [row.phase for row in rows],
        {str(label): [r[key] for r in per_phase] for key, label, _c in PROGRESS},
        stacked=True, keys=[key for key, _l, _c in PROGRESS],
    )  # fmt: skip
    return Progress(rows=rows, total=sum(row.total for row in rows), chart=chart)


class AgendaPromiseFilter(django_filters.FilterSet):
    """The promises of one agenda, by phase, status and owner (choices from this agenda)."""

    phase = django_filters.ChoiceFilter(
        label=gettext_lazy("Phase"), empty_label=gettext_lazy("All phases")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=PromiseStatus.choices,
        empty_label=gettext_lazy("All statuses"),
    )  # fmt: skip
    owner = django_filters.ChoiceFilter(
        label=gettext_lazy("Owner"), field_name="owner_id", empty_label=gettext_lazy("Everyone")
    )

    class Meta:
        model = Promise
        fields = ["phase", "status", "owner"]

    def __init__(self, *args, agenda: Agenda, **kwargs):
        super().__init__(*args, **kwargs)
        promises = Promise.objects.filter(agenda=agenda)
        self.filters["phase"].extra["choices"] = [
            (p, p) for p in promises.exclude(phase="").values_list("phase", flat=True)
            .distinct().order_by("phase")
        ]  # fmt: skip
        owners = promises.values_list("owner_id", "owner__full_name", "owner__email").distinct()
        self.filters["owner"].extra["choices"] = sorted(
            ((pk, name or email) for pk, name, email in owners), key=lambda c: c[1]
        )
