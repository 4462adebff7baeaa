"""Every URL pattern, asked for with hostile addresses: never a server error (targets.md S1).

The form fuzz posts hostile input to every form; this asks every page the matrix knows, as a
person who may open it, with what an outsider can put in an address: object ids and step
numbers out of range, a NUL byte in the query string, page numbers beyond any offset, and
hostile values in every filter field the page itself shows.
"""

from html.parser import HTMLParser
from operator import attrgetter

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.security.matrix import ANONYMOUS, MATRIX, ROLES

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

HUGE = "99999999999999999999"
PATH_VALUES = ["0", "9", HUGE]
QUERY_VALUES = [HUGE, "-1", "2026-02-30", "x" * 2000]
HOSTILE_QUERIES = [
    {"page": HUGE},
    {"page": HUGE, "per_page": HUGE},
    {"page": "-1", "sort": "-nonexistent"},
    {"q": "\x00"},
    {"afdeling": "a\x00b", "_export": "csv"},
]


class _GetFormFields(HTMLParser):
    """The names of the fields in the page's GET forms (its filters)."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif (
            self._in_get_form
            and tag in ("input", "select", "textarea")
            and attrs.get("name")
            and attrs.get("type") not in ("submit", "hidden")
        ):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _viewer(world, entry):
    """Someone for whom the page answers 200: a person tied to the object, or a role."""
    for relation, status in sorted(entry.own.items()):
        if status == 200:
            return attrgetter(relation)(world)
    for role in ROLES:
        if entry.expected[role] == 200:
            return None if role == ANONYMOUS else UserFactory(role=role)
    return None


def _assert_no_server_error(response, url):
    assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_hostile_addresses_never_fail(client, world, figure, url_name):
    entry = MATRIX[url_name]
    kwargs = entry.url_kwargs(world)
    viewer = _viewer(world, entry)
    if viewer is not None:
        client.force_login(viewer)
    url = reverse(url_name, kwargs=kwargs)
    requests = 0

    first = client.get(url)
    _assert_no_server_error(first, url)
    fields = _GetFormFields()
    if first.status_code == 200 and first.get("Content-Type", "").startswith("text/html"):
        fields.feed(first.content.decode())
    for query in HOSTILE_QUERIES + [
        {name: value} for name in fields.names for value in QUERY_VALUES
    ]:
        _assert_no_server_error(client.get(url, query), f"{url} {query!r}")
        requests += 1
    for name, value in kwargs.items():
        if not isinstance(value, int):
            continue
        for hostile in PATH_VALUES:
            other = reverse(url_name, kwargs={**kwargs, name: hostile})
            _assert_no_server_error(client.get(other), other)
            requests += 1

    figure("S1", inputs=requests, server_errors=0)


def test_a_nul_byte_in_the_address_is_a_bad_request(client, world):
    response = client.get(reverse("core:home"), {"q": "a\x00b"})

    assert response.status_code == 400
    assert "Het adres van deze pagina" in response.content.decode()


def test_a_page_beyond_any_offset_shows_the_first_page_of_the_queue(client, world):
    client.force_login(world.facilitator)

    response = client.get(reverse("budget:queue"), {"page": HUGE})

    assert response.status_code == 200
    assert response.context["table"].page.number == 1
