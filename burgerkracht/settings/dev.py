"""Development settings: what `make run` uses (and manage.py by default).

PostgreSQL like production, from the cluster `make run` keeps under var/postgres (reachable
only through its unix socket there), the kombu filesystem broker under var/celery/, mail
printed by the worker. The environment still wins: set DATABASE_URL to use another
PostgreSQL, CELERY_BROKER_URL or REDIS_URL to use Redis.
"""

import os
from pathlib import Path

_var = Path(os.environ.get("DJANGO_VAR_DIR", Path(__file__).resolve().parents[2] / "var"))
# The web server's port (make run PORT=…). Links in mail and the agenda feed are built from
# SITE_URL, which follows it, so they work from this machine's browser whatever the port.
PORT = os.environ.get("PORT", "8000")

os.environ.setdefault("DATABASE_URL", f"postgres://postgres@/burgerkracht?host={_var / 'postgres'}")
os.environ.setdefault("SITE_URL", f"http://localhost:{PORT}")
# runserver starts a thread per browser connection: connections are closed after each
# request instead of kept per thread (docs/operations.md, "Database connections").
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
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
# The secrets of the test broker of `make broker` (tests/oidc), not secret; the login methods
# stay off until `manage.py use_test_broker` switches them on (README).
for _kind in ("DIGID", "EHERKENNING", "STAFF"):
    os.environ.setdefault(f"OIDC_{_kind}_SECRET", f"{_kind.lower()}-test-secret")

from burgerkracht.settings.base import *  # noqa: E402, F403
from burgerkracht.settings.base import VAR_DIR  # noqa: E402

EMAIL_FILE_PATH = str(VAR_DIR / "mail")
