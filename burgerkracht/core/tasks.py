"""Thin Celery adapters around core services."""

from celery import shared_task

from burgerkracht.core import services
from burgerkracht.core.messaging import reminders


@shared_task(name="core.deliver_outbox_message")
def deliver_outbox_message_task(*, message_pk: int) -> bool:
    return services.deliver_message(message_pk=message_pk)


@shared_task(name="core.deliver_pending_outbox")
def deliver_pending_outbox_task() -> int:
    return services.deliver_pending()


@shared_task(name="core.sweep_reminders")
def sweep_reminders_task() -> dict:
    return reminders.sweep().as_dict()


@shared_task(name="core.send_reminders")
def send_reminders_task(*, reminder_pks: list[int]) -> dict:
    return reminders.send_reminders(reminder_pks=reminder_pks)


@shared_task(name="core.send_reminder")
def send_reminder_task(*, reminder_pk: int) -> str | None:
    """One reminder: what sweeps before batching published; kept for messages still queued."""
    return reminders.send_reminder(reminder_pk=reminder_pk)


@shared_task(name="core.generate_annual_report")
def generate_annual_report_task(*, report_pk: int) -> bool:
    from burgerkracht.core.reporting.annual import generate_annual_report

    return generate_annual_report(report_pk=report_pk)


@shared_task(name="core.purge_expired")
def purge_expired_task() -> dict:
    from burgerkracht.core.privacy.purge import purge

    return purge()
