"""The signed-in person is loaded with their roles and second factor in one query."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from burgerkracht.accounts.backends import AuthenticationBackend, ModelBackend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
@pytest.mark.parametrize(
    ("role", "with_mfa", "roles", "second_factor"),
    [
        ("facilitator", True, {"facilitator"}, True),
        ("facilitator", False, {"facilitator"}, False),
        ("resident", None, {"resident"}, False),
        (None, None, set(), False),
    ],
)
def test_the_user_comes_with_roles_and_second_factor_in_one_query(
    backend, role, with_mfa, roles, second_factor, django_assert_num_queries
):
    person = UserFactory(role=role, with_mfa=with_mfa)

    with django_assert_num_queries(1):
        user = backend().get_user(person.pk)
        loaded = (user.pk, user.role_names, user.has_second_factor, user.is_municipal_staff)

    assert loaded == (person.pk, frozenset(roles), second_factor, role == "facilitator")


def test_two_roles_are_both_loaded():
    person = UserFactory(role="facilitator")
    person.groups.add(UserFactory(role="administrator").groups.get())

    user = ModelBackend().get_user(person.pk)

    assert user.role_names == {"facilitator", "administrator"}


def test_an_inactive_or_missing_user_is_nobody():
    person = UserFactory(role="resident", is_active=False)

    assert (ModelBackend().get_user(person.pk), ModelBackend().get_user(person.pk + 1000)) == (
        None,
        None,
    )


def test_a_page_request_loads_the_person_once():
    """Session, user (roles and second factor included), and what the page itself needs."""
    staff = UserFactory(role="facilitator")
    client = Client()
    client.force_login(staff)
    client.get("/mijn/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/mijn/").status_code == 200

    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "auth_group"' in s and "accounts_user_groups" in s for s in sql) == 1
    assert sum('FROM "mfa_authenticator"' in s for s in sql) == 1
    assert 'FROM "accounts_user"' in sql[1] and "mfa_authenticator" in sql[1]
