"""Health checks beyond django-health-check's own: the broker and the outbox backlog."""

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable, ServiceWarning

from burgerkracht.core.models import OutboxMessage


@dataclasses.dataclass
class Broker(HealthCheck):
    """Can we reach the Celery broker right now?"""

    timeout = datetime.timedelta(seconds=4)

    def run(self) -> None:
        from burgerkracht.celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=3)
        except Exception as exc:  # kombu wraps many transport errors
            raise ServiceUnavailable("broker unreachable") from exc


@dataclasses.dataclass
class OutboxBacklog(HealthCheck):
    """Mail that should have gone out a while ago means delivery is stuck."""

    def run(self) -> None:
        oldest = (
            OutboxMessage.objects.due()
            .order_by("next_attempt_at")
            .values_list("next_attempt_at", flat=True)
            .first()
        )
        limit = datetime.timedelta(minutes=settings.OUTBOX_BACKLOG_WARNING_MINUTES)
        if oldest is not None and timezone.now() - oldest > limit:
            minutes = int((timezone.now() - oldest).total_seconds() // 60)
            raise ServiceWarning(
                f"outbox backlog: the oldest mail has waited {minutes} minutes "
                f"(limit {settings.OUTBOX_BACKLOG_WARNING_MINUTES})"
            )
