"""The application queue as a django-tables2 table (sorting, paging, CSV/XLSX export)."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from budget.models import Application
from budget.services.ledger import euro
from burgerkracht.core.ui.columns import WORDS, DateColumn, StatusColumn


class QueueTable(tables.Table):
    initiative = tables.Column(
        verbose_name=_("Application"),
        # The list's filter and sort travel along, for previous/next on the application.
        linkify=lambda record, table: record.get_absolute_url()
        + getattr(table, "detail_suffix", ""),
        order_by=("initiative__title",),
    )  # fmt: skip
    reference = tables.Column(
        verbose_name=_("Reference"), accessor="pk", orderable=False, empty_values=()
    )
    status = StatusColumn(verbose_name=_("Status"))
    neighbourhood = tables.Column(verbose_name=_("Wijk"), default=_("Whole city"), attrs=WORDS)
    line = tables.Column(
        verbose_name=_("Budget line"), default="—", order_by=("line__name",), attrs=WORDS
    )
    decider = tables.Column(verbose_name=_("Decides"), default="—", orderable=False, attrs=WORDS)
    requested_amount = tables.Column(verbose_name=_("Asked"), default="—")
    proposed_amount = tables.Column(verbose_name=_("Proposed"), default="—")
    submitted_at = DateColumn(verbose_name=_("Sent in"), format="j-n-Y")
    age = tables.Column(
        verbose_name=_("Days waiting"), accessor="submitted_at", orderable=False, empty_values=()
    )

    class Meta:
        model = Application
        fields = [
            "initiative", "reference", "status", "neighbourhood", "line", "decider",
            "requested_amount", "proposed_amount", "submitted_at", "age",
        ]  # fmt: skip
        order_by = "submitted_at"
        attrs = {"class": "utrecht-table portal-table"}
        template_name = "portal/table.html"
        empty_text = _("No applications match these filters.")

    def render_line(self, value):
        # The line's name; its fund (the same for most rows) smaller on a second line.
        second = '{}<br><span class="portal-table__second">{}</span>'
        return format_html(second, value.name, value.fund)

    def value_line(self, value):
        return str(value)

    def render_reference(self, record):
        return record.reference

    def value_reference(self, record):
        return record.reference

    def render_requested_amount(self, value):
        return euro(value)

    def render_proposed_amount(self, value):
        return euro(value)

    def render_age(self, value):
        return (timezone.now() - value).days if value else "—"

    def value_age(self, value):
        return (timezone.now() - value).days if value else ""
