"""The Burgerkracht portal: residents take the lead, the municipality facilitates."""

from burgerkracht.celery import app as celery_app

__all__ = ("celery_app",)
