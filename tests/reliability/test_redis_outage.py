"""R3 (refused): signing up while Redis is down works; the mail goes out once Redis is back,
exactly once.

Everything is real: gunicorn serving the portal, a Celery worker with beat, Redis, and an SMTP
server (the sink stands in for the outside world's mail server).
"""

import time

import pytest

from burgerkracht.accounts.models import User
from burgerkracht.core.models import OutboxMessage
from tests.processes import sign_up, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_sign_up_while_redis_is_down_mail_follows_once_redis_is_back(
    redis_server, smtp_sink, web_process, celery_worker_process, figure
):
    redis_server.stop()

    status, location = sign_up(web_process.url, "tijdens-storing@example.org")
    accepted = int((status, location) == (302, "/accounts/confirm-email/"))

    assert accepted, (status, location, web_process.log_text()[-2000:])
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
    received = [m.rcpt_tos for m in smtp_sink.messages]
    row = OutboxMessage.objects.get()
    figure(
        "R3",
        submissions=1,
        accepted=accepted,
        lost=int(not received),
        duplicate=max(0, len(received) - 1),
    )
    assert received == [["tijdens-storing@example.org"]]
    assert (row.status, row.attempts) == ("sent", 1)
    print("redis outage: 1 sign-up accepted, 1 mail delivered, 0 lost, 0 duplicate")
