"""System checks for our own configuration (pretalx common/checks.py style)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    if not settings.SITE_URL.startswith("https://") and not settings.DEBUG:
        return [
            Warning(
                "SITE_URL does not start with https://; links in e-mails would be insecure.",
                id="burgerkracht.W001",
            )
        ]
    return []


@register()
def check_broker(app_configs, **kwargs):
    if not settings.CELERY_TASK_ALWAYS_EAGER and not settings.CELERY_BROKER_URL:
        return [
            Error("CELERY_BROKER_URL is empty and tasks are not eager.", id="burgerkracht.E001")
        ]
    return []


@register()
def check_outbox(app_configs, **kwargs):
    if settings.EMAIL_BACKEND != "burgerkracht.core.messaging.outbox.OutboxBackend":
        return [
            Warning(
                "EMAIL_BACKEND bypasses the outbox; mail can be lost when SMTP is down.",
                id="burgerkracht.W002",
            )
        ]
    return []


@register()
def check_encryption_keys(app_configs, **kwargs):
    from burgerkracht.core.privacy.crypto import key_problems

    return [
        Error(problem, hint="Generate one with: manage.py rotate_encryption_keys --new-key",
              id="burgerkracht.E002")
        for problem in key_problems(settings.FIELD_ENCRYPTION_KEYS)
    ]  # fmt: skip


@register()
def check_postgresql(app_configs, **kwargs):
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        return [
            Error(
                f"The database engine is {engine}; the portal runs on PostgreSQL only.",
                hint="Set DATABASE_URL to a postgres:// URL (make run starts one of its own).",
                id="burgerkracht.E003",
            )
        ]
    return []
