"""Notes on an application move from initiatives.InternalNote (its foreign key to
budget.Application went against the dependency direction) to budget.ApplicationNote.

Forwards the notes are copied with their ids, so the audit events ("application.note_added",
data {"note": id}) still name them; initiatives 0010 then removes them and the column there.
Backwards they are copied back onto the initiative of their application, with new ids (the
notes on initiatives written meanwhile may hold the old ones)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FORWARDS = """
INSERT INTO budget_applicationnote (id, application_id, author_id, created_at, text)
SELECT id, application_id, author_id, created_at, text
FROM initiatives_internalnote WHERE application_id IS NOT NULL
"""
# The next id after the copied ones (an identity column keeps its own counter).
SEQUENCE = """
SELECT setval(pg_get_serial_sequence('budget_applicationnote', 'id'),
              COALESCE(MAX(id), 1), MAX(id) IS NOT NULL)
FROM budget_applicationnote
"""
BACKWARDS = """
INSERT INTO initiatives_internalnote (initiative_id, application_id, author_id, created_at, text)
SELECT application.initiative_id, note.application_id, note.author_id, note.created_at, note.text
FROM budget_applicationnote note JOIN budget_application application
  ON application.id = note.application_id
ORDER BY note.id
"""


def copy_forwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FORWARDS)
        cursor.execute(SEQUENCE)


def copy_backwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0018_professional_advice_related_name"),
        ("initiatives", "0009_merge_registration_channel"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApplicationNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="written at")),
                ("text", models.TextField(verbose_name="note")),
                ("application", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="internal_notes", to="budget.application", verbose_name="application")),
                ("author", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="written by")),
            ],
            options={
                "verbose_name": "internal note",
                "verbose_name_plural": "internal notes",
                "ordering": ["created_at", "pk"],
                "indexes": [models.Index(fields=["application", "created_at"], name="budget_appl_applica_0fe557_idx")],
                "constraints": [models.CheckConstraint(condition=models.Q(("text", ""), _negated=True), name="application_note_has_text")],
            },
        ),
        migrations.RunPython(copy_forwards, copy_backwards),
    ]
