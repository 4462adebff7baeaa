"""Demo dates for everyone's agenda (issue #27): a coming meeting of the college with the ASD
and with the BO+, and an open request for advice to the BO+, so the BO+ representative, the
ASD's members and the council member each see coming dates at /agenda/.

Idempotent: the open request to the BO+ marks that these dates were seeded."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from advice.models import AdviceRequest, AdvisoryBody
from advice.services import followup, register
from burgerkracht.accounts.models import User

REQUEST_SUBJECT = "Toegankelijkheid van het nieuwe wijkcentrum"


@transaction.atomic
def seed() -> None:
    if AdviceRequest.objects.filter(subject=REQUEST_SUBJECT).exists():
        return
    coordinator = User.objects.get(email="advies-coordinator@example.org")
    asd = AdvisoryBody.objects.get(slug="asd")
    bo_plus = AdvisoryBody.objects.get(slug="bo-plus")
    today = timezone.localdate()
    register.request_advice(
        by=coordinator, body=bo_plus, subject=REQUEST_SUBJECT,
        question="Wat moet het nieuwe wijkcentrum in de Haven hebben om voor iedereen "
        "toegankelijk te zijn?",
        department="Wijkzaken", requested_on=today, deadline=today + timedelta(days=56),
        decision_forum="College van B&W",
    )  # fmt: skip
    followup.plan_meeting(
        by=coordinator, body=asd, date=today + timedelta(days=21),
        title="Overleg college en ASD over de toezeggingen",
        agenda="1. Hoe staat het met de toezeggingen?\n2. De adviesplanning.",
    )  # fmt: skip
    followup.plan_meeting(
        by=coordinator, body=bo_plus, date=today + timedelta(days=35),
        title="Overleg college en BO+",
        agenda="1. Signalen uit de wijken.\n2. Het nieuwe wijkcentrum.",
    )  # fmt: skip
