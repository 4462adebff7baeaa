"""Integration fixtures: a Redis of our own, an SMTP sink, and a real Celery worker.

The Redis server is started per test on a free loopback port (not the suite's shared one),
so a test can stop and restart it without touching other tests.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, *, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class RedisServer:
    def __init__(self, directory: str) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.directory,
            ],
            stdout=subprocess.DEVNULL,
        )
        assert wait_for(self._accepts, timeout=10)

    def _accepts(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        assert not self._accepts()


class Sink:
    """The outside world's SMTP server: it keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def redis_server():
    directory = tempfile.mkdtemp(prefix="burgerkracht-redis-")
    server = RedisServer(directory)
    server.start()
    yield server
    server.stop() if server.process and server.process.poll() is None else None
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def service_env(redis_server, smtp_sink) -> dict[str, str]:
    """The environment of a real web or worker process for the current test database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "burgerkracht.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": redis_server.url,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        "OUTBOX_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
        "OUTBOX_SWEEP_SECONDS": "1",
    }


class Service:
    """A process of ours (web server or worker) with its log in a temporary directory."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="burgerkracht-service-"))
        self.log = self.workdir / "service.log"
        argv = [a.replace("{workdir}", str(self.workdir)) for a in argv]
        self.process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)


@pytest.fixture
def celery_worker_process(transactional_db, redis_server, smtp_sink):
    """A real worker with embedded beat, on our Redis, delivering to the SMTP sink."""
    worker = Service(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "burgerkracht",
            "worker",
            "--beat",
            "--schedule",
            "{workdir}/beat",
            "--concurrency",
            "2",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        service_env(redis_server, smtp_sink),
    )
    yield worker
    worker.stop()


@pytest.fixture
def web_process(transactional_db, redis_server, smtp_sink):
    """The portal under gunicorn, as in production, on a free loopback port."""
    port = free_port()
    web = Service(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "burgerkracht.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
        ],
        service_env(redis_server, smtp_sink),
    )
    web.url = f"http://127.0.0.1:{port}"

    def _up() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    assert wait_for(_up, timeout=30), web.log_text()
    yield web
    web.stop()
