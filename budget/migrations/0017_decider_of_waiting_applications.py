"""Applications that were already waiting for a decision when deciders came (SC-15) get one
by the same rule as new ones: the first active decision holder of their line by name. So
they, too, keep their decider when the line's holders change."""

from django.db import migrations


def pin_deciders(apps, schema_editor):
    Application = apps.get_model("budget", "Application")
    waiting = Application.objects.filter(
        status="awaiting_decision", decider__isnull=True, line__isnull=False
    ).select_related("line")
    for application in waiting.iterator():
        holder = (
            application.line.decision_holders.filter(is_active=True)
            .order_by("full_name", "email", "pk")
            .first()
        )
        if holder is not None:
            Application.objects.filter(pk=application.pk).update(decider=holder)


class Migration(migrations.Migration):
    dependencies = [("budget", "0016_merge_payment_orders")]

    operations = [migrations.RunPython(pin_deciders, migrations.RunPython.noop)]
