"""Thin Celery adapters around Meetlat services."""

from celery import shared_task

from burgerkracht.meetlat import services


@shared_task(name="meetlat.generate_decision_pdf")
def generate_decision_pdf_task(*, decision_pk: int) -> bool:
    return services.generate_decision_pdf(decision_pk=decision_pk)
