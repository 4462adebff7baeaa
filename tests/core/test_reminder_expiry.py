"""Reminder tasks on the real broker: each expires at the requeue time."""

import json
from datetime import date, datetime

import pytest
import redis
from celery import current_app
from django.utils import timezone

from burgerkracht.core import reminders
from burgerkracht.core.models import Reminder
from tests.core.test_reminders import grant, on  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_a_reminder_task_expires_at_the_requeue_time_so_copies_cannot_pile_up(
    grant,  # noqa: F811  (the fixture imported above)
    settings,
):
    """On the suite's real Redis: the published task carries an expiry of
    REMINDER_REQUEUE_SECONDS, after which a later sweep has handed the reminder over again."""
    settings.REMINDER_REQUEUE_SECONDS = 600
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

    assert result.enqueued == 6 and len(messages) == 6
    for message in messages:
        expires = datetime.fromisoformat(message["headers"]["expires"])
        assert message["headers"]["task"] == "core.send_reminder"
        assert abs((expires - published_at).total_seconds() - 600) < 5
    assert Reminder.objects.filter(status="queued").count() == 6  # nothing ran eagerly
