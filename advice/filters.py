"""Filters of the internal register (django-filter): body, kind, status, overdue."""

import django_filters
from django.utils.translation import gettext_lazy as _

from advice.enums import AdviceKind, AdviceStatus
from advice.models import Advice, AdvisoryBody
from burgerkracht.core.filters.search import ListSearchMixin

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RegisterFilter(ListSearchMixin):
    reference_prefix = "ADV"  # advices keep their own reference; it is searched as text
    reference_example = "ADV-2026-012"
    search_fields = ("reference", "title", "summary")
    closed_statuses = frozenset({AdviceStatus.CLOSED, AdviceStatus.WITHDRAWN})

    body = django_filters.ModelChoiceFilter(
        label=_("Advisory body"), queryset=AdvisoryBody.objects.order_by("name"),
        empty_label=_("All bodies"),
    )  # fmt: skip
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=AdviceKind.choices, empty_label=_("Both kinds")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AdviceStatus.choices, empty_label=_("All statuses")
    )
    answer_overdue = django_filters.ChoiceFilter(
        label=_("Answer overdue"), choices=YES_NO, method="filter_answer_overdue",
        empty_label=_("Does not matter"),
    )  # fmt: skip
    promises_overdue = django_filters.ChoiceFilter(
        label=_("Has overdue promises"), choices=YES_NO, method="filter_promises_overdue",
        empty_label=_("Does not matter"),
    )  # fmt: skip

    class Meta:
        model = Advice
        fields = ["q", "body", "kind", "status", "answer_overdue", "promises_overdue", "closed"]

    def filter_answer_overdue(self, queryset, name, value):
        return queryset.filter(answer_overdue=value == "yes")

    def filter_promises_overdue(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(overdue_promises__gt=0)
        return queryset.filter(overdue_promises=0)
