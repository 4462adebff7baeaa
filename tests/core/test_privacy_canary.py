"""A canary planted in every free-text field of an application appears in no log line and
on no error page, along the application's whole way (targets.md S7)."""

import logging

import pytest
from django.db import models
from django.test import override_settings
from django.urls import reverse

from budget.enums import ApplicationStatus
from budget.models import Application
from budget.services import publish_decision
from burgerkracht.core.messaging.reminders import sweep
from burgerkracht.core.operations.logformat import JsonFormatter
from burgerkracht.core.services import deliver_pending
from tests.factories import UserFactory, application_in, decide

pytestmark = pytest.mark.django_db

CANARY = "KANARIE-7f3a-mevrouw-de-Vries-heeft-COPD"


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    """Everything logged anywhere, at every level, as the production formatter writes it."""
    root = logging.getLogger()
    handler, level = Captured(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler.lines
    root.removeHandler(handler)
    root.setLevel(level)


def plant(application: Application) -> Application:
    text_fields = [
        f.name for f in Application._meta.concrete_fields
        if isinstance(f, models.TextField) and f.name not in ("status",)
    ]  # fmt: skip
    Application.objects.filter(pk=application.pk).update(
        **{name: f"{CANARY} ({name})" for name in text_fields}
    )
    return Application.objects.get(pk=application.pk)


def test_the_canary_is_in_no_log_line_and_on_no_error_page(client, log_lines, figure):
    application = plant(application_in(ApplicationStatus.AWAITING_DECISION))
    facilitator = application.initiative.facilitator
    holder = application.line.decision_holders.first()
    pages = []

    client.force_login(facilitator)
    pages.append(client.get(reverse("budget:application", args=[application.pk])))
    assert CANARY in pages[-1].content.decode()  # the official does see it: it is planted

    client.force_login(holder)
    pages.append(
        client.post(
            reverse("budget:decide", args=[application.pk]),
            {"outcome": "granted", "granted_amount": CANARY, "reasons": CANARY},
        )
    )
    decide(application, holder)
    publish_decision(application=application, by=holder)
    sweep()
    deliver_pending()

    client.force_login(UserFactory(role="resident"))
    refused = client.get(reverse("budget:application", args=[application.pk]))
    missing = client.get(reverse("budget:application", args=[application.pk + 10_000]))
    with override_settings(ROOT_URLCONF="tests.core.canary_urls"):
        client.raise_request_exception = False
        broken = client.get(f"/kapot/{application.pk}/")

    assert (refused.status_code, missing.status_code, broken.status_code) == (403, 404, 500)
    error_pages = [refused, missing, broken]
    found_on_pages = sum(CANARY in page.content.decode() for page in error_pages)
    found_in_log = sum(CANARY in line for line in log_lines)
    figure("S7", log_lines=len(log_lines), error_pages=len(error_pages),
           canary_in_log=found_in_log, canary_on_error_pages=found_on_pages)  # fmt: skip
    assert len(log_lines) > 0  # the flow did log (the server error, at least)
    assert any('"logger": "django.request"' in line for line in log_lines)
    assert (found_in_log, found_on_pages) == (0, 0)


def test_the_log_line_of_a_server_error_says_where_but_not_what(client, log_lines):
    application = plant(application_in(ApplicationStatus.SUBMITTED))
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF="tests.core.canary_urls"):
        client.get(f"/kapot/{application.pk}/")

    [line] = [line for line in log_lines if '"logger": "django.request"' in line]
    assert '"type": "builtins.RuntimeError"' in line
    assert "canary_urls.py" in line and "in buggy_view" in line
    assert CANARY not in line


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("mail to jan.de.vries@example.org failed", "mail to [e-mail] failed"),
        ("payment to NL91ABNA0417164300 refused", "payment to [iban] refused"),
        ("call 06-12345678 back", "call [phone] back"),
        ("application 1234567 saved", "application 1234567 saved"),
    ],
)
def test_contact_details_in_a_message_are_replaced(message, shown):
    record = logging.LogRecord("x", logging.INFO, __file__, 1, message, None, None)
    assert f'"message": "{shown}"' in JsonFormatter().format(record)
