"""Test settings: base plus what makes tests fast and self-contained.

`make test` sets DATABASE_URL and REDIS_URL to the throwaway servers it starts; the suite
asserts that it runs on PostgreSQL.
"""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret-burgerkracht-0123456789abcdef")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "False")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "True")
# Not secret: a fixed key so that worker and web processes of a test read each other's data.
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "9e4JMr-jpdp6BeEQm7-9qSlOUY2x4xf8gS-KHLOELgM=")
os.environ.setdefault("OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# One folder per pytest-xdist worker: each worker has its own database, and a purge in one
# (the orphan-file sweep) would delete the files of the other's rows. Child processes (Celery
# worker, gunicorn) inherit the folder of their test process; the process that made it
# removes it.
if os.environ.get("TEST_MEDIA_OWNER") != os.environ.get("PYTEST_XDIST_WORKER", ""):
    os.environ.pop("DJANGO_MEDIA_ROOT", None)
if "DJANGO_MEDIA_ROOT" not in os.environ:
    os.environ["TEST_MEDIA_OWNER"] = os.environ.get("PYTEST_XDIST_WORKER", "")
    os.environ["DJANGO_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="burgerkracht-media-")
    atexit.register(shutil.rmtree, os.environ["DJANGO_MEDIA_ROOT"], ignore_errors=True)

from burgerkracht.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Rate limits are tested on purpose in tests/accounts; elsewhere they would make
# the browser suite depend on its own speed.
ACCOUNT_RATE_LIMITS = False
CELERY_TASK_EAGER_PROPAGATES = True
# Static files straight from the source folders: no collectstatic before a test run.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A query plan gone wrong fails its test after two minutes instead of hanging the suite.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c statement_timeout=120000"  # noqa: F405

# The SMTP sink of the reliability tests (aiosmtpd, the outside world) logs every command it
# receives at INFO: tens of thousands of lines that slow the sink down and say nothing.
LOGGING["loggers"]["mail.log"] = {"level": "WARNING"}  # noqa: F405
