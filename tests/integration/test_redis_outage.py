"""Signing up while Redis is down works; the mail goes out once Redis is back, exactly once."""

import time

import pytest
from django.urls import reverse

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


def test_sign_up_while_redis_is_down_mail_follows_once_redis_is_back(
    client, redis_server, smtp_sink, celery_worker_process, celery_app_on, caplog
):
    redis_server.stop()

    response = client.post(
        reverse("account_signup"),
        {
            "email": "tijdens-storing@example.org",
            "password1": "een-heel-goed-wachtwoord",
            "password2": "een-heel-goed-wachtwoord",
        },
    )

    assert response.status_code == 302
    assert User.objects.filter(email="tijdens-storing@example.org").exists()
    assert OutboxMessage.objects.get().status == "pending"
    assert [r.getMessage() for r in caplog.records if "enqueue failed" in r.getMessage()] == [
        "enqueue failed for core.deliver_outbox_message: OperationalError"
    ]
    time.sleep(2)
    assert smtp_sink.messages == []

    redis_server.start()

    delivered = wait_for(lambda: len(smtp_sink.messages) >= 1, timeout=90)
    assert delivered, celery_worker_process.log.read_text()[-3000:]
    time.sleep(4)  # several more sweeps: none may send it again
    assert [m.rcpt_tos for m in smtp_sink.messages] == [["tijdens-storing@example.org"]]
    row = OutboxMessage.objects.get()
    assert (row.status, row.attempts) == ("sent", 1)
    print("redis outage: 1 sign-up accepted, 1 mail delivered, 0 lost, 0 duplicate")
