"""Columns of our own for the officials' tables, through django-tables2's documented way:
a `Column` subclass with its own `render()` and `value()`."""

from __future__ import annotations

from datetime import date

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.utils.timezone import template_localtime

# The attributes of a column of names or titles: it wraps between words (portal.css).
WORDS = {"td": {"class": "portal-table__words"}}


class DateColumn(tables.Column):
    """django-tables2's `DateColumn`, rendered in Python.

    The library's is a `TemplateColumn` with `{{ value|date:"<format>"|default:default }}`:
    it compiles that template for every cell and runs every context processor for it (the
    menu among them), about two thirds of a list page's table time (target P2). This one
    gives the same text: the date in the current time zone in `format`, or the column's
    default; exports get `isoformat()`, as the library's do.
    """

    # As the library's (a TemplateColumn): an empty value is rendered too, as the default,
    # also in exports.
    empty_values = ()

    def __init__(self, format: str = "SHORT_DATE_FORMAT", *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.format = format

    def render(self, value) -> str:
        return date_filter(template_localtime(value), self.format) or self.default

    def value(self, value, **kwargs):
        if isinstance(value, date):
            return value.isoformat()
        return self.render(value)


class StatusColumn(tables.Column):
    """A record's status as its status badge (burgerkracht/core/ui/status.py); exports get the
    status's words."""

    def render(self, value, record) -> str:
        from burgerkracht.core.ui.status import badge_for, badge_html

        return badge_html(badge_for(record))

    def value(self, value, record, **kwargs):
        return str(record.get_status_display())
