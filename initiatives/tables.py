"""The officials' list as a django-tables2 table (sorting, paging, CSV/XLSX export)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.ui.columns import DateColumn, StatusColumn
from initiatives.models import Initiative, Lesson
from initiatives.selectors import annotated_risks


class OfficialsInitiativeTable(tables.Table):
    title = tables.Column(verbose_name=_("Initiative"), linkify=True)
    status = StatusColumn(verbose_name=_("Status"))
    neighbourhoods = tables.ManyToManyColumn(verbose_name=_("Wijken"), orderable=False)
    facilitator = tables.Column(verbose_name=_("Facilitator"), default="—")
    backup_facilitator = tables.Column(verbose_name=_("Backup"), default="—")
    # The accessor must not be the model method risks(): that queries per row.
    risks = tables.Column(
        verbose_name=_("Continuity risks"), accessor="pk", empty_values=(), orderable=False
    )
    submitted_at = DateColumn(verbose_name=_("Submitted"), format="j-n-Y")

    class Meta:
        model = Initiative
        fields = [
            "title",
            "status",
            "neighbourhoods",
            "facilitator",
            "backup_facilitator",
            "risks",
            "submitted_at",
        ]
        order_by = "-submitted_at"
        attrs = {"class": "utrecht-table portal-table"}
        template_name = "portal/table.html"
        empty_text = _("No initiatives match these filters.")

    def render_risks(self, record):
        risks = annotated_risks(record)
        if not risks:
            return "—"
        return format_html(
            "<ul class='portal-inline-list'>{}</ul>",
            format_html("".join("<li>{}</li>" for _ in risks), *[r.label for r in risks]),
        )

    def value_risks(self, record):
        return "; ".join(str(r.label) for r in annotated_risks(record))


class LessonTable(tables.Table):
    title = tables.Column(verbose_name=_("Lesson"), linkify=True)
    theme = tables.Column(verbose_name=_("Theme"))
    neighbourhood = tables.Column(verbose_name=_("Wijk"), default=_("The whole city"))
    initiative = tables.Column(verbose_name=_("Initiative"), default="—")
    status = StatusColumn(verbose_name=_("Status"))
    created_at = DateColumn(verbose_name=_("Written down"), format="j-n-Y")

    class Meta:
        model = Lesson
        fields = ["title", "theme", "neighbourhood", "initiative", "status", "created_at"]
        order_by = "-created_at"
        attrs = {"class": "utrecht-table portal-table"}
        template_name = "portal/table.html"
        empty_text = _("No lessons match these filters.")
