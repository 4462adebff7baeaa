"""R2, R3, R4: reminders reach the outside world exactly once, whatever breaks on the way.

Everything is real: Celery workers and beat processes on their own Redis, PostgreSQL, and an
SMTP server (the sink). The due items are interim evaluations 11 to 14 days away, so each
gives every initiator and both facilitators an "evaluation soon" reminder (the subject names
the date, so every mail differs in recipient or subject).

(a) REMINDERS due reminders, two beat processes sweeping at once, the worker killed with
    SIGKILL twice (KILLS) while it delivers, and restarted: 0 lost, 0 duplicate, counted at
    the SMTP server;
(b) Redis down during a sweep and a sign-up; everything follows once Redis is back;
(c) the SMTP server down for a while; everything follows once it is back.
"""

import email
import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from email.header import decode_header, make_header
from typing import NamedTuple

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import timezone

from budget.models import Evaluation
from burgerkracht.accounts.models import User
from burgerkracht.core.models import OutboxMessage, Reminder
from initiatives.models import Initiative, Initiator
from tests.factories import UserFactory, application_in
from tests.processes import ROOT, Service, free_port, service_env, sign_up, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

# Short intervals so that the test sees many sweeps; REQUEUE is what brings back a
# reminder whose task died with a killed worker.
FAST = {
    "REMINDER_SWEEP_SECONDS": "3",
    "REMINDER_REQUEUE_SECONDS": "12",
    "OUTBOX_SWEEP_SECONDS": "2",
}


class Received(NamedTuple):
    at: float
    to: list[str]
    message_id: str
    subject: str
    session: int  # one SMTP connection


class RecordingSink:
    """The outside world's SMTP server, which can be switched off and on (same port). It
    notes which connections ended with QUIT: our sender says QUIT only after its commit."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[Received] = []
        self.quit: set[int] = set()
        self._lock = threading.Lock()
        self._sessions = itertools.count()
        self._controller: Controller | None = None

    def _key(self, session) -> int:
        if not hasattr(session, "recording_key"):
            session.recording_key = next(self._sessions)
        return session.recording_key

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        subject = str(make_header(decode_header(message["Subject"])))
        with self._lock:
            self.received.append(
                Received(time.monotonic(), list(envelope.rcpt_tos), message["Message-ID"],
                         subject, self._key(session))
            )  # fmt: skip
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        with self._lock:
            self.quit.add(self._key(session))
        return "221 Bye"

    def start(self) -> None:
        self._controller = Controller(
            self, hostname="127.0.0.1", port=self.port, server_hostname="sink.localhost"
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def count(self) -> int:
        with self._lock:
            return len(self.received)

    def distinct(self) -> int:
        with self._lock:
            return len({r.message_id for r in self.received})


@pytest.fixture
def sink():
    sink = RecordingSink()
    sink.start()
    yield sink
    sink.stop()


def make_due_reminders(*, evaluations: int, co_initiators: int) -> int:
    """A running grant with `evaluations` interim evaluations 11 to 14 days away, each with
    its visit planned; returns the reminders due today ("evaluation soon", one per
    evaluation and person: the initiators and both facilitators)."""
    today, now = timezone.localdate(), timezone.now()
    application = application_in("granted")
    initiative = application.initiative
    visit_on = today + timedelta(days=10)
    application.evaluations.update(planned_on=today + timedelta(days=14), visit_on=visit_on)
    Evaluation.objects.bulk_create(
        Evaluation(application=application, planned_on=today + timedelta(days=14 - n),
                   visit_on=visit_on)
        for n in range(1, evaluations)
    )  # fmt: skip
    backup = UserFactory(role="resident")
    Initiator.objects.filter(initiative=initiative, is_backup=True).update(
        user=backup, email=backup.email, accepted_at=now
    )
    Initiative.objects.filter(pk=initiative.pk).update(
        backup_facilitator=UserFactory(role="facilitator")
    )
    users = User.objects.bulk_create(
        User(email=f"bewoner-{n}@example.org", full_name=f"Bewoner {n}", password="!")
        for n in range(co_initiators)
    )
    Initiator.objects.bulk_create(
        Initiator(initiative=initiative, user=user, email=user.email, role="co",
                  invited_at=now, accepted_at=now)
        for user in users
    )  # fmt: skip
    # The mails of applying and deciding are not what this test counts.
    OutboxMessage.objects.all().delete()
    return evaluations * (2 + co_initiators + 2)


def env(redis_server, sink, **extra) -> dict[str, str]:
    return {
        **service_env(redis_server, sink),
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        **FAST,
        **extra,
    }


# As burgerkracht.core.messaging.outbox.build_message makes the Message-ID.
DOMAIN = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")
CELERY = [sys.executable, "-m", "celery", "-A", "burgerkracht"]
QUIET = ["--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]


def start_worker(environment, *, with_beat: bool = False) -> Service:
    beat = ["--beat", "--schedule", "{workdir}/beat"] if with_beat else []
    return Service([*CELERY, "worker", "--concurrency", "2", *beat, *QUIET], environment)


def start_beat(environment) -> Service:
    return Service([*CELERY, "beat", "--schedule", "{workdir}/beat", "--loglevel", "INFO"],
                   environment)  # fmt: skip


def kill_9(service: Service) -> None:
    os.killpg(service.process.pid, signal.SIGKILL)
    service.process.wait(timeout=10)
    service.stop()  # only removes its directory now


class Tally:
    """What the database says should have gone out, against what the sink received."""

    def __init__(self, sink: RecordingSink) -> None:
        self.reminders = Counter(Reminder.objects.values_list("status", flat=True))
        rows = list(OutboxMessage.objects.values_list("to", "subject", "message_id", "status"))
        self.outbox = Counter((to[0], subject) for to, subject, _, _ in rows)
        self.outbox_status = Counter(status for *_, status in rows)
        self.ids = {f"<{mid}@{DOMAIN}>" for _, _, mid, _ in rows}
        self.received = Counter((r.to[0], r.subject) for r in sink.received)
        self.received_ids = Counter(r.message_id for r in sink.received)
        self.lost = sorted(self.ids - set(self.received_ids))
        self.duplicates = sorted(mid for mid, n in self.received_ids.items() if n > 1)
        self.strangers = sorted(set(self.received_ids) - self.ids)

    def line(self) -> str:
        return (
            f"{sum(self.reminders.values())} reminders {dict(self.reminders)}, "
            f"{sum(self.outbox.values())} outbox rows {dict(self.outbox_status)}, "
            f"{len(self.received_ids)} distinct mails received, {len(self.lost)} lost, "
            f"{len(self.duplicates)} duplicate"
        )


# --- (a) ---------------------------------------------------------------------------------


# targets.md R2 asks 10,000; the suite runs 1,000 (docs/reliability.md has the measured cost
# of each size). R2_REMINDERS=10000 runs the full size; R2_KILLS=40 kills the worker forty
# times instead of twice (the measurement in docs/reliability.md).
REMINDERS = int(os.environ.get("R2_REMINDERS", "1000"))
KILLS = int(os.environ.get("R2_KILLS", "2"))
EVALUATIONS = 4  # each evaluation gives one reminder to every initiator and both facilitators


def test_reminders_survive_kill_9s_with_two_beats(redis_server, sink, figure):
    expected = make_due_reminders(
        evaluations=EVALUATIONS, co_initiators=REMINDERS // EVALUATIONS - 4
    )
    scale = max(1, REMINDERS // 1000)
    patience = 60 * scale  # seconds for a stretch of the delivery
    # Every requeue hands all still-queued reminders over again; a backlog that takes longer
    # than that to drain would otherwise be queued many times over (docs/reliability.md).
    environment = env(redis_server, sink, REMINDER_REQUEUE_SECONDS=str(12 * scale))
    beats = [start_beat(environment), start_beat(environment)]
    worker = start_worker(environment)
    started, kills, at, logs = time.monotonic(), [], [], []
    try:
        for n in range(1, KILLS + 1):
            threshold = expected * n // (KILLS + 1)
            reached = wait_for(lambda t=threshold: sink.count() >= t, timeout=patience)
            assert reached, worker.log_text()[-3000:]
            kill_9(worker)
            kills.append(time.monotonic())
            at.append(sink.count())
            worker = start_worker(environment)
        # The last stretch waits longest: messages whose task died with a killed worker come
        # back through the sweeps, queued behind everything else (slow on a loaded machine).
        done = wait_for(lambda: sink.distinct() >= expected, timeout=2 * patience)
        time.sleep(4)  # more sweeps of both beats: none may send anything again
        logs = [s.log_text() for s in (worker, *beats)]
    finally:
        for service in (worker, *beats):
            service.stop()

    tally = Tally(sink)
    at_kill = [mid for mid in tally.duplicates if _cut_by_a_kill(sink, mid, kills)]
    unfinished = [r for r in sink.received if r.session not in sink.quit]
    print(
        f"kill -9 x{len(kills)} (at {at if len(at) <= 4 else '…'} received) with 2 beats: "
        f"{tally.line()} ({len(at_kill)} of them in a connection a kill cut); "
        f"{len(unfinished)} mails arrived in a connection a kill cut before QUIT; "
        f"{time.monotonic() - started:.1f}s"
    )
    figure(
        "R2",
        reminders=expected,
        kills=len(kills),
        beats=len(beats),
        lost=len(tally.lost),
        duplicate=len(tally.duplicates),
    )
    assert done, logs[0][-3000:]
    assert expected == REMINDERS
    assert len(kills) == KILLS
    assert tally.reminders == {"sent": expected}
    assert sum(tally.outbox.values()) == expected == len(tally.outbox)  # one row per reminder
    assert tally.outbox_status == {"sent": expected}
    assert tally.lost == []
    assert tally.strangers == []
    # Exactly once at the SMTP server too: "sent" is committed the moment the server has the
    # whole mail, before its reply (core.messaging.smtp), so a kill either rolls the attempt back
    # before the server had it or leaves it sent after.
    assert tally.duplicates == [], f"{len(at_kill)} of {len(tally.duplicates)} cut by a kill"
    assert tally.received == tally.outbox
    assert len(unfinished) <= 2 * len(kills)  # only connections cut by a kill lack a QUIT


def _cut_by_a_kill(sink: RecordingSink, message_id: str, kills: list[float]) -> bool:
    """The first copy's connection never said QUIT (sent only after the commit) and a kill
    followed it within two seconds: where a repeat would come from, if there were one."""
    first = min((r for r in sink.received if r.message_id == message_id), key=lambda r: r.at)
    return first.session not in sink.quit and any(0 <= k - first.at <= 2 for k in kills)


# --- (b) ---------------------------------------------------------------------------------


def test_redis_down_sweep_and_sign_up_still_work_and_everything_follows_once(
    redis_server, sink, web_process, figure
):
    expected = make_due_reminders(evaluations=2, co_initiators=8)
    environment = env(redis_server, sink)
    redis_server.stop()

    # A sweep as beat would run it, in a process of its own, while the broker is down.
    sweep = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
         "from burgerkracht.core.messaging.reminders import sweep; print(sweep().as_dict())"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    status, location = sign_up(web_process.url, "tijdens-storing@example.org")

    assert sweep.returncode == 0, sweep.stderr[-2000:]
    assert sweep.stdout.strip() == str({"created": expected, "requeued": 0, "enqueued": 0})
    assert "enqueue failed for core.send_reminders: OperationalError" in sweep.stderr
    assert (status, location) == (302, "/accounts/confirm-email/")
    assert Counter(Reminder.objects.values_list("status", flat=True)) == {"queued": expected}
    assert list(OutboxMessage.objects.values_list("status", flat=True)) == ["pending"]

    worker = start_worker(environment, with_beat=True)
    try:
        time.sleep(3)  # the worker and its beat wait for the broker
        assert sink.count() == 0
        redis_server.start()
        done = wait_for(lambda: sink.count() >= expected + 1, timeout=60)
        time.sleep(5)
        log = worker.log_text()
    finally:
        worker.stop()

    tally = Tally(sink)
    print(f"redis outage: {tally.line()}")
    figure(
        "R3",
        submissions=1,
        accepted=int((status, location) == (302, "/accounts/confirm-email/")),
        mails=expected + 1,
        lost=len(tally.lost),
        duplicate=len(tally.duplicates),
    )
    assert done, log[-3000:]
    assert tally.reminders == {"sent": expected}
    assert tally.outbox_status == {"sent": expected + 1}
    assert (tally.lost, tally.duplicates, tally.strangers) == ([], [], [])
    assert tally.received == tally.outbox
    assert tally.received[("tijdens-storing@example.org", _signup_subject())] == 1


def _signup_subject() -> str:
    return OutboxMessage.objects.get(to=["tijdens-storing@example.org"]).subject


# --- (c) ---------------------------------------------------------------------------------


def test_smtp_down_loses_nothing_and_doubles_nothing(redis_server, sink, figure):
    expected = make_due_reminders(evaluations=2, co_initiators=8)
    sink.stop()
    # Retry at every outbox sweep instead of after minutes: the outage here lasts seconds.
    worker = start_worker(env(redis_server, sink, OUTBOX_MAX_BACKOFF_MINUTES="0"), with_beat=True)
    try:
        tried = wait_for(
            lambda: (
                OutboxMessage.objects.filter(attempts__gte=2, status="pending").count() == expected
            ),
            timeout=60,
        )
        assert tried, worker.log_text()[-3000:]
        assert Counter(Reminder.objects.values_list("status", flat=True)) == {"sent": expected}
        sink.start()
        done = wait_for(lambda: sink.count() >= expected, timeout=60)
        time.sleep(5)
        log = worker.log_text()
    finally:
        worker.stop()

    tally = Tally(sink)
    print(f"smtp outage: {tally.line()}")
    figure("R4", mails=expected, lost=len(tally.lost), duplicate=len(tally.duplicates))
    assert done, log[-3000:]
    assert tally.outbox_status == {"sent": expected}
    assert (tally.lost, tally.duplicates, tally.strangers) == ([], [], [])
    assert tally.received == tally.outbox
