"""R3 (hung): Redis stopped with SIGSTOP while residents sign up, then resumed with SIGCONT.

A hung broker is worse than a refused one: the port still takes connections (the kernel
queues them) and nothing answers. The broker's socket timeouts (settings, "Celery") make the
publish after commit give up within seconds; the outbox row is already committed and the
sweep delivers it once Redis answers again. A publish that timed out on our side may still
reach Redis after SIGCONT (its bytes were in the socket buffer): the outbox row's lock and
status keep that from sending the mail twice.

Everything is real: gunicorn, a Celery worker with beat, Redis and an SMTP server.
"""

import time
from concurrent.futures import ThreadPoolExecutor

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

RESIDENTS = 4
# No request may wait on the hung broker longer than this (the broker timeouts are 3 s, with
# one retry; a loaded machine adds to it). Without the timeouts a request would hang forever.
LONGEST = 30


def test_sign_ups_while_redis_hangs_are_accepted_and_mailed_once_after_it_resumes(
    redis_server, smtp_sink, web_process, celery_worker_process, figure
):
    addresses = [f"hangend-{n}@example.org" for n in range(RESIDENTS)]
    redis_server.hang()

    def timed_sign_up(address: str) -> tuple[tuple[int, str], float]:
        start = time.monotonic()
        outcome = sign_up(web_process.url, address, timeout=LONGEST * 2)
        return outcome, time.monotonic() - start

    try:
        with ThreadPoolExecutor(max_workers=RESIDENTS) as pool:
            results = list(pool.map(timed_sign_up, addresses))
        time.sleep(2)
        sent_while_hung = len(smtp_sink.messages)
    finally:
        redis_server.resume()

    accepted = sum(outcome == (302, "/accounts/confirm-email/") for outcome, _ in results)
    slowest = max(seconds for _, seconds in results)
    delivered = wait_for(lambda: len(smtp_sink.messages) >= RESIDENTS, timeout=90)
    time.sleep(4)  # several more sweeps: none may send anything again
    received = [m.rcpt_tos[0] for m in smtp_sink.messages]
    lost = len(set(addresses) - set(received))
    duplicate = len(received) - len(set(received))
    print(
        f"redis hung: {accepted} of {RESIDENTS} sign-ups accepted, slowest {slowest:.1f}s; "
        f"{len(received)} mails after SIGCONT, {lost} lost, {duplicate} duplicate"
    )
    figure("R3", submissions=RESIDENTS, accepted=accepted, lost=lost, duplicate=duplicate)
    assert accepted == RESIDENTS, (results, web_process.log_text()[-3000:])
    assert slowest < LONGEST
    assert User.objects.filter(email__in=addresses).count() == RESIDENTS
    assert sent_while_hung == 0
    assert delivered, celery_worker_process.log_text()[-3000:]
    assert sorted(received) == sorted(addresses)
    assert (lost, duplicate) == (0, 0)
    rows = OutboxMessage.objects.filter(to__0__in=addresses)
    assert sorted(rows.values_list("status", flat=True)) == ["sent"] * RESIDENTS
