"""What a letter by post is about moves from core.PostItem's keys into the apps' links
(initiatives 0011, budget 0020), so core's migrations depend on no domain app; and back.
The database of before is one made with the old core 0010: its columns are there, with keys."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from budget.models import ApplicationPostItem
from burgerkracht.core.models import PostItem
from initiatives.models import InitiativePostItem
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("initiatives", "0010_notes_on_the_initiative_only"),
    ("budget", "0019_application_note"),
]
AFTER = [("initiatives", "0011_post_links"), ("budget", "0020_post_links")]


def latest():
    """The newest migration of every app (the state the test database started in)."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)


def columns():
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, "core_postitem")
    return {row.name for row in description} & {"initiative_id", "application_id"}


def keys():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, initiative_id, application_id FROM core_postitem ORDER BY id")
        return cursor.fetchall()


def letter(**fields):
    return PostItem.objects.create(
        recipient=UserFactory(role="resident"), subject="Brief", kind="notice",
        pdf="private/post/brief.pdf", **fields,
    )  # fmt: skip


def test_the_keys_move_into_the_links_and_back():
    application = application_in("submitted")
    initiative = application.initiative
    about_application, about_initiative, about_nothing = letter(), letter(), letter()
    try:
        migrate(BEFORE)  # the columns of the old core 0010 come back, empty
        assert columns() == {"initiative_id", "application_id"}
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_postitem SET initiative_id = %s, application_id = %s WHERE id = %s",
                [initiative.pk, application.pk, about_application.pk],
            )
            cursor.execute(
                "UPDATE core_postitem SET initiative_id = %s WHERE id = %s",
                [initiative.pk, about_initiative.pk],
            )
        before = keys()

        migrate(AFTER)

        assert columns() == set()
        assert sorted(InitiativePostItem.objects.values_list("post_item", "initiative")) == [
            (about_application.pk, initiative.pk), (about_initiative.pk, initiative.pk),
        ]  # fmt: skip
        assert list(ApplicationPostItem.objects.values_list("post_item", "application")) == [
            (about_application.pk, application.pk)
        ]
        assert PostItem.objects.count() == 3 and about_nothing.pk in {pk for pk, *_ in before}

        migrate(BEFORE)

        assert keys() == before
    finally:
        migrate(latest())  # every later migration back, as the tests after this one expect
    assert columns() == set()
