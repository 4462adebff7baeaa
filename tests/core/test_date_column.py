"""Our DateColumn (burgerkracht.core.ui.columns) gives exactly the text of django-tables2's own
DateColumn, which renders a template per cell, for awkward values: times around midnight in
another time zone, plain dates, nothing at all. tests/core/test_table_rows.py compares every
date on every table page with the library's DateColumn too."""

from __future__ import annotations

from datetime import UTC, date, datetime

import django_tables2 as tables
import pytest
from django.utils import timezone
from django.utils.translation import override

from burgerkracht.core.ui.columns import DateColumn

AMSTERDAM_NIGHT = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 29 March, 00:30 in Amsterdam


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "value", [AMSTERDAM_NIGHT, date(2026, 1, 2), datetime(2026, 12, 31, 22, 59, tzinfo=UTC), None]
)
@pytest.mark.parametrize("format", ["j-n-Y", "SHORT_DATE_FORMAT", "DATE_FORMAT", "D j F"])
def test_a_value_reads_as_the_librarys(language, value, format):
    class Ours(tables.Table):
        when = DateColumn(format=format, default="—")

    class Library(tables.Table):
        when = tables.DateColumn(format=format, default="—")

    data = [{"when": value}]
    with override(language), timezone.override("Europe/Amsterdam"):
        ours, library = Ours(data).rows[0], Library(data).rows[0]
        assert ours.get_cell("when") == library.get_cell("when")
        assert ours.get_cell_value("when") == library.get_cell_value("when")  # the exports


def test_the_date_is_the_local_one_and_an_empty_cell_shows_the_default():
    column = DateColumn(format="j-n-Y", default="—")
    with timezone.override("Europe/Amsterdam"):
        assert column.render(AMSTERDAM_NIGHT) == "29-3-2026"
        assert column.render("") == "—"
