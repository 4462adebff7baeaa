"""SC-10: reminders of promises on their own, through the same source as the answer promises:
due soon to the owner, overdue to the owner, the coordinators and the members of the group
that handed the agenda in (never another body's), each once per due date, and none after the
verdict."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings

from advice.enums import Kept
from advice.services import promises
from burgerkracht.core.models import Reminder
from tests.advice.agenda_factories import agenda, agenda_promise, commitment, vip_member
from tests.advice.factories import coordinator, member
from tests.advice.test_reminders import START, coordinators, days, emails, on, sent, sweep_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    with on(START):
        boss = coordinator()
        vip_member()
        member("asd")  # another body: never a recipient
        return agenda_promise(agenda(by=boss), by=boss, days=30)


def _vip_members(topic):
    return [m.user for m in topic.agenda.body.memberships.filter(ended_on__isnull=True)]


def test_soon_to_the_owner_once(topic):
    soon = topic.due_on - days(settings.REMINDER_PROMISE_SOON_DAYS)
    sweep_on(soon - days(1))
    assert sent("advice_promise_soon") == []
    sweep_on(soon, soon, soon + days(1))
    assert sent("advice_promise_soon") == [(topic.owner.email, soon)]


def test_overdue_to_owner_coordinators_and_the_agendas_body_once(topic):
    due = topic.due_on
    people = emails(topic.owner, *coordinators(), *_vip_members(topic))
    sweep_on(due)
    assert sent("advice_promise_overdue") == []
    sweep_on(due + days(1), due + days(1), due + days(3))
    assert sent("advice_promise_overdue") == [(e, due + days(1)) for e in people]
    assert Reminder.objects.filter(kind="advice_promise_overdue").count() == len(people)


def test_a_commitment_without_agenda_reminds_its_owner_and_the_coordinators():
    with on(START):
        loose = commitment(days=10)
    due = loose.due_on
    sweep_on(due + days(1))
    assert sent("advice_promise_overdue") == [
        (e, due + days(1)) for e in emails(loose.owner, *coordinators())
    ]


def test_no_reminder_after_the_verdict(topic):
    due = topic.due_on
    with on(due + timedelta(days=1), hour=7):
        promises.judge_promise(promise=topic, by=coordinator(), kept=Kept.NOT_KEPT,
                               reason="Geen budget meer gevonden.")  # fmt: skip
    sweep_on(due + days(1), due + days(2))
    assert not Reminder.objects.filter(object_id=topic.pk, kind="advice_promise_overdue")
