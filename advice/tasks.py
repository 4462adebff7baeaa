"""Thin Celery adapters around the advice services."""

from celery import shared_task
from django.db import OperationalError

from advice.services import answer


# A database that is briefly unavailable is worth another try; the service is idempotent.
@shared_task(
    name="advice.generate_answer_pdf",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def generate_answer_pdf_task(*, answer_pk: int) -> bool:
    return answer.generate_answer_pdf(answer_pk=answer_pk)
