"""The internal register as a django-tables2 table (sorting, paging, CSV/XLSX export)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from advice.enums import AnswerStatus
from advice.models import Advice
from burgerkracht.core.ui.columns import DateColumn, StatusColumn
from burgerkracht.core.ui.status import STATUS_MEANINGS, badge, badge_html

YES, NO = _("Yes"), _("No")


class RegisterTable(tables.Table):
    reference = tables.Column(
        verbose_name=_("Reference"), linkify=lambda record: record.get_absolute_url()
    )
    title = tables.Column(verbose_name=_("Title"))
    body = tables.Column(verbose_name=_("Advisory body"), order_by=("body__short_name",))
    kind = tables.Column(verbose_name=_("Kind"))
    status = StatusColumn(verbose_name=_("Status"))
    received_on = DateColumn(verbose_name=_("Received"), format="j-n-Y", default="—")
    response_due = DateColumn(verbose_name=_("Answer due"), format="j-n-Y", default="—")
    answer_status = tables.Column(verbose_name=_("Answer"), default="—")
    open_promises = tables.Column(verbose_name=_("Open promises"))
    overdue_promises = tables.Column(verbose_name=_("Overdue promises"))
    answer_overdue = tables.BooleanColumn(verbose_name=_("Answer overdue"), yesno=(YES, NO))

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

    def render_answer_status(self, value):
        if not value:
            return "—"
        meaning = STATUS_MEANINGS["advice.answer"][value]
        return badge_html(badge(AnswerStatus(value).label, meaning))

    def value_answer_status(self, value):
        return str(AnswerStatus(value).label) if value else ""

    def value_answer_overdue(self, value):
        return str(YES if value else NO)
