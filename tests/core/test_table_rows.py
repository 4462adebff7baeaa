"""The officials' tables render their rows through the `table_rows` tag (target P2). Every
table page must show exactly the rows django-tables2's own loop gave,
`<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>` (with a column's own cell
class, such as a status with its reason that wraps), in every sort order the
page offers, with awkward text in the cells and in both languages. On the same pages every
date reads as django-tables2's own DateColumn would give it (ours, core.ui.columns, is a plain
column)."""

from __future__ import annotations

from io import StringIO

import django_tables2 as tables
import pytest
from django.core.management import call_command
from django.template import RequestContext, Template
from django.test import Client
from django.utils.translation import override

from advice.models import Advice
from burgerkracht.core.templatetags.portal_tables import table_rows
from burgerkracht.core.ui.columns import DateColumn
from initiatives.models import Initiative
from tests.demo_data import seed_demo
from tests.language import in_language
from tests.page_lookups import user
from tests.pages import CATALOGUE

pytestmark = pytest.mark.django_db

AWKWARD = 'Buurt & "Zorg" <b>samen</b>'
LIBRARY_ROWS = Template(
    "{% for row in table.paginated_rows %}<tr>{% for column, cell in row.items %}"
    '<td{% if column.attrs.td.class %} class="{{ column.attrs.td.class }}"{% endif %}>'
    "{{ cell }}</td>{% endfor %}</tr>{% endfor %}"
)
TABLE_PAGES = (
    "budget:queue@facilitator", "budget:queue@coordinator", "budget:queue@holder",
    "initiatives:officials-list@facilitator", "initiatives:officials-list@coordinator",
    "advice:register@coordinator", "advice:register@asd-member", "advice:promises",
)  # fmt: skip


@pytest.fixture
def data():
    seed_demo()
    call_command(
        "seed_scale", initiatives=60, applications=60, advices=60, evaluations=10,
        stdout=StringIO(),
    )  # fmt: skip
    for model in (Initiative, Advice):
        every_third = model.objects.order_by("pk").values_list("pk", flat=True)[:40:3]
        model.objects.filter(pk__in=every_third).update(title=AWKWARD)


def _sorts(table) -> list[str]:
    names = [column.name for column in table.columns if column.orderable]
    return ["", *names, *(f"-{name}" for name in names)]


def test_every_table_page_shows_the_rows_the_library_would(data):
    """In both languages (one test: the data set takes a while to build)."""
    compared = dates = 0
    for language, key in ((language, key) for language in ("nl", "en") for key in TABLE_PAGES):
        page = CATALOGUE[key]
        client = Client()
        client.force_login(user(page.login))
        first = in_language(client, language).get(page.path())
        assert first.status_code == 200, key
        for sort in _sorts(first.context["table"]):
            response = in_language(client, language).get(
                page.path(), {"sort": sort} if sort else {}
            )
            table = response.context["table"]
            context = RequestContext(response.wsgi_request, {"table": table})
            table.context = context  # as {% render_table %} sets it while rendering
            with override(language):
                ours = table_rows(context, table)
                expected = LIBRARY_ROWS.render(context)
            assert ours == expected, (key, sort)
            assert ours in response.content.decode(), (key, sort)
            compared += ours.count("<tr>")
            with override(language):
                dates += _dates_as_the_librarys(table, key, sort)
        assert "&lt;b&gt;samen&lt;/b&gt;" in first.content.decode() or "promise" in key, key
    assert compared > 1000  # every page had rows, in every order and language
    assert dates > 1000


def _dates_as_the_librarys(table, key, sort) -> int:
    """Each DateColumn cell against django-tables2's DateColumn with the same format and
    default, given the same record, table and row."""
    dated = [c for c in table.columns if isinstance(c.column, DateColumn)]
    assert dated, key
    for row in table.paginated_rows:
        for bound in dated:
            library = tables.DateColumn(format=bound.column.format, default=bound.default)
            value = tables.A(bound.accessor).resolve(row.record, quiet=True)
            expected = library.render(
                record=row.record, table=table, value=value, bound_column=bound, bound_row=row
            )
            assert row.get_cell(bound.name) == expected, (key, sort, bound.name)
    return len(table.paginated_rows) * len(dated)
