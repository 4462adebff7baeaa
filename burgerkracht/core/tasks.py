"""Thin Celery adapters around core services."""

from celery import shared_task

from burgerkracht.core import services


@shared_task(name="core.deliver_outbox_message")
def deliver_outbox_message_task(*, message_pk: int) -> bool:
    return services.deliver_message(message_pk=message_pk)


@shared_task(name="core.deliver_pending_outbox")
def deliver_pending_outbox_task() -> int:
    return services.deliver_pending()
