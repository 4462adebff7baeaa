"""Thin Celery adapters around Meetlat services."""

from celery import shared_task
from django.db import OperationalError

from burgerkracht.meetlat import services


# A database that is briefly unavailable is worth another try; the service is idempotent.
@shared_task(
    name="meetlat.generate_decision_pdf",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def generate_decision_pdf_task(*, decision_pk: int) -> bool:
    return services.generate_decision_pdf(decision_pk=decision_pk)
