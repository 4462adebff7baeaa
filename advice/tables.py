"""The internal register as a django-tables2 table (sorting, paging, CSV/XLSX export)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from advice.enums import AnswerStatus
from advice.models import Advice
from burgerkracht.core.ui.columns import WORDS, DateColumn, StatusColumn
from burgerkracht.core.ui.status import (
    MEANING_LABELS,
    STATUS_MEANINGS,
    Meaning,
    badge,
    badge_html,
)

YES, NO = _("Yes"), _("No")


class RegisterTable(tables.Table):
    reference = tables.Column(
        verbose_name=_("Reference"),
        linkify=lambda record: record.get_absolute_url(),
        attrs={"td": {"class": "portal-table__key"}},
    )
    title = tables.Column(verbose_name=_("Title"), attrs=WORDS)
    body = tables.Column(verbose_name=_("Advisory body"), order_by=("body__short_name",))
    kind = tables.Column(verbose_name=_("Kind"), attrs=WORDS)
    status = StatusColumn(verbose_name=_("Status"), attrs=WORDS)
    received_on = DateColumn(verbose_name=_("Received"), format="j-n-Y", default="—")
    response_due = DateColumn(verbose_name=_("Answer due"), format="j-n-Y", default="—")
    answer_status = tables.Column(verbose_name=_("Answer"), empty_values=(), attrs=WORDS)
    open_promises = tables.Column(verbose_name=_("Open promises"))
    overdue_promises = tables.Column(verbose_name=_("Overdue promises"))
    # On the screen a "Late" badge in the answer column (the filter asks the same); the
    # export keeps it as a column of its own, to filter on.
    answer_overdue = tables.BooleanColumn(
        verbose_name=_("Answer overdue"), yesno=(YES, NO), visible=False
    )

    class Meta:
        model = Advice
        fields = [
            "reference", "title", "body", "kind", "status", "received_on", "response_due",
            "answer_status", "open_promises", "overdue_promises", "answer_overdue",
        ]  # fmt: skip
        order_by = "-received_on"
        attrs = {"class": "utrecht-table portal-table"}
        template_name = "portal/table.html"
        empty_text = _("No advices match these filters.")

    def render_body(self, record):
        return record.body.short_name

    def value_body(self, record):
        return record.body.short_name

    def render_answer_status(self, value, record):
        late = badge_html(badge(MEANING_LABELS[Meaning.LATE], Meaning.LATE))
        if not value:
            return late if record.answer_overdue else "—"
        meaning = STATUS_MEANINGS["advice.answer"][value]
        html = badge_html(badge(AnswerStatus(value).label, meaning))
        return format_html("{} {}", html, late) if record.answer_overdue else html

    def value_answer_status(self, value):
        return str(AnswerStatus(value).label) if value else ""

    def value_answer_overdue(self, value):
        return str(YES if value else NO)
