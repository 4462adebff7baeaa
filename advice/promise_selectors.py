"""The promise register: every promise with its advice, owner and a derived "overdue" (from
the due date of an open promise; never stored), its filters and its table (sorting, paging,
CSV/XLSX export). One query for the page, whatever the number of promises."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import BooleanField, Case, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from advice import permissions
from advice.enums import OPEN_PROMISE, VERDICT_ONLY, PromiseStatus
from advice.models import AdvisoryBody, Promise, PromiseNote
from burgerkracht.core.required import required
from burgerkracht.core.ui.columns import WORDS, DateColumn
from burgerkracht.core.ui.status import badge_for, badge_html

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def promise_register(today=None, user: Any = None) -> QuerySet[Promise]:
    """Every promise, or those `user` may see (permissions.promises_visible_to): a body
    member sees the promises of answers and those of the agendas their own body handed in
    (never another body's agenda); an owner their own."""
    today = today or timezone.localdate()
    promises = Promise.objects.select_related(
        "advice", "advice__body", "owner", "agenda__body", "verdict"
    )
    if user is not None:
        promises = permissions.promises_visible_to(user, promises)
    last_note = PromiseNote.objects.filter(promise=OuterRef("pk")).order_by("-written_at")
    return promises.annotate(
        last_progress=Subquery(last_note.values("written_at")[:1]),
        overdue=Case(
            When(Q(status__in=OPEN_PROMISE) & Q(due_on__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def promise_detail(pk: int):
    return (
        promise_register()
        .select_related("recommendation")
        .prefetch_related("notes__author")
        .get(pk=pk)
    )


def source_of(promise: Promise) -> str:
    """Where it was promised: the advice's reference, the agenda (and phase), or the
    description of the source."""
    if promise.advice_id:
        return required(promise.advice).reference
    if promise.agenda_id:
        title = required(promise.agenda).title
        return f"{title}, {promise.phase}" if promise.phase else title
    return promise.source_description or str(promise.get_source_kind_display())


def verdict_reason(promise: Promise) -> str:
    """The reason of a "partly kept" or "not kept" verdict, shown beside the status."""
    if promise.status not in VERDICT_ONLY:
        return ""
    verdict = getattr(promise, "verdict", None)
    return verdict.note if verdict is not None else ""


class PromiseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PromiseStatus.choices, empty_label=_("All statuses")
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"), choices=YES_NO, method="filter_overdue", empty_label=_("Either")
    )
    mine = django_filters.BooleanFilter(
        label=_("Only my promises"), method="filter_mine",
        widget=forms.CheckboxInput,
    )  # fmt: skip
    body = django_filters.ModelChoiceFilter(
        label=_("Advisory body"), field_name="advice__body", queryset=AdvisoryBody.objects.all(),
        empty_label=_("All bodies"),
    )  # fmt: skip

    advice = django_filters.NumberFilter(field_name="advice_id", widget=forms.HiddenInput)
    agenda = django_filters.NumberFilter(field_name="agenda_id", widget=forms.HiddenInput)

    class Meta:
        model = Promise
        fields = ["status", "overdue", "mine", "body", "advice", "agenda"]

    def __init__(self, *args, user: Any = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue=value == "yes")

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.user) if value else queryset


class PromiseTable(tables.Table):
    text = tables.Column(
        verbose_name=_("Promise"), linkify=lambda record: record.get_absolute_url()
    )
    source = tables.Column(
        verbose_name=_("Source"), accessor="pk", empty_values=(), attrs=WORDS,
        order_by=("advice__reference", "agenda__title", "source_description"),
    )  # fmt: skip
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__full_name",), attrs=WORDS)
    department = tables.Column(verbose_name=_("Department"), attrs=WORDS)
    due_on = DateColumn(verbose_name=_("Due on"), format="j-n-Y")
    # One status per promise: "Late" instead of "On track" once its date has passed (the
    # status rule of issue #24), with the reason of a verdict beside it.
    status = tables.Column(
        verbose_name=_("Status"), attrs={"td": {"class": "portal-table__text"}},
        order_by=("-overdue", "status"),
    )  # fmt: skip
    last_progress = DateColumn(verbose_name=_("Last progress"), format="j-n-Y", default="—")
    # Not on the screen (the status says "Late"), but in the export: a spreadsheet keeps
    # the status and whether it is overdue as two facts, to filter on.
    overdue = tables.BooleanColumn(
        verbose_name=_("Overdue"), yesno=(_("Yes"), _("No")), visible=False
    )

    class Meta:
        model = Promise
        fields = [
            "text",
            "source",
            "owner",
            "department",
            "due_on",
            "status",
            "last_progress",
            "overdue",
        ]
        order_by = "due_on"
        attrs = {"class": "utrecht-table portal-table"}
        template_name = "portal/table.html"
        empty_text = _("No promises match these filters.")

    def render_text(self, value):
        return value if len(value) <= 120 else f"{value[:117]}…"

    def value_text(self, value):
        return value

    def render_source(self, record):
        return source_of(record)

    def value_source(self, record):
        return source_of(record)

    def render_status(self, record):
        reason = verdict_reason(record)
        html = badge_html(badge_for(record))
        return format_html("{}<br>{}", html, reason) if reason else html

    def value_status(self, record):
        return str(record.get_status_display())  # the export keeps one value per column

    def value_overdue(self, value):
        return str(_("Yes") if value else _("No"))
