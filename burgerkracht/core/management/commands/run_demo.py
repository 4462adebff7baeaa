"""`make run`: migrate, seed the demo data once, then web, two workers and beat until Ctrl-C.

The Makefile starts this inside `tests/harness/services.sh --keep var/postgres`, which gives
it the PostgreSQL cluster under var/ and stops that cluster after this command has ended.
The demo-stack test (tests/journeys/test_demo_stack.py) starts this same command.

Processes, all in this command's process group, so Ctrl-C in the terminal reaches each:
  web        manage.py runserver on 127.0.0.1:<port>
  worker     Celery, queue "celery" (mail, reminders, sweeps)
  documents  Celery, queue "documents" (the PDFs a person waits for; settings.DOCUMENT_TASKS)
  beat       Celery beat
When one of them stops on its own, the others are stopped too and the command fails.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

# Seconds a process gets to finish its work after Ctrl-C (a Celery task, a request).
GRACE_SECONDS = 20


def processes(*, addr: str, port: int) -> dict[str, list[str]]:
    celery = [sys.executable, "-m", "celery", "-A", "burgerkracht"]
    quiet = ["--loglevel", "INFO", "--without-gossip", "--without-mingle"]
    return {
        "web": [sys.executable, "manage.py", "runserver", f"{addr}:{port}"],
        "worker": [*celery, "worker", "-Q", "celery", "-n", "default@%h", "--concurrency", "2",
                   *quiet],
        "documents": [*celery, "worker", "-Q", "documents", "-n", "documents@%h",
                      "--concurrency", "1", *quiet],
        "beat": [*celery, "beat", "--loglevel", "INFO"],
    }  # fmt: skip


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (/proc), so none is left behind when one must be killed."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class Command(BaseCommand):
    help = (
        "make run: migrate, seed the demo data once, then web, workers and beat until Ctrl-C "
        "(DEBUG only)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("run_demo only runs with DEBUG on: it seeds known passwords.")
        # The port comes from the environment (make run PORT=…), as settings/dev.py reads it
        # for SITE_URL; the worker's mail and the web server's pages then agree.
        port = int(os.environ.get("PORT", "8000"))
        Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=1)
        call_command("seed_demo", once=True)
        connections.close_all()
        self.stdout.write(
            self.style.SUCCESS(f"Portal: {settings.SITE_URL}/")
            + "  (Ctrl-C stops web, workers, beat and the database)"
        )
        self.stdout.flush()
        self.stopping = False
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGTERM, self._stop)
        running = {
            name: subprocess.Popen(argv, cwd=settings.BASE_DIR)  # noqa: S603 (our argv)
            for name, argv in processes(addr="127.0.0.1", port=port).items()
        }
        failed = self._watch(running)
        self._stop_all(running)
        if failed:
            raise CommandError(f"{failed} stopped on its own; the others were stopped too.")

    def _stop(self, signum, frame):
        self.stopping = True

    def _watch(self, running: dict[str, subprocess.Popen]) -> str:
        while not self.stopping:
            for name, process in running.items():
                if process.poll() is not None:
                    return name
            time.sleep(0.3)
        return ""

    def _stop_all(self, running: dict[str, subprocess.Popen]) -> None:
        """SIGTERM (Celery finishes its running task), then SIGKILL whatever is left."""
        for process in running.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for process in running.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        for process in running.values():
            if process.poll() is None:
                for pid in [*descendants(process.pid), process.pid]:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                process.wait()
