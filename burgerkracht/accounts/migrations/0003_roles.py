"""Create one group per role (roles.py). Names are the roles' English values."""

from django.db import migrations

ROLE_NAMES = [
    "resident",
    "facilitator",
    "budget_decision_holder",
    "professional",
    "asd_member",
    "bo_plus_representative",
    "asd_secretary",
    "advice_coordinator",
    "read_only",
    "administrator",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, remove_groups)]
