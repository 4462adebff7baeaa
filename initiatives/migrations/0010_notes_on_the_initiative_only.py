"""An internal note here is on the initiative itself: the notes on an application were copied
to budget.ApplicationNote by budget 0019 and leave this table, with their column.
Backwards the column comes back empty; budget 0019's reverse fills it again."""

from django.conf import settings
from django.db import migrations, models


def drop_application_notes(apps, schema_editor):
    InternalNote = apps.get_model("initiatives", "InternalNote")
    InternalNote.objects.filter(application__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0009_merge_registration_channel"),
        ("budget", "0019_application_note"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_application_notes, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="internalnote",
            name="initiatives_initiat_eeed89_idx",
        ),
        migrations.RemoveField(
            model_name="internalnote",
            name="application",
        ),
        migrations.AddIndex(
            model_name="internalnote",
            index=models.Index(fields=["initiative", "created_at"], name="initiatives_initiat_110ad7_idx"),
        ),
    ]
