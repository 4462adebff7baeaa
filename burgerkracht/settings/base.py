"""Base settings: production-safe by default, everything from the environment.

There is no production.py: production is this module plus its environment. `dev.py` and
`test.py` set environment defaults and import this module. Every variable read here is
documented in `.env.example`.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))
# Files the processes write at run time: the filesystem broker, beat's schedule, and the
# defaults of static and media below. `make run` also keeps its PostgreSQL cluster here.
VAR_DIR = Path(env("DJANGO_VAR_DIR", default=str(BASE_DIR / "var")))

# --- Core ------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://localhost:8000").rstrip("/")
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "crispy_forms",
    "django_filters",
    "django_tables2",
    "simple_history",
    "health_check",
    "burgerkracht.core",
    "burgerkracht.accounts",
    "burgerkracht.meetlat",
    "initiatives",
    "budget",
    "advice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "burgerkracht.core.middleware.ChosenLanguageMiddleware",  # Dutch unless chosen
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "burgerkracht.core.middleware.NullCharacterMiddleware",
    "burgerkracht.accounts.oidc.middleware.BrokerSessionMiddleware",
    "burgerkracht.accounts.middleware.StaffMfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "burgerkracht.core.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "burgerkracht.urls"
WSGI_APPLICATION = "burgerkracht.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "burgerkracht.core.context_processors.portal",
                "burgerkracht.accounts.oidc.context.digid_session",
            ],
        },
    },
]

# --- Database and cache ------------------------------------------------------
# PostgreSQL, always: the append-only audit trigger, row locks on money, SKIP LOCKED in the
# outbox and array subqueries are PostgreSQL's (system check burgerkracht.E003). `make run`
# starts a cluster of its own under var/postgres (settings/dev.py points there).
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A connection is kept this many seconds by the thread that opened it. Every gunicorn worker
# (and every Celery pool process) holds at most one, so the sum of web workers, Celery
# concurrency and beat must stay below PostgreSQL's max_connections (docs/operations.md,
# "Database connections"). Development uses 0: runserver starts a thread per connection.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default cache lives in the database on purpose: allauth's login rate limits and
# anything else that must keep working while Redis is down (docs/decisions/0002).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "burgerkracht_cache",
    }
}
REDIS_URL = env("REDIS_URL", default="")

# Sessions live in the database: a Redis outage logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)

# --- Accounts (django-allauth) ------------------------------------------------
# https://docs.allauth.org/en/latest/account/configuration.html
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, loading the roles and second factor with the user (backends.py)
    "burgerkracht.accounts.backends.ModelBackend",
    "burgerkracht.accounts.backends.AuthenticationBackend",
    "burgerkracht.accounts.backends.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "burgerkracht.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_ADAPTER = "burgerkracht.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Changing e-mail addresses and deleting the account ask for the password (or the second
# factor) again, unless the person confirmed it in the last five minutes.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Rate limits: a handful of failed logins per account and per IP (targets.md S4).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "request_login_code": "20/m/ip,3/m/key",
}
# Behind reverse proxies, how many of them append to X-Forwarded-For: the client address the
# rate limits count is then the one that many entries from the end (0: the socket's peer).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "burgerkracht.accounts.oidc.adapter.MFAAdapter"

# --- DigiD, eHerkenning and staff SSO through an OpenID Connect broker -------------------
# (burgerkracht/accounts/oidc, docs/decisions/0039). The brokers themselves are data: the
# login methods in the management screens. Each method's client secret is read from the
# environment variable OIDC_<KIND>_SECRET (OIDC_DIGID_SECRET, OIDC_EHERKENNING_SECRET,
# OIDC_STAFF_SECRET), never stored.
SOCIALACCOUNT_ADAPTER = "burgerkracht.accounts.oidc.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = False
# A broker's e-mail address is taken only when it says it verified it (oidc/provider.py).
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("OIDC_REQUESTS_TIMEOUT", default=5)
# The key of the BSN's lookup hash (HMAC-SHA256). Set it once and keep it: another key makes
# every DigiD account unknown. Empty: derived from DJANGO_SECRET_KEY.
BSN_HASH_KEY = env("BSN_HASH_KEY", default="")
# A DigiD session ends after this many seconds without a request; the warning comes
# DIGID_IDLE_WARNING_SECONDS before that.
DIGID_IDLE_TIMEOUT_SECONDS = env.int("DIGID_IDLE_TIMEOUT_SECONDS", default=15 * 60)
DIGID_IDLE_WARNING_SECONDS = env.int("DIGID_IDLE_WARNING_SECONDS", default=3 * 60)
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Burgerkracht")

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files hold personal data: they are never served from a public URL.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Uploads (burgerkracht/core/files/uploads.py, docs/uploads.md) -------------------
# Largest accepted upload in bytes (the logo has its own, smaller limit).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Virus scanner: tcp://host:3310 or unix:///run/clamav/clamd.ctl. Empty: no scan. When set
# and the scanner does not answer within CLAMD_TIMEOUT seconds, uploads are refused.
CLAMD_URL = env("CLAMD_URL", default="")
CLAMD_TIMEOUT = env.float("CLAMD_TIMEOUT", default=10.0)

# --- Security -----------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# https://django-csp.readthedocs.io/en/latest/configuration.html — no unsafe-inline anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# --- E-mail: every message goes through the database outbox -------------------
EMAIL_BACKEND = "burgerkracht.core.messaging.outbox.OutboxBackend"
_email = env.email_url("EMAIL_URL", default="smtp://localhost:25")
OUTBOX_DELIVERY_BACKEND = env(
    "OUTBOX_DELIVERY_BACKEND", default="burgerkracht.core.messaging.smtp.HandoverEmailBackend"
)
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Burgerkracht <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Capped exponential back-off for delivery attempts: 1, 2, 4 … minutes, at most this many.
OUTBOX_MAX_BACKOFF_MINUTES = env.int("OUTBOX_MAX_BACKOFF_MINUTES", default=60)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=50)

# --- Samen Sterk policy ---------------------------------------------------------------------
# Paid money that was not spent is asked back at settlement only when the municipality's
# policy says so; off by default ("Accepteer … dat initiatieven kunnen mislukken").
SAMEN_STERK_RECLAIM_UNSPENT = env.bool("SAMEN_STERK_RECLAIM_UNSPENT", default=False)
OUTBOX_BACKLOG_WARNING_MINUTES = env.int("OUTBOX_BACKLOG_WARNING_MINUTES", default=15)

# --- Advice register (WF-7 - WF-9; the seeds give no numbers, these are our defaults) -----
# A request with fewer days between request and deadline is flagged as time pressure.
# Days an invitation to join an initiative can be accepted; after that a new one is sent.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=30)
ADVICE_MIN_LEAD_DAYS = env.int("ADVICE_MIN_LEAD_DAYS", default=42)
# The municipality answers a final advice within this many weeks.
ADVICE_RESPONSE_WEEKS = env.int("ADVICE_RESPONSE_WEEKS", default=8)
# Every advice is evaluated this many months after its answer is published.
ADVICE_EVALUATION_MONTHS = env.int("ADVICE_EVALUATION_MONTHS", default=12)
# Reminders: days before a request's deadline, and before a promise is due.
REMINDER_ADVICE_DEADLINE_DAYS = env.list("REMINDER_ADVICE_DEADLINE_DAYS", cast=int, default=[14, 3])
REMINDER_PROMISE_SOON_DAYS = env.int("REMINDER_PROMISE_SOON_DAYS", default=14)
# The college meets each body at least this many times per calendar year (BR-54).
ADVICE_MEETINGS_PER_YEAR = env.int("ADVICE_MEETINGS_PER_YEAR", default=2)

# --- Celery -------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
# Without a broker URL: kombu's filesystem transport under var/celery/, which needs no server
# (make run).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery"
    for _folder in ("queue", "processed"):  # kombu expects them to exist
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "store_processed": False,
    }
else:
    # A hung or refused broker must not hang a web request: fail fast, the outbox sweep
    # picks up whatever could not be enqueued.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_timeout": 3,
        "socket_connect_timeout": 3,
        "max_retries": 1,
        "visibility_timeout": 3600,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Two queues. "documents": the PDFs a person is waiting for (annual report, decision and
# answer letters); "celery": everything else (mail, reminders, sweeps). A worker started
# without -Q consumes both; production and `make run` add a worker for "documents" alone, so
# a document never waits behind a batch of reminder mail (docs/architecture.md, "Queues").
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (
    Queue("celery", routing_key="celery"),
    Queue("documents", routing_key="documents"),
)
DOCUMENT_TASKS = (
    "core.generate_annual_report",
    "budget.generate_letter",
    "budget.generate_pending_letters",
    "advice.generate_answer_pdf",
    "meetlat.generate_decision_pdf",
)
CELERY_TASK_ROUTES = {name: {"queue": "documents"} for name in DOCUMENT_TASKS}
CELERY_TIMEZONE = TIME_ZONE
# The worker logs through LOGGING below (JSON lines without personal data), not its own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
OUTBOX_SWEEP_SECONDS = env.int("OUTBOX_SWEEP_SECONDS", default=60)

# --- Reminders (WF-13 defaults; docs/architecture.md "Due items and reminders") ----
REMINDER_SWEEP_SECONDS = env.int("REMINDER_SWEEP_SECONDS", default=300)
# A queued reminder whose task has not run after this long is handed to the broker again
# (a worker killed mid-task, a message lost with Redis).
REMINDER_REQUEUE_SECONDS = env.int("REMINDER_REQUEUE_SECONDS", default=600)
# Reminders handed to the broker per task (one message per batch, not per reminder).
REMINDER_BATCH_SIZE = env.int("REMINDER_BATCH_SIZE", default=200)
# How long a missed reminder (system down, item created late) may still go out.
REMINDER_CATCH_UP_DAYS = env.int("REMINDER_CATCH_UP_DAYS", default=7)
# Days before the interim evaluation; the last one runs until the day itself.
REMINDER_EVALUATION_SOON_DAYS = env.list("REMINDER_EVALUATION_SOON_DAYS", cast=int, default=[14, 3])
REMINDER_EVALUATION_OVERDUE_DAYS = env.int("REMINDER_EVALUATION_OVERDUE_DAYS", default=7)
REMINDER_VISIT_TO_PLAN_DAYS = env.int("REMINDER_VISIT_TO_PLAN_DAYS", default=14)
REMINDER_VISIT_SOON_DAYS = env.int("REMINDER_VISIT_SOON_DAYS", default=2)
REMINDER_ACCOUNTABILITY_SOON_DAYS = env.int("REMINDER_ACCOUNTABILITY_SOON_DAYS", default=14)
REMINDER_ACCOUNTABILITY_OVERDUE_DAYS = env.int("REMINDER_ACCOUNTABILITY_OVERDUE_DAYS", default=14)
# A support request without an answer this many days escalates to the initiative's jager and
# the facilitator coordinators (WF-6, PP-07; initiatives/support_reminders.py).
SUPPORT_ESCALATION_DAYS = env.int("SUPPORT_ESCALATION_DAYS", default=42)

# --- Retention (burgerkracht/core/privacy/retention.py, docs/privacy.md) -------------------
# Days per kind of record, overriding the defaults of the retention table, e.g.
# RETENTION_DAYS=outbox=30,reminders=180. Unknown kinds fail the system check.
RETENTION_DAYS = env.dict("RETENTION_DAYS", cast={"value": int}, default={})
# The nightly purge (hour of the day, local time).
RETENTION_PURGE_HOUR = env.int("RETENTION_PURGE_HOUR", default=3)

CELERY_BEAT_SCHEDULE = {
    # The safety net under the on-commit enqueue: anything pending is picked up.
    "deliver-outbox": {
        "task": "core.deliver_pending_outbox",
        "schedule": float(OUTBOX_SWEEP_SECONDS),
    },
    # Letters whose worker task was lost (broker down at publication) are made here.
    "generate-pending-letters": {
        "task": "budget.generate_pending_letters",
        "schedule": 300.0,
    },
    # Due items → reminder rows → one send task each (burgerkracht/core/messaging/reminders.py).
    "sweep-reminders": {
        "task": "core.sweep_reminders",
        "schedule": float(REMINDER_SWEEP_SECONDS),
    },
    # Personal data past its retention period is removed or anonymised, once a night.
    "purge-expired": {
        "task": "core.purge_expired",
        "schedule": crontab(hour=RETENTION_PURGE_HOUR, minute=30),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Forms --------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ("nlds",)
CRISPY_TEMPLATE_PACK = "nlds"
CRISPY_FAIL_SILENTLY = False
DJANGO_TABLES2_TEMPLATE = "portal/table.html"

# --- Encryption of special-category free text (burgerkracht/core/privacy/crypto.py) -----------
# Comma-separated Fernet keys; the first encrypts, all decrypt. Required in production:
# without a key the system check refuses to start. Rotation: docs/operations.md.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])

# --- Logging: structured, no personal data ------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "burgerkracht.core.operations.logformat.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    # JSON lines without personal data (core/operations/logformat.py); "plain" reads easier on a
    # laptop.
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("DJANGO_LOG_FORMAT", default="json"),
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        # WeasyPrint reports every rendering step at INFO; we want only its warnings.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

ADMIN_URL = env("DJANGO_ADMIN_URL", default="beheer/django/")
