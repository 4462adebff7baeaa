"""Filters of the officials' list (django-filter): wijk, status, risk, age."""

from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.filters.search import ListSearchMixin
from burgerkracht.core.models import Neighbourhood
from burgerkracht.core.references import INITIATIVE
from initiatives.enums import InitiativeStatus, InitiativeTheme, LessonStatus, Risk
from initiatives.models import Initiative, Lesson
from initiatives.selectors import filter_by_risk
from initiatives.support_enums import RuleDomain

AGE_CHOICES = [
    ("7", _("Older than a week")),
    ("30", _("Older than a month")),
    ("90", _("Older than three months")),
]


class OfficialsInitiativeFilter(ListSearchMixin):
    reference_prefix = INITIATIVE
    reference_example = "BI-2026-00042"
    search_fields = ("title", "summary", "created_by__full_name")
    closed_statuses = frozenset({InitiativeStatus.ENDED})

    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.filter(is_active=True),
        empty_label=_("All wijken"),
        method="filter_neighbourhood",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[c for c in InitiativeStatus.choices if c[0] != InitiativeStatus.DRAFT],
        empty_label=_("All statuses"),
    )
    risk = django_filters.ChoiceFilter(
        label=_("Continuity risk"),
        choices=[("any", _("Needs action (continuity rule)")), *Risk.choices],
        method="filter_risk",
        empty_label=_("All"),
    )
    age = django_filters.ChoiceFilter(
        label=_("Age"), choices=AGE_CHOICES, method="filter_age", empty_label=_("Any age")
    )
    unassigned = django_filters.BooleanFilter(
        label=_("Without facilitator"), field_name="facilitator", lookup_expr="isnull"
    )

    class Meta:
        model = Initiative
        fields = ["q", "neighbourhood", "status", "risk", "age", "unassigned", "closed"]

    def filter_neighbourhood(self, queryset, name, value):
        # EXISTS, not a join: a join needs DISTINCT, which sorts every row of the list.
        in_neighbourhood = Initiative.neighbourhoods.through.objects.filter(
            initiative=OuterRef("pk"), neighbourhood=value
        )
        return queryset.filter(Exists(in_neighbourhood))

    def filter_risk(self, queryset, name, value):
        return filter_by_risk(queryset, value)

    def filter_age(self, queryset, name, value):
        return queryset.filter(submitted_at__lt=timezone.now() - timedelta(days=int(value)))


class LessonFilter(django_filters.FilterSet):
    """The officials' search in the lessons library: a word, a theme, a wijk, a rule domain,
    a status."""

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", help_text=_("A word from the title or text.")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=InitiativeTheme.choices, empty_label=_("All themes")
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.filter(is_active=True),
        empty_label=_("All wijken"),
    )
    rule_domain = django_filters.ChoiceFilter(
        label=_("Rule domain"), choices=RuleDomain.choices, empty_label=_("All rule domains")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LessonStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = Lesson
        fields = ["q", "theme", "neighbourhood", "rule_domain", "status"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))
