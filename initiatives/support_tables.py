"""The jager's list of open support requests (django-tables2) and its filters (django-filter)."""

import django_filters
import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.models import Organisation
from burgerkracht.core.ui.columns import WORDS, DateColumn, StatusColumn
from initiatives.support_enums import RuleDomain
from initiatives.support_models import SupportRequest
from initiatives.support_selectors import overdue_before


class OpenRequestTable(tables.Table):
    question = tables.Column(verbose_name=_("Support request"), linkify=True, attrs=WORDS)
    initiative = tables.Column(
        verbose_name=_("Initiative"),
        attrs=WORDS,
        linkify=lambda record: record.initiative.get_absolute_url(),
    )
    domain = tables.Column(verbose_name=_("Rule domain"))
    organisation = tables.Column(verbose_name=_("Department or partner"), attrs=WORDS)
    holder_name = tables.Column(verbose_name=_("With"), attrs=WORDS)
    status = StatusColumn(verbose_name=_("Status"))
    asked_at = DateColumn(verbose_name=_("Asked"), format="j-n-Y")
    days = tables.Column(verbose_name=_("Days waiting"), accessor="pk", orderable=False)

    class Meta:
        model = SupportRequest
        fields = ["question", "initiative", "domain", "organisation", "holder_name", "status",
                  "asked_at", "days"]  # fmt: skip
        order_by = "asked_at"
        attrs = {"class": "utrecht-table portal-table"}
        template_name = "portal/table.html"
        empty_text = _("No open requests.")

    def render_question(self, value):
        return value if len(value) <= 80 else f"{value[:79]}…"

    def render_days(self, record):
        return record.days_open(timezone.now())


class OpenRequestFilter(django_filters.FilterSet):
    domain = django_filters.ChoiceFilter(
        label=_("Rule domain"), choices=RuleDomain.choices, empty_label=_("All rule domains")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Department or partner"), queryset=Organisation.objects.order_by("name"),
        empty_label=_("All organisations"),
    )  # fmt: skip
    overdue = django_filters.ChoiceFilter(
        label=_("Waiting time"), method="filter_overdue", empty_label=_("All open requests"),
        choices=[("1", _("Only the requests that wait too long"))],
    )  # fmt: skip

    class Meta:
        model = SupportRequest
        fields = ["domain", "organisation"]

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(asked_at__date__lte=overdue_before()) if value == "1" else queryset
