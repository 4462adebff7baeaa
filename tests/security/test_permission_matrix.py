from operator import attrgetter

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import UserFactory
from tests.security.matrix import ADMIN_ONLY, ANONYMOUS, LOGIN, MATRIX, ROLES

pytestmark = pytest.mark.django_db


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            yield (
                f"{namespace}:{name or pattern.pattern}"
                if namespace
                else (name or str(pattern.pattern))
            )


def url_names() -> set[str]:
    return {name for name in _walk(get_resolver().url_patterns) if not name.startswith("admin")}


def test_every_url_pattern_has_a_matrix_entry():
    missing = sorted(url_names() - set(MATRIX))
    stale = sorted(set(MATRIX) - url_names())

    assert missing == [], "URL patterns without a permission-matrix entry"
    assert stale == [], "matrix entries for URLs that no longer exist"


def _client_for(client, role):
    if role != ANONYMOUS:
        client.force_login(UserFactory(role=role))
    return client


def _check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize(("url_name", "role"), CASES)
def test_permission_matrix(client, world, figure, url_name, role):
    entry = MATRIX[url_name]
    url = reverse(url_name, kwargs=entry.url_kwargs(world))

    response = _client_for(client, role).get(url)

    _check(response, entry.expected[role])
    figure("S2", cases=1, leaks=0)


OWN_CASES = [(name, relation) for name in sorted(MATRIX) for relation in sorted(MATRIX[name].own)]


@pytest.mark.parametrize(("url_name", "relation"), OWN_CASES)
def test_permission_matrix_own_objects(client, world, figure, url_name, relation):
    """The people tied to an object: its lead, a co-initiator, its facilitator."""
    entry = MATRIX[url_name]
    url = reverse(url_name, kwargs=entry.url_kwargs(world))
    client.force_login(attrgetter(relation)(world))

    response = client.get(url)

    _check(response, entry.own[relation])
    figure("S2", cases=1, leaks=0)


def test_every_object_url_checks_own_objects():
    """A URL that takes an object id must say what the people tied to it may do."""
    public = {
        "initiatives:public-detail",
        "initiatives:public-neighbourhood",
        "meetlat:public-detail",
        "advice:public-detail",
    }
    token_only = {"initiatives:invitation"}
    # Funds and lines belong to the municipality as a whole: access is by role only.
    role_only = {name for name in MATRIX if name.startswith("budget:")}
    missing = [
        name
        for name, entry in MATRIX.items()
        if callable(entry.kwargs) and not entry.own and name not in public | token_only | role_only
    ]

    assert missing == []


def _admin_urls():
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_administrators_only(client, role):
    client = _client_for(client, role)

    for url in _admin_urls():
        response = client.get(url, follow=True)
        if role == ANONYMOUS:
            assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
        else:
            assert response.status_code == ADMIN_ONLY[role]
