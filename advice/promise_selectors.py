"""The promise register: every promise with its advice, owner and a derived "overdue" (from
the due date of an open promise; never stored), its filters and its table (sorting, paging,
CSV/XLSX export). One query for the page, whatever the number of promises."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advice.enums import OPEN_PROMISE, PromiseStatus
from advice.models import AdvisoryBody, Promise
from burgerkracht.core.columns import DateColumn

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def promise_register(today=None) -> QuerySet[Promise]:
    today = today or timezone.localdate()
    return Promise.objects.select_related("advice", "advice__body", "owner").annotate(
        overdue=Case(
            When(Q(status__in=OPEN_PROMISE) & Q(due_on__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def promise_detail(pk: int):
    return (
        promise_register()
        .select_related("recommendation")
        .prefetch_related("notes__author")
        .get(pk=pk)
    )


class PromiseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PromiseStatus.choices, empty_label=_("All statuses")
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"), choices=YES_NO, method="filter_overdue", empty_label=_("Either")
    )
    mine = django_filters.BooleanFilter(
        label=_("Only my promises"), method="filter_mine",
        widget=django_filters.widgets.forms.CheckboxInput,
    )  # fmt: skip
    body = django_filters.ModelChoiceFilter(
        label=_("Advisory body"), field_name="advice__body", queryset=AdvisoryBody.objects.all(),
        empty_label=_("All bodies"),
    )  # fmt: skip

    advice = django_filters.NumberFilter(
        field_name="advice_id", widget=django_filters.widgets.forms.HiddenInput
    )

    class Meta:
        model = Promise
        fields = ["status", "overdue", "mine", "body", "advice"]

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
    advice = tables.Column(verbose_name=_("Advice"), order_by=("advice__reference",))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__full_name",))
    department = tables.Column(verbose_name=_("Department"))
    due_on = DateColumn(verbose_name=_("Due on"), format="j-n-Y")
    status = tables.Column(verbose_name=_("Status"))
    overdue = tables.BooleanColumn(verbose_name=_("Overdue"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = Promise
        fields = ["text", "advice", "owner", "department", "due_on", "status", "overdue"]
        order_by = "due_on"
        attrs = {"class": "utrecht-table portal-table"}
        template_name = "portal/table.html"
        empty_text = _("No promises match these filters.")

    def render_text(self, value):
        return value if len(value) <= 120 else f"{value[:117]}…"

    def value_text(self, value):
        return value

    def value_overdue(self, value):
        return str(_("Yes") if value else _("No"))
