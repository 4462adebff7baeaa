"""R7: PostgreSQL stopped and started again while residents and a facilitator write.

The database server here is a throwaway cluster of this test's own (the suite's shared one
serves the other xdist workers). gunicorn runs on it; three residents start initiatives (an
initiative, its lead initiator and an audit event in one transaction) and a facilitator sends
messages (the message, an outbox row for the lead and an audit event in one transaction), each
in a thread of its own, while the server is stopped (`pg_ctl stop -m fast`, which ends every
open transaction) and started again two seconds later.

Errors are allowed only for requests that overlap the outage; afterwards every request
succeeds on the same gunicorn workers (CONN_HEALTH_CHECKS replaces their dead connections).
Every acknowledged write is stored, and every write is all or nothing.
"""

import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from typing import NamedTuple

import pytest

from tests.processes import ROOT, Browser, PostgresCluster, service_env, start_web, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.reliability]

RESIDENTS = 3
OUTAGE = 2.0  # seconds between the stop and the start
GRACE = 1.0  # a request begun this long after the restart must succeed

SETUP = """
import json
from django.conf import settings
from django.test import Client
from django.utils import timezone
from burgerkracht.core.models import OutboxMessage
from initiatives import services
from initiatives.models import Initiative
from tests.factories import UserFactory

def session(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value

residents = [UserFactory(role="resident") for _ in range({residents})]
facilitator = UserFactory(role="facilitator")
initiative = services.start_initiative(
    by=residents[0], title="Buurttuin", summary="Samen een tuin.", theme="green"
)
Initiative.objects.filter(pk=initiative.pk).update(
    status="active", submitted_at=timezone.now(), facilitator=facilitator
)
OutboxMessage.objects.all().delete()
print(json.dumps({{"residents": [session(r) for r in residents],
                  "facilitator": session(facilitator), "initiative": initiative.pk,
                  "lead": residents[0].email}}))
"""

CHECK = """
import json
from django.db.models import Count, Q
from burgerkracht.core.models import AuditEvent, OutboxMessage
from initiatives.models import Initiative, Message

started = Initiative.objects.filter(title__startswith="R7 ").annotate(
    leads=Count("initiators", filter=Q(initiators__role="lead"), distinct=True)
)
audited = set(
    AuditEvent.objects.filter(action="initiative.started").values_list("subject_id", flat=True)
)
messages = Message.objects.filter(body__startswith="R7 ")
print(json.dumps({{
    "initiatives": sorted(started.values_list("title", flat=True)),
    "initiatives_incomplete": sum(
        1 for i in started if i.leads != 1 or str(i.pk) not in audited
    ),
    "messages": sorted(messages.values_list("body", flat=True)),
    "message_audits": AuditEvent.objects.filter(action="initiative.message_sent").count(),
    "message_mails": OutboxMessage.objects.filter(to=["{lead}"]).count(),
}}))
"""


class Request(NamedTuple):
    kind: str
    label: str
    start: float
    end: float
    ok: bool
    detail: str


def django(environment: dict[str, str], code: str, timeout: float = 180) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture
def cluster():
    cluster = PostgresCluster()
    cluster.init()
    yield cluster
    cluster.destroy()


def test_postgres_restarted_under_load_errors_only_in_the_outage_and_no_partial_write(
    cluster, redis_server, smtp_sink, figure
):
    cluster.create_database("burgerkracht")
    environment = {
        **service_env(redis_server, smtp_sink),
        "DATABASE_URL": cluster.url("burgerkracht"),
    }
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    people = json.loads(django(environment, SETUP.format(residents=RESIDENTS)))
    web = start_web(environment)
    requests: list[Request] = []
    stop = threading.Event()

    def resident(n: int) -> None:
        browser = Browser(web.url, session=people["residents"][n])
        for i in range(10_000):
            if stop.is_set():
                return
            title = f"R7 bewoner {n}-{i}"
            fields = {"title": title, "summary": "Tijdens de herstart.", "theme": "meeting"}
            requests.append(attempt(browser, "resident", title, "/initiatieven/nieuw/", fields))

    def facilitator() -> None:
        browser = Browser(web.url, session=people["facilitator"])
        path = f"/mijn/initiatieven/{people['initiative']}/berichten/"
        for i in range(10_000):
            if stop.is_set():
                return
            body = f"R7 bericht-{i}"
            requests.append(attempt(browser, "facilitator", body, path, {"body": body}))

    threads = [threading.Thread(target=resident, args=(n,)) for n in range(RESIDENTS)]
    threads.append(threading.Thread(target=facilitator))
    try:
        warm_up(web.url)
        for thread in threads:
            thread.start()
        # Load first, by count rather than by clock: this machine may be slow today.
        assert wait_for(lambda: every_thread_did(requests, 2, since=0), timeout=120)
        down = time.monotonic()
        cluster.stop("fast")
        time.sleep(OUTAGE)
        cluster.start()
        up = time.monotonic()
        wait_for(lambda: every_thread_did(requests, 3, since=up + GRACE), timeout=120)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        web_log = web.log_text()
        web.stop()
    stored = json.loads(django(environment, CHECK.format(lead=people["lead"])))
    in_outage = [r for r in requests if r.end >= down and r.start <= up + GRACE]
    outside = [r for r in requests if r not in in_outage]
    errors_outside = [r for r in outside if not r.ok]
    after = [r for r in requests if r.start > up + GRACE]
    acknowledged = {r.label for r in requests if r.ok}
    lost = sorted(acknowledged - set(stored["initiatives"]) - set(stored["messages"]))
    messages = len(stored["messages"])
    partial = stored["initiatives_incomplete"] + abs(stored["message_audits"] - messages)
    partial += abs(stored["message_mails"] - messages)
    print(
        f"R7 postgres restart: {len(requests)} requests, {sum(not r.ok for r in in_outage)} "
        f"errors in the {up - down:.1f}s outage, {len(errors_outside)} outside it; "
        f"{len(stored['initiatives'])} initiatives and {messages} messages stored, "
        f"{len(lost)} acknowledged but lost, {partial} partial writes"
    )
    figure(
        "R7",
        requests=len(requests),
        errors_in_outage=sum(not r.ok for r in in_outage),
        errors_outside_outage=len(errors_outside),
        lost=len(lost),
        partial_writes=partial,
    )
    assert errors_outside == [], (errors_outside[:5], web_log[-3000:])
    assert {r.kind for r in after if r.ok} == {"resident", "facilitator"}
    assert all(r.ok for r in after)
    assert lost == []
    assert partial == 0, stored
    assert sum(not r.ok for r in in_outage) > 0  # the outage really met the load


def every_thread_did(requests: list[Request], count: int, *, since: float) -> bool:
    """Each thread (resident n, the facilitator) finished `count` requests begun after `since`."""
    done = Counter(r.label.rsplit("-", 1)[0] for r in requests if r.start > since)
    return len(done) == RESIDENTS + 1 and min(done.values()) >= count


def warm_up(url: str) -> None:
    """Both gunicorn workers import and compile on their first requests: not under the clock."""
    for _ in range(4):
        urllib.request.urlopen(f"{url}/", timeout=60).read()  # noqa: S310 (our web process)


def attempt(browser: Browser, kind: str, label: str, path: str, fields: dict) -> Request:
    """One form: fetch it (CSRF token), post it; a redirect is success."""
    start = time.monotonic()
    try:
        status, _location = browser.post(path, fields, timeout=30)
        ok, detail = status == 302, str(status)
    except (urllib.error.URLError, OSError, AttributeError) as exc:
        # AttributeError: the form page was an error page without a CSRF token.
        ok, detail = False, re.sub(r"\s+", " ", repr(exc))[:200]
    end = time.monotonic()
    if not ok:
        time.sleep(0.1)  # as a person would, before trying again
    return Request(kind, label, start, end, ok, detail)
