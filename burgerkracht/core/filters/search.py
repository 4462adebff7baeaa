"""What the officials' lists share (issue #24): one search field that finds a dossier by its
name, its reference number or its text, and finished dossiers hidden until asked for.

A FilterSet mixes in `ListSearchMixin` and sets:
- `reference_prefix`: the kind of reference that finds a row by its key (``SS``, ``BI``);
  any other reference (``SS-…`` on the initiatives' list) finds nothing rather than noise;
- `search_fields`: the lookups a word is matched in (``icontains``);
- `closed_statuses`: the statuses hidden unless "Show finished ones too" is ticked or the
  status filter asks for one of them;
- `reference_example`: a reference of this list's kind, shown as the example under the field
  (an initiative's number on the initiatives' list, not an application's: that finds nothing).
The list's filter form is always bound (an empty query string too), so the default — open
dossiers only — is applied on the first visit.
"""

from __future__ import annotations

from collections.abc import Iterable

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.references import parse_reference


def search(queryset: QuerySet, text: str, *, prefix: str, fields: Iterable[str]) -> QuerySet:
    text = (text or "").strip()
    if not text:
        return queryset
    reference = parse_reference(text)
    if reference is not None:
        if reference.prefix != prefix:
            return queryset.none()
        return queryset.filter(pk=reference.pk)
    match = Q()
    for field in fields:
        match |= Q(**{f"{field}__icontains": text})
    return queryset.filter(match)


class ListSearchMixin(django_filters.FilterSet):
    reference_prefix = ""
    search_fields: tuple[str, ...] = ()
    closed_statuses: frozenset[str] = frozenset()
    status_field = "status"
    reference_example = "SS-2026-00042"

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    closed = django_filters.BooleanFilter(
        label=_("Show finished ones too"), method="filter_closed",
        widget=forms.CheckboxInput,
    )  # fmt: skip

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(QueryDict() if data is None else data, *args, **kwargs)
        self.filters["q"].extra["help_text"] = format_lazy(
            _("A name, a reference number (such as {example}) or a word from the text."),
            example=self.reference_example,
        )

    def filter_search(self, queryset, name, value):
        return search(queryset, value, prefix=self.reference_prefix, fields=self.search_fields)

    def filter_closed(self, queryset, name, value):
        asked = self.form.cleaned_data.get(self.status_field)
        if value or asked in self.closed_statuses or self.form.cleaned_data.get("q"):
            return queryset
        return queryset.exclude(**{f"{self.status_field}__in": self.closed_statuses})
