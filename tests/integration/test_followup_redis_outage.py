"""Redis down: residents still write their view of an evaluation and send in their
accountability through the real web server; the e-mails those cause go out once Redis is
back, exactly once.

Everything is real: gunicorn, a Celery worker with beat, Redis and an SMTP server.
"""

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from budget.models import Accountability, Evaluation
from burgerkracht.core.models import OutboxMessage
from tests.factories import UserFactory, application_in, fill_accountability, open_line
from tests.integration.conftest import wait_for
from tests.integration.test_redis_outage import NoRedirect
from tests.integration.test_reminders_delivery import _reference_data  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


class Browser:
    """A resident's browser against the web process: their session cookie, CSRF tokens."""

    def __init__(self, base_url: str, user) -> None:
        client = Client()
        client.force_login(user)
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        self.session = client.cookies[settings.SESSION_COOKIE_NAME].value

    def _open(self, path: str, data: bytes | None = None):
        cookies = {c.name: c.value for c in self.jar}
        cookies[settings.SESSION_COOKIE_NAME] = self.session
        header = "; ".join(f"{name}={value}" for name, value in cookies.items())
        request = urllib.request.Request(  # noqa: S310 (our own web process, over http)
            self.base_url + path, data=data, headers={"Cookie": header}
        )
        response = self.opener.open(request, timeout=30)
        for cookie in self.jar.make_cookies(response, request):
            self.jar.set_cookie(cookie)
        return response

    def post(self, path: str, fields: dict) -> tuple[int, str]:
        page = self._open(path).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        try:
            return self._open(path, data).status, ""
        except urllib.error.HTTPError as redirect:  # a 302 is raised without a handler
            return redirect.code, redirect.headers.get("Location", "")


def test_residents_submit_while_redis_is_down_and_the_mail_follows_once(
    redis_server, smtp_sink, web_process, celery_worker_process
):
    line, _holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    application = application_in("granted", line=line, facilitator=facilitator)
    lead = application.initiative.created_by
    evaluation = application.evaluations.get()
    accountability = fill_accountability(application.accountability, lead, submit=False)
    assert wait_for(lambda: not OutboxMessage.objects.filter(status="pending").exists(),
                    timeout=60)  # fmt: skip
    before = len(smtp_sink.messages)
    redis_server.stop()

    browser = Browser(web_process.url, lead)
    view = browser.post(
        reverse("budget:resident-view", args=[evaluation.pk]),
        {"resident_view": "Het gaat goed, ook tijdens de storing."},
    )
    sent_in = browser.post(reverse("budget:accountability-submit", args=[accountability.pk]), {})

    log = web_process.log_text()[-2000:]
    assert view == (302, evaluation.get_absolute_url()), log
    assert sent_in == (302, accountability.get_absolute_url()), log
    assert Evaluation.objects.get(pk=evaluation.pk).resident_view.endswith("storing.")
    assert Accountability.objects.get(pk=accountability.pk).status == "submitted"
    pending = list(OutboxMessage.objects.filter(status="pending").values_list("to", flat=True))
    assert pending == [[facilitator.email]]  # the facilitator hears of the accountability

    time.sleep(2)
    assert len(smtp_sink.messages) == before  # nothing goes out while Redis is down
    redis_server.start()
    assert wait_for(lambda: len(smtp_sink.messages) >= before + 1, timeout=60)
    time.sleep(3)  # a second delivery, if there were one, would have come by now
    assert len(smtp_sink.messages) == before + 1
    assert smtp_sink.messages[-1].rcpt_tos == [facilitator.email]
    assert not OutboxMessage.objects.exclude(status="sent").exists()
