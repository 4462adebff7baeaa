"""Saved filters on the officials' lists (issue #24): an official saves the filters they set
under a name, finds them as links above the list, opens one and deletes it.

A list takes part by mixing `SavedFiltersMixin` into its view; its URL name is the list key.
Whether someone may save a filter for a list is what the list itself allows them (its
`test_func`), so there is one rule per list. Saved filters are personal: every lookup goes
through `SavedFilter.objects.filter(owner=...)`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.filters.models import MAX_PER_LIST, SavedFilter
from burgerkracht.core.models import AuditEvent

# Query parameters that are no filter: the page and an export.
NOT_A_FILTER = frozenset({"page", "_export"})
MAX_QUERY = 1000


def clean_query(query: str) -> str:
    """The query string without the page and export parameters, empty values dropped."""
    data = QueryDict(query or "")
    kept = QueryDict(mutable=True)
    for key in sorted(data):
        if key in NOT_A_FILTER:
            continue
        values = [v for v in data.getlist(key) if v.strip()]
        if values:
            kept.setlist(key, values)
    return kept.urlencode()


def list_allows(user, list_key: str) -> bool:
    """Whether `list_key` names a list that takes saved filters and `user` may use it."""
    from django.test import RequestFactory

    try:
        match = resolve(reverse(list_key))
    except (NoReverseMatch, Resolver404):
        return False
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, SavedFiltersMixin):
        return False
    view = view_class()
    view.request = RequestFactory().get(reverse(list_key))
    view.request.user = user
    view.kwargs = {}
    return bool(view.test_func())


def filters_of(user, list_key: str):
    return SavedFilter.objects.filter(owner=user, list_key=list_key).order_by("name", "pk")


@transaction.atomic
def save_filter(*, by, list_key: str, name: str, query: str) -> SavedFilter:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the filter a name."))
    if not list_allows(by, list_key):
        raise DomainError(_("Filters cannot be saved for this list."))
    query = clean_query(query)
    if len(query) > MAX_QUERY:
        raise DomainError(_("This filter is too long to save."))
    # One at a time per person: the count below stays true until the insert.
    get_user_model().objects.select_for_update().filter(pk=by.pk).first()
    if filters_of(by, list_key).count() >= MAX_PER_LIST:
        raise DomainError(
            _("You already have %(count)d saved filters for this list. Delete one first.")
            % {"count": MAX_PER_LIST}
        )
    try:
        with transaction.atomic():
            saved = SavedFilter.objects.create(
                owner=by, list_key=list_key, name=name[:80], query=query
            )
    except IntegrityError:
        raise DomainError(_("You already have a filter with this name for this list.")) from None
    AuditEvent.record(
        subject=saved, actor=by, action="saved_filter.created",
        data={"list": list_key, "name": saved.name, "query": query},
    )  # fmt: skip
    return saved


@transaction.atomic
def delete_filter(*, by, saved: SavedFilter) -> None:
    if saved.owner_id != by.pk:
        raise DomainError(_("You can only delete your own filters."))
    AuditEvent.record(
        subject=saved, actor=by, action="saved_filter.deleted",
        data={"list": saved.list_key, "name": saved.name},
    )  # fmt: skip
    saved.delete()


class SavedFiltersMixin:
    """For a list view: the person's saved filters for this list, and the form to save the
    filters now set. The list key is the view's URL name."""

    def get_context_data(self, **kwargs):
        from burgerkracht.core.forms import SavedFilterForm

        context = super().get_context_data(**kwargs)
        match = self.request.resolver_match
        list_key = match.view_name if match else ""
        query = clean_query(self.request.GET.urlencode())
        context["saved_filters"] = list(filters_of(self.request.user, list_key))
        context["saved_filter_list"] = list_key
        context["saved_filter_form"] = (
            SavedFilterForm(initial={"list_key": list_key, "query": query}) if query else None
        )
        return context
