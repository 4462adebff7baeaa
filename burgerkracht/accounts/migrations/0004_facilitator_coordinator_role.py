"""The facilitator coordinator assigns facilitators to initiatives (issue 3)."""

from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="facilitator_coordinator")


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="facilitator_coordinator").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_roles")]

    operations = [migrations.RunPython(create_group, remove_group)]
