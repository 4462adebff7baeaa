"""Issue #22 §3: the award starts a submitted initiative (budget.services.lifecycle). Grants
awarded before that change left their initiative "submitted"; they start now, each with the
audit event `initiatives.services.change_status` writes (the system as actor)."""

from django.db import migrations
from django.utils import timezone

AWARDED = ("granted", "partly_granted", "stopped", "closed")


def start_initiatives(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    Application = apps.get_model("budget", "Application")
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _created = ContentType.objects.get_or_create(app_label="initiatives", model="initiative")
    awarded = Application.objects.filter(status__in=AWARDED, award__isnull=False)
    stuck = Initiative.objects.filter(
        status="submitted", pk__in=awarded.values("initiative_id")
    )
    now = timezone.now()
    for pk in stuck.values_list("pk", flat=True):
        AuditEvent.objects.create(
            subject_type=kind, subject_id=str(pk), action="initiative.status",
            reason="The Samen Sterk grant was awarded.", data={"from": "submitted", "to": "active"},
        )  # fmt: skip
    stuck.update(status="active", status_changed_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0008_application_status_id"),
        ("initiatives", "0001_initial"),
    ]

    operations = [migrations.RunPython(start_initiatives, migrations.RunPython.noop)]
