"""The Celery application. Tasks are thin adapters around services (docs/architecture.md)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "burgerkracht.settings.dev")

app = Celery("burgerkracht")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
