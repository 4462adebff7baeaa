"""The kinds of budget line Samen Sterk knows. They are data: administrators can add more."""

from django.db import migrations

TYPES = [
    ("Smeerolie (per wijk)", True),
    ("Stedelijk", False),
    ("Kwetsbare ouderen", False),
    ("Locaties", False),
    ("Incidenteel / outreach", False),
]


def create(apps, schema_editor):
    LineType = apps.get_model("budget", "LineType")
    for name, per_neighbourhood in TYPES:
        LineType.objects.get_or_create(name=name, defaults={"per_neighbourhood": per_neighbourhood})


def remove(apps, schema_editor):
    apps.get_model("budget", "LineType").objects.filter(name__in=[n for n, _ in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
