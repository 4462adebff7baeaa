"""The processes a benchmark needs: databases, gunicorn, a Celery worker, Django commands.

Every process gets the production settings (`burgerkracht.settings.base`) with loopback
overrides: plain HTTP (no TLS redirect, no secure cookies), a fresh encryption key, mail to
Django's dummy backend (SMTP is the outside world), logs at WARNING into var/bench/.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
PY = sys.executable
BIN = Path(PY).parent
SECRET_KEY = secrets.token_urlsafe(48)
ENCRYPTION_KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(db: str) -> str:
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + db


def env(db: str, **extra: str) -> dict[str, str]:
    values = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url(db),
        "DJANGO_SETTINGS_MODULE": "burgerkracht.settings.base",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "FIELD_ENCRYPTION_KEYS": ENCRYPTION_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DJANGO_SECURE_COOKIES": "False",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "SITE_URL": "http://127.0.0.1",
        "DJANGO_STATIC_ROOT": str(VAR / "static"),
        "DJANGO_MEDIA_ROOT": str(VAR / "media"),
        "OUTBOX_DELIVERY_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
        "CELERY_BROKER_URL": os.environ["REDIS_URL"],
    }
    values.update(extra)
    return values


def manage(db: str, *args: str, debug: bool = False, capture: bool = False) -> str:
    """Run `manage.py <args>` against database `db`; return its output when captured."""
    extra = {"DJANGO_DEBUG": "True"} if debug else {}
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env(db, **extra),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def python(db: str, module: str, *args: str, env_extra: dict | None = None) -> dict:
    """Run `python -m <module> <args>` against `db`; it prints one JSON object."""
    result = subprocess.run(
        [PY, "-m", module, *args],
        cwd=ROOT,
        env=env(db, **(env_extra or {})),
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _pg(tool: str, *args: str) -> None:
    command = [f"{os.environ['PG_BIN']}/{tool}", "-h", "127.0.0.1", "-p", os.environ["PG_PORT"]]
    command += ["-U", "postgres", *args]
    if os.getuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def vacuum(name: str) -> None:
    _pg("vacuumdb", "--analyze", "--quiet", name)


def create_database(name: str, template: str | None = None) -> None:
    _pg("dropdb", "--if-exists", name)
    _pg("createdb", *(["-T", template] if template else []), name)


class Service:
    """A long-running process (gunicorn, celery) with its log in var/bench/."""

    def __init__(self, name: str, command: list[str], db: str, ready_url: str | None = None):
        self.name, self.url = name, ready_url
        self.log = (VAR / f"{name}.log").open("w")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env(db),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if ready_url:
            self._wait(ready_url)

    def _wait(self, url: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped; see {self.log.name}")
            try:
                urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 — our loopback
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer {url} in {timeout} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def gunicorn(db: str, workers: int) -> tuple[Service, str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(BIN / "gunicorn"), "burgerkracht.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--backlog", "256", "--timeout", "60"]
    return Service(f"gunicorn-{db}", command, db, f"{base}/gezondheid/leeft/"), base


def worker(db: str, concurrency: int = 2) -> Service:
    command = [PY, "-m", "celery", "-A", "burgerkracht", "worker", "--loglevel", "WARNING"]
    command += ["--concurrency", str(concurrency), "--without-gossip", "--without-mingle"]
    return Service(f"worker-{db}", command, db)
