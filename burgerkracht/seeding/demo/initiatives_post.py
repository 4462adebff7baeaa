"""Demo data for the post queue (SC-11): Gerrit Bakker has no e-mail address and takes part
in one of Peter Jansen's initiatives, so the facilitator's messages reach him by post. One
letter is posted already (it shows on the initiative's timeline), the other waits."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import Role
from burgerkracht.core.postal import queue as post_queue
from initiatives import services
from initiatives.enums import InitiativeStatus, InitiatorRole
from initiatives.models import Initiative, Initiator

NAME = "Gerrit Bakker"
ADDRESS = {"street_address": "Kerkstraat 12", "postal_code": "1311 AB", "city": "Almere"}
MESSAGES = (
    "Welkom bij de groep! We spreken af op dinsdag om 10 uur in het buurthuis.",
    "De volgende bijeenkomst is verplaatst naar donderdag, zelfde tijd.",
)


@transaction.atomic
def seed() -> None:
    if User.objects.filter(email__isnull=True, full_name=NAME).exists():
        return
    facilitator = User.objects.get(email="facilitator@example.org")
    initiative = (
        Initiative.objects.filter(facilitator=facilitator, status=InitiativeStatus.ACTIVE)
        .order_by("pk")
        .first()
    )
    if initiative is None:
        return
    resident = User.objects.create(email=None, full_name=NAME, **ADDRESS)
    resident.set_unusable_password()
    resident.save()
    resident.groups.add(Group.objects.get(name=Role.RESIDENT))
    Initiator.objects.create(
        initiative=initiative, user=resident, email="", role=InitiatorRole.CO,
        invited_at=timezone.now(), accepted_at=timezone.now(),
    )  # fmt: skip
    for body in MESSAGES:
        services.send_message(initiative=initiative, by=facilitator, body=body)
    first = resident.post_items.order_by("pk").first()
    post_queue.mark_posted(items=[first], by=facilitator)
