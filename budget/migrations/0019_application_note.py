"""A note on an application is a budget.ApplicationNote: its key runs from budget to what it
stands on (issue #28).

Edited (decision 0040): this migration copied the notes on an application here from the key
initiatives 0006 used to give initiatives.InternalNote, with their ids, and back. initiatives
0006 no longer makes that key, so on a database made from these migrations there is nothing
to copy. A database migrated to the old initiatives 0006 and not yet to this migration: see
the decision."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0018_professional_advice_related_name"),
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
    ]
