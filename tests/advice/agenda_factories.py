"""Builders for agendas and promises on their own (SC-10), through the services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from advice.enums import BodyKind, PromiseSource
from advice.models import AdvisoryBody, Membership
from advice.services import promises
from tests.advice.factories import coordinator
from tests.factories import UserFactory


def vip() -> AdvisoryBody:
    """The working group ViP, registered as a body of kind "other"."""
    return AdvisoryBody.objects.get_or_create(
        slug="vip",
        defaults={"name": "Werkgroep ViP", "short_name": "ViP", "kind": BodyKind.OTHER},
    )[0]


def vip_member(user: Any = None) -> Any:
    user = user or UserFactory(role="asd_member")
    Membership.objects.create(body=vip(), user=user)
    return user


def agenda(*, by: Any = None, title: str = "Lokale Inclusie Agenda", body: Any = None):
    return promises.create_agenda(
        by=by or coordinator(), title=title, body=body or vip(), handed_to="Wethouder Jansen",
        handed_over_on=date(2018, 11, 1), description="58 onderwerpen, in fasen uitgevoerd.",
    )  # fmt: skip


def staff_owner() -> Any:
    return UserFactory(role="facilitator")


def agenda_promise(
    the_agenda, *, by: Any = None, owner: Any = None, days: int = 30,
    text: str = "Toegankelijke stembureaus", phase: str = "Fase 1 (2019)",
):  # fmt: skip
    return promises.create_promise(
        by=by or coordinator(), text=text, source_kind=PromiseSource.AGENDA, agenda=the_agenda,
        phase=phase, owner=owner or staff_owner(), department="Burgerzaken",
        due_on=timezone.localdate() + timedelta(days=days),
    )  # fmt: skip


def commitment(*, by: Any = None, owner: Any = None, days: int = 30):
    return promises.create_promise(
        by=by or coordinator(), text="Elke wijk een ontmoetingsplek",
        source_kind=PromiseSource.COMMITMENT,
        source_description="Wethouder Jansen in de raadsvergadering van 12 maart",
        owner=owner or staff_owner(), department="Sociaal Domein",
        due_on=timezone.localdate() + timedelta(days=days),
    )  # fmt: skip
