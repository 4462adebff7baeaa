"""Version 1 of every letter text, from the wording the letters had (issue #26)."""

from django.db import migrations


def load_defaults(apps, schema_editor):
    from budget.services.letter_texts import ensure_default_letter_texts

    ensure_default_letter_texts(apps.get_model("budget", "LetterText"))


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0013_letter_texts"),
    ]

    operations = [
        migrations.RunPython(load_defaults, migrations.RunPython.noop),
    ]
