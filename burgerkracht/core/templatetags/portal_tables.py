"""The rows of the officials' tables (portal/table.html), rendered in one go.

The cells are django-tables2's own: its accessor, `get_FOO_display()`, the column's default
for empty values, `render_<name>()` or the column's render, and linkify. What this saves is
the work around them: the library looks up the signature of the render function again for
every cell (`inspect.signature`), looks up the model field again for every cell, and the
template loop resolves and escapes each cell through a template node. A cell is escaped
exactly as `{{ cell }}` would be. Dates are our DateColumn (core.ui.columns), a plain column.

This is the one place that reaches into django-tables2's internals (`BoundRow.
_get_and_render_with` and `_optional_cell_arguments`), a measured exception to "tables are
not hand-written" (decision 0037): a page of 25 rows renders in about a third of the
library's time. tests/core/test_table_rows.py compares every table page, in every sort
order and both languages, with the library's own loop, so an upgrade that changes a cell
fails there. Many-to-many and link columns, related and non-model accessors take the
library's own cell path.
"""

from __future__ import annotations

import inspect
from functools import partial, partialmethod

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.base import render_value_in_context
from django.utils.hashable import make_hashable
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_tables2.columns import ManyToManyColumn
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.rows import BoundPinnedRow
from django_tables2.utils import Accessor, signature

register = template.Library()


class _Column:
    """A bound column with its render function's signature looked up once per table."""

    def __init__(self, bound_column):
        self.bound_column = bound_column
        self.function = bound_column.render
        column = bound_column.column
        self.args, self.catch_all = signature(self.function)
        self.default = bound_column.default
        self.empty_values = column.empty_values
        # A plain attribute of a model row ("status", not "line__fund" or a callable with
        # arguments): read here as the library reads it, see cell().
        accessor = Accessor(bound_column.accessor)
        self.name = accessor if len(accessor.bits) == 1 else None
        if accessor.callable_args or accessor.callable_kwargs:
            self.name = None
        if isinstance(column, ManyToManyColumn | BaseLinkColumn):
            self.name = None  # their own rules for empty and unresolvable values
        # Per model: None, or the field with choices; and its labels met so far (see cell()).
        self.choices: dict[type, models.Field | None] = {}
        self.own_display: dict[type, bool] = {}
        self.labels: dict = {}
        # A column's own fixed cell class (e.g. "portal-table__text": a status with its
        # reason wraps); computed attributes are not supported here.
        css = (column.attrs or {}).get("td", {}).get("class")
        self.open_tag = f'<td class="{escape(css)}">' if isinstance(css, str) and css else "<td>"

    def cell(self, row):
        """The cell's content: BoundRow._get_and_render_with with the model's field looked up
        once per table instead of once per cell. Other accessors go to the library."""
        record = row.record
        if self.name is None:
            return self._library_cell(row)
        model = type(record)
        if model not in self.choices:
            if not isinstance(record, models.Model) or hasattr(model, "__getitem__"):
                self.name = None  # the library's lookup order (record[name] first) matters
                return self._library_cell(row)
            try:
                field = model._meta.get_field(self.name)
            except FieldDoesNotExist:
                field = None
            self.choices[model] = field if getattr(field, "choices", ()) else None
        field = self.choices[model]
        display = field and getattr(record, f"get_{self.name}_display", None)
        if display:
            value = self._label(model, field, record, display)
        else:
            try:  # Accessor.resolve of one attribute: callables are called, unless unsafe
                value = getattr(record, self.name)
                if callable(value):
                    if getattr(value, "alters_data", False):
                        raise ValueError(self.name)
                    if not getattr(value, "do_not_call_in_templates", False):
                        value = value()
            except Exception:
                value = None
        if value in self.empty_values:
            return self.default
        return self.render(row, self.bound_column, value)

    def _label(self, model, field, record, display):
        """get_FOO_display(), once per value and table when it is Django's own: it rebuilds
        the dict of choices on every call, and hashing their lazy labels translates each one
        (a quarter of a millisecond per cell). Its result depends on the value alone."""
        if model not in self.own_display:
            method = inspect.getattr_static(model, f"get_{self.name}_display", None)
            self.own_display[model] = (
                isinstance(method, partialmethod)
                and method.func is models.Model._get_FIELD_display
                and method.keywords.get("field") is field
            )
        if not self.own_display[model]:
            return display()
        raw = getattr(record, field.attname)
        try:
            key = (model, type(raw), make_hashable(raw))
            hash(key)
        except TypeError:
            return display()
        if key not in self.labels:
            self.labels[key] = display()
        return self.labels[key]

    def _library_cell(self, row):
        return row._get_and_render_with(self.bound_column, partial(self.render, row), self.default)

    def render(self, row, bound_column, value=None):
        """BoundRow._call_render, with django_tables2.utils.call_with_appropriate inlined."""
        kwargs = row._optional_cell_arguments(bound_column, value)
        if not self.catch_all:
            if any(arg not in kwargs for arg in self.args):
                content = None
            else:
                content = self.function(**{arg: kwargs[arg] for arg in self.args})
        else:
            content = self.function(**kwargs)
        return bound_column.link(content, **kwargs) if bound_column.link else content


@register.simple_tag(takes_context=True)
def table_rows(context, table) -> str:
    """`<tr><td>…</td>…</tr>` for each row of the table's current page ("" for none)."""
    columns = [_Column(bound_column) for bound_column in table.columns]
    rows = []
    for row in table.paginated_rows:
        if isinstance(row, BoundPinnedRow):  # no table pins rows; the library's way if one does
            cells = list(row)
        else:
            cells = []
            for column in columns:
                cell = column.cell(row)
                # As BoundRow.items(), for attributes computed from the cell.
                column.bound_column.current_value = cell
                column.bound_column.current_record = row.record
                cells.append(cell)
        # Each cell as {{ cell }} renders it: localised, escaped unless already safe.
        rows.append(
            "".join(
                f"{column.open_tag}{render_value_in_context(cell, context)}</td>"
                for column, cell in zip(columns, cells, strict=True)
            )
        )
    # Safe: every cell was escaped just above (the markup around it is this function's own).
    return mark_safe("".join(f"<tr>{row}</tr>" for row in rows))  # noqa: S308
