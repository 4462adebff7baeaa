"""Filters of the application queue (django-filter): wijk, line, status, age."""

from datetime import timedelta

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.enums import ApplicationStatus
from budget.models import Application, BudgetLine
from burgerkracht.core.filters.search import ListSearchMixin
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.references import APPLICATION

AGE_CHOICES = [
    ("7", _("Sent in more than a week ago")),
    ("28", _("Sent in more than four weeks ago")),
    ("56", _("Sent in more than eight weeks ago")),
]


class QueueFilter(ListSearchMixin):
    reference_prefix = APPLICATION
    search_fields = (
        "initiative__title",
        "initiative__summary",
        "initiative__created_by__full_name",
    )
    closed_statuses = frozenset(
        {ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN, ApplicationStatus.CLOSED}
    )

    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Wijk"), queryset=Neighbourhood.objects.filter(is_active=True),
        empty_label=_("All wijken"),
    )  # fmt: skip
    line = django_filters.ModelChoiceFilter(
        label=_("Budget line"), queryset=BudgetLine.objects.none(), empty_label=_("All lines")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ApplicationStatus.choices, empty_label=_("All statuses")
    )
    age = django_filters.ChoiceFilter(
        label=_("Age"), choices=AGE_CHOICES, method="filter_age", empty_label=_("Any age")
    )

    class Meta:
        model = Application
        fields = ["q", "neighbourhood", "line", "status", "age", "closed"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # An option shows "fund · line": only those names are read (target P2).
        self.filters["line"].queryset = (
            BudgetLine.objects.select_related("fund")
            .only("name", "fund__name")
            .order_by("-fund__starts_on", "name")
        )

    def filter_age(self, queryset, name, value):
        return queryset.filter(submitted_at__lt=timezone.now() - timedelta(days=int(value)))
