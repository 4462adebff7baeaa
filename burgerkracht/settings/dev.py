"""Development settings: the embedded default that `make run` uses.

SQLite under var/, the kombu filesystem broker, mail printed by the worker. The environment
still wins: set DATABASE_URL or CELERY_BROKER_URL to try PostgreSQL and Redis.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "True")
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-not-secret-burgerkracht-0123456789abcdef")
os.environ.setdefault("DJANGO_LOG_FORMAT", "plain")
# A development key, not secret.
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "gDbPXyp1USw0WVanXe7pUalx_RPqwLV-GXECLSpLmoU=")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "False")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend")

from burgerkracht.settings.base import *  # noqa: F403
from burgerkracht.settings.base import VAR_DIR

EMAIL_FILE_PATH = str(VAR_DIR / "mail")
