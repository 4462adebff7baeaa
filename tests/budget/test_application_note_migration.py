"""The notes on an application move from initiatives.InternalNote to budget.ApplicationNote
(budget 0019, initiatives 0010), so the foreign key runs from budget to what it stands on; and
back. Text, author and time stay; forwards the id stays too (the audit events name it)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from budget.models import ApplicationNote
from initiatives.models import InternalNote
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("budget", "0018_professional_advice_related_name"),
    ("initiatives", "0009_merge_registration_channel"),
]
AFTER = [
    ("budget", "0019_application_note"),
    ("initiatives", "0010_notes_on_the_initiative_only"),
]


def latest():
    """The newest migration of every app (the state the test database started in)."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    """Migrate to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def rows(model, *fields):
    return sorted(model.objects.values_list(*fields), key=str)


def test_the_notes_move_to_budget_and_back():
    application = application_in("submitted")
    other = application_in("submitted")
    initiative = application.initiative
    author = UserFactory(role="facilitator")
    try:
        old = migrate(BEFORE)
        Note = old.get_model("initiatives", "InternalNote")
        on_initiative = Note.objects.create(initiative_id=initiative.pk, author_id=author.pk,
                                            text="Over het initiatief")  # fmt: skip
        on_application = Note.objects.create(
            initiative_id=initiative.pk, application_id=application.pk, author_id=author.pk,
            text="Over de aanvraag",
        )  # fmt: skip
        written_at = on_application.created_at

        migrate(AFTER)

        moved = ApplicationNote.objects.get()
        assert (moved.pk, moved.application_id, moved.author_id, moved.text, moved.created_at) == (
            on_application.pk, application.pk, author.pk, "Over de aanvraag", written_at,
        )  # fmt: skip
        assert rows(InternalNote, "pk", "text") == [(on_initiative.pk, "Over het initiatief")]
        # The next note gets an id of its own after the copied ones.
        later = ApplicationNote.objects.create(application=other, author=None, text="Later")
        assert later.pk > moved.pk

        old = migrate(BEFORE)

        Note = old.get_model("initiatives", "InternalNote")
        assert rows(Note, "initiative_id", "application_id", "text") == sorted([
            (initiative.pk, None, "Over het initiatief"),
            (initiative.pk, application.pk, "Over de aanvraag"),
            (other.initiative_id, other.pk, "Later"),
        ], key=str)  # fmt: skip
        back = Note.objects.get(text="Over de aanvraag")
        assert (back.author_id, back.created_at) == (author.pk, written_at)
    finally:
        migrate(latest())  # every later migration back, as the tests after this one expect
