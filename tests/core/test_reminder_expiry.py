"""Reminder tasks on the real broker: each expires at the requeue time."""

import base64
import json
from datetime import date, datetime

import pytest
import redis
from celery import current_app
from django.utils import timezone

from burgerkracht.core.messaging import reminders
from burgerkracht.core.models import Reminder
from tests.core.test_reminders import grant, on  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _sweep_onto_the_broker(settings) -> tuple:
    """Sweep on 17 April 2027 with the real broker (not eagerly): (result, the published
    messages, when)."""
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = current_app.conf.task_default_queue
    broker.delete(queue)
    current_app.conf.task_always_eager = False
    try:
        with on(date(2027, 4, 17)):
            published_at = timezone.now()
            result = reminders.sweep()
    finally:
        current_app.conf.task_always_eager = True
    messages = [json.loads(raw) for raw in broker.lrange(queue, 0, -1)]
    broker.delete(queue)
    return result, messages, published_at


def test_a_reminder_task_expires_at_the_requeue_time_so_copies_cannot_pile_up(
    grant,  # noqa: F811  (the fixture imported above)
    settings,
):
    """On the suite's real Redis: the published task carries an expiry of
    REMINDER_REQUEUE_SECONDS, after which a later sweep has handed the reminder over again."""
    settings.REMINDER_REQUEUE_SECONDS = 600
    result, messages, published_at = _sweep_onto_the_broker(settings)

    assert result.enqueued == 6 and len(messages) == 1  # one batch
    for message in messages:
        expires = datetime.fromisoformat(message["headers"]["expires"])
        assert message["headers"]["task"] == "core.send_reminders"
        assert abs((expires - published_at).total_seconds() - 600) < 5
    assert Reminder.objects.filter(status="queued").count() == 6  # nothing ran eagerly


def test_a_sweep_publishes_one_task_per_batch_with_every_queued_row_once(
    grant,  # noqa: F811  (the fixture imported above)
    settings,
):
    settings.REMINDER_BATCH_SIZE = 4
    result, messages, _ = _sweep_onto_the_broker(settings)
    batches = [json.loads(base64.b64decode(m["body"]))[1]["reminder_pks"] for m in messages]

    queued = sorted(Reminder.objects.filter(status="queued").values_list("pk", flat=True))
    assert result.enqueued == 6
    assert sorted(len(batch) for batch in batches) == [2, 4]
    assert sorted(pk for batch in batches for pk in batch) == queued


def test_a_batch_sends_each_reminder_once_and_a_second_run_sends_nothing(
    grant,  # noqa: F811  (the fixture imported above)
    mailoutbox,
):
    with on(date(2027, 4, 17)):
        reminders.collect(timezone.localdate())
        pks = list(Reminder.objects.order_by("pk").values_list("pk", flat=True))
        first = reminders.send_reminders(reminder_pks=pks)
        second = reminders.send_reminders(reminder_pks=pks)

    assert first == {"sent": 6}
    assert second == {"None": 6}
    assert Reminder.objects.filter(status="sent").count() == 6


def test_collect_writes_each_due_reminder_once(
    grant,  # noqa: F811  (the fixture imported above)
):
    """The INSERT from arrays writes the six due reminders once and nothing on a second
    collect."""
    with on(date(2027, 4, 17)):
        first = reminders.collect(timezone.localdate())
        second = reminders.collect(timezone.localdate())

    assert (first, second) == (6, 0)
    assert Reminder.objects.count() == 6
    assert set(Reminder.objects.values_list("status", "note")) == {("queued", "")}
