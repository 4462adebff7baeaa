"""Previous and next on an application's page, within the queue as the official filtered
and sorted it (issue #24).

The queue's links carry its query string in one parameter (`lijst`), so the page knows the
list it was opened from. The neighbours are read in one query: the filtered, sorted queue
with LAG/LEAD over the same ordering, kept to the one row of this application — constant
whatever the length of the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import FirstValue, Lag, Lead
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

LIST_PARAMETER = "lijst"
# Not part of the list itself: the page of the table, an export.
NOT_THE_LIST = ("page", "_export")


@dataclass(frozen=True)
class ListNavigation:
    previous_url: str | None
    next_url: str | None
    list_url: str


def detail_suffix(query: QueryDict) -> str:
    """What a row's link in the queue gets appended: the list's own query string."""
    kept = query.copy()
    for name in NOT_THE_LIST:
        kept.pop(name, None)
    return "?" + urlencode({LIST_PARAMETER: kept.urlencode()}) if kept else ""


def _ordering(expressions):
    result = []
    for name in expressions:
        name = str(name)
        result.append(F(name[1:]).desc() if name.startswith("-") else F(name).asc())
    return [*result, F("pk").asc()]


def navigation_for(user, application, list_query: str | None) -> ListNavigation | None:
    if list_query is None:
        return None
    from budget import selectors
    from budget.filters import QueueFilter
    from budget.tables import QueueTable

    query = QueryDict(list_query)
    filtered = QueueFilter(query, queryset=selectors.queue_for(user), user=user)
    if not filtered.is_valid():
        return None
    table = QueueTable(filtered.qs, order_by=query.get("sort") or QueueTable._meta.order_by)
    ordered = table.data.data
    order = _ordering(ordered.query.order_by)
    row = (
        ordered.order_by()
        .annotate(
            previous_pk=Window(Lag("pk"), order_by=order),
            next_pk=Window(Lead("pk"), order_by=order),
            # A window over the row itself: filtering on it keeps the one row only after the
            # neighbours were computed over the whole list (Django filters it outside).
            row_pk=Window(FirstValue("pk"), partition_by=[F("pk")]),
        )
        .filter(row_pk=application.pk)
        .values("previous_pk", "next_pk")
        .first()
    )
    suffix = "?" + urlencode({LIST_PARAMETER: list_query})
    list_url = reverse("budget:queue") + ("?" + list_query if list_query else "")
    if row is None:  # no longer in the list (its status changed): only the way back
        return ListNavigation(None, None, list_url)

    def url(pk):
        return reverse("budget:application", args=[pk]) + suffix if pk else None

    return ListNavigation(url(row["previous_pk"]), url(row["next_pk"]), list_url)
