"""Thin Celery adapters around the budget services."""

from celery import shared_task
from django.db import OperationalError

from budget.services import letters


# A database that is briefly unavailable is worth another try; the service is idempotent.
@shared_task(
    name="budget.generate_letter", autoretry_for=(OperationalError,), retry_backoff=True,
    max_retries=5,
)  # fmt: skip
def generate_letter_task(*, letter_pk: int) -> bool:
    return letters.generate_letter(letter_pk=letter_pk)


@shared_task(name="budget.generate_pending_letters")
def generate_pending_letters_task() -> int:
    return letters.generate_pending_letters()
