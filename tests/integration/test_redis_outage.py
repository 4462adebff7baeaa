"""Signing up while Redis is down works; the mail goes out once Redis is back, exactly once.

Everything is real: gunicorn serving the portal, a Celery worker with beat, Redis, and an SMTP
server (the sink stands in for the outside world's mail server).
"""

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request

import pytest

from burgerkracht.accounts.models import User
from burgerkracht.core.models import OutboxMessage
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    from django.contrib.auth.models import Group

    from burgerkracht.accounts.roles import Role

    for role in Role.values:
        Group.objects.get_or_create(name=role)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_up(base_url: str, email: str) -> tuple[int, str]:
    """A resident's browser: fetch the form (CSRF cookie and token), then post it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form = opener.open(f"{base_url}/accounts/signup/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "email": email,
            "password1": "een-heel-goed-wachtwoord",
            "password2": "een-heel-goed-wachtwoord",
        }
    ).encode()
    try:
        response = opener.open(f"{base_url}/accounts/signup/", data=data, timeout=30)
        return response.status, ""
    except urllib.error.HTTPError as redirect:  # 302 is raised without a redirect handler
        return redirect.code, redirect.headers.get("Location", "")


def test_sign_up_while_redis_is_down_mail_follows_once_redis_is_back(
    redis_server, smtp_sink, web_process, celery_worker_process
):
    redis_server.stop()

    status, location = sign_up(web_process.url, "tijdens-storing@example.org")

    assert (status, location) == (302, "/accounts/confirm-email/"), web_process.log_text()[-2000:]
    assert User.objects.filter(email="tijdens-storing@example.org").exists()
    assert OutboxMessage.objects.get().status == "pending"
    assert "enqueue failed for core.deliver_outbox_message: OperationalError" in (
        web_process.log_text()
    )
    time.sleep(2)
    assert smtp_sink.messages == []

    redis_server.start()

    delivered = wait_for(lambda: len(smtp_sink.messages) >= 1, timeout=90)
    assert delivered, celery_worker_process.log_text()[-3000:]
    time.sleep(4)  # several more sweeps: none may send it again
    assert [m.rcpt_tos for m in smtp_sink.messages] == [["tijdens-storing@example.org"]]
    row = OutboxMessage.objects.get()
    assert (row.status, row.attempts) == ("sent", 1)
    print("redis outage: 1 sign-up accepted, 1 mail delivered, 0 lost, 0 duplicate")
