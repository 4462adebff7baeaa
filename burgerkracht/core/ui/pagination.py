"""Paginators for the officials' tables."""

from django.core.paginator import EmptyPage
from django.utils.translation import gettext_lazy
from django_tables2 import LazyPaginator

# PostgreSQL's LIMIT and OFFSET are bigints; a page whose rows lie beyond is no page.
LARGEST_OFFSET = 2**62
# The most rows one page shows, whatever ?per_page= asks.
MOST_PER_PAGE = 500


class BoundedLazyPaginator(LazyPaginator):
    """django-tables2's LazyPaginator (no exact count) within what the database can take.

    `?per_page=` is capped at MOST_PER_PAGE, and a page number whose offset lies beyond
    LARGEST_OFFSET is an empty page, which django-tables2's RequestConfig turns into the first
    page, instead of a database error. (Django's own Paginator counts the rows first and
    needs neither.)"""

    def __init__(self, object_list, per_page, **kwargs):
        super().__init__(object_list, min(int(per_page), MOST_PER_PAGE), **kwargs)

    def validate_number(self, number):
        number = super().validate_number(number)
        if (number - 1) * self.per_page > LARGEST_OFFSET:
            raise EmptyPage(gettext_lazy("That page contains no results"))
        return number
