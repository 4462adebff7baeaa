"""Edited (issue #28, decision 0040): empty. It dropped InternalNote's key to
budget.Application after budget 0019 had copied the notes on an application to
budget.ApplicationNote; initiatives 0006 no longer makes that key, so there is nothing to drop,
and this migration no longer depends on budget. It stays because databases made before the
edit have it applied and initiatives 0011 comes after it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0009_merge_registration_channel"),
    ]

    operations = []
