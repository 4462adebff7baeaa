from operator import attrgetter

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from burgerkracht.meetlat import subjects
from tests.factories import UserFactory
from tests.security.matrix import ADMIN_ONLY, ANONYMOUS, LOGIN, MATRIX, ROLES
from tests.security.matrix_subjects import DRAFT_PAGES, FINAL_PAGES, SUBJECT_CASES

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


# --- the subject dimension (issue #23) -------------------------------------------------------

SUBJECT_OFFICIALS = {"facilitator", "holder"}  # tied to one initiative or line each


def _person(world, relation):
    if relation.startswith("role:"):
        return UserFactory(role=relation.removeprefix("role:"))
    return attrgetter(relation)(world)


OTHER_CASES = [
    (name, relation) for name in sorted(MATRIX) for relation in sorted(MATRIX[name].subject)
]


@pytest.mark.parametrize(("url_name", "relation"), OTHER_CASES)
def test_permission_matrix_other_subject(client, world, figure, url_name, relation):
    """An official of the same role, responsible for another subject of the same kind."""
    entry = MATRIX[url_name]
    client.force_login(attrgetter(relation)(world))

    response = client.get(reverse(url_name, kwargs=entry.url_kwargs(world)))

    _check(response, entry.subject[relation])
    figure("S2", cases=1, leaks=0)


FOREIGN_CASES = [
    (name, relation)
    for name in sorted(MATRIX)
    if MATRIX[name].foreign
    for relation in sorted(MATRIX[name].own)
    if MATRIX[name].own[relation] == 200
]


@pytest.mark.parametrize(("url_name", "relation"), FOREIGN_CASES)
def test_permission_matrix_foreign_inner_object(client, world, figure, url_name, relation):
    """The outer object is the person's own; the inner one belongs to another: not found."""
    entry = MATRIX[url_name]
    client.force_login(attrgetter(relation)(world))

    response = client.get(reverse(url_name, kwargs=entry.foreign(world)))

    assert response.status_code == 404
    figure("S2", cases=1, leaks=0)


DECISION_CASES = [
    (model, page, relation)
    for (model, page), (_decision, statuses) in sorted(SUBJECT_CASES.items())
    for relation in sorted(statuses)
]


@pytest.mark.parametrize(("model", "url_name", "relation"), DECISION_CASES)
def test_decision_pages_follow_their_subject(client, world, figure, model, url_name, relation):
    decision_of, statuses = SUBJECT_CASES[(model, url_name)]
    decision = decision_of(world)
    assert decision.subject_type.model_class()._meta.label_lower == model
    client.force_login(_person(world, relation))

    response = client.get(reverse(url_name, kwargs={"pk": decision.pk}))

    _check(response, statuses[relation])
    figure("S2", cases=1, leaks=0)


def test_every_decision_subject_kind_is_in_the_matrix():
    """A new kind of decision subject needs its cases for every decision page."""
    pages = {
        name for name in MATRIX if name.startswith("meetlat:") and callable(MATRIX[name].kwargs)
    }
    pages -= {"meetlat:public-detail"}
    covered = {(model, page) for model, page in SUBJECT_CASES}

    assert {model for model, _page in covered} == set(subjects.registered())
    assert {(m, p) for m in subjects.registered() for p in DRAFT_PAGES} <= covered
    assert set(DRAFT_PAGES) | set(FINAL_PAGES) == pages


def test_every_object_url_checks_other_subjects_and_foreign_objects(world):
    """A URL about an object that an official is responsible for says what the officials of
    other subjects may do; a URL with an inner object says it is not found under another."""
    no_subject = [
        name for name, entry in MATRIX.items()
        if SUBJECT_OFFICIALS & set(entry.own) and not entry.subject
    ]  # fmt: skip
    no_foreign = [
        name for name, entry in MATRIX.items()
        if callable(entry.kwargs) and not entry.foreign
        and sum(key.endswith("pk") for key in entry.url_kwargs(world)) > 1
    ]  # fmt: skip

    assert (no_subject, no_foreign) == ([], [])
