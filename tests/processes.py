"""Real processes for the integration and reliability tests: a Redis of our own, an SMTP
sink, our web server and Celery worker, a resident's browser against them.

The Redis server is started per test on a free loopback port (not the suite's shared one),
so a test can stop, hang and restart it without touching other tests.

A plain module, not a conftest: tests/integration/conftest.py and
tests/reliability/conftest.py both import the fixtures from here.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]


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


def accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


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

    def hang(self) -> None:
        """SIGSTOP: the port still accepts connections (the kernel's backlog) but nothing
        answers, as with a Redis stuck on a slow disk or swapped out."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)
        assert wait_for(self._accepts, timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a stopped process cannot act on TERM
            self.process.terminate()
            self.process.wait(timeout=10)
        assert not self._accepts()


def pg_bin() -> Path:
    """PostgreSQL's server binaries (services.sh exports PG_BIN); the client tools there match
    the server's version, unlike whatever pg_dump is first on PATH."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        pytest.skip("PostgreSQL server binaries not found (run under tests/harness/services.sh)")
    return found[-1]


def as_postgres(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: there, its programs run as the `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.getuid() == 0 else argv


class PostgresCluster:
    """A throwaway PostgreSQL cluster of its own, for a test that stops and restarts it (the
    suite's shared server serves the other xdist workers and must stay up)."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="burgerkracht-pg-"))
        self.directory.chmod(0o755)
        self.data = self.directory / "data"
        self.port = free_port()
        self.bin = pg_bin()

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, program: str, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            as_postgres([str(self.bin / program), *args]),
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def _ctl(self, action: str, *args: str) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-w", *args, action)

    def init(self) -> None:
        self.data.mkdir()
        if os.getuid() == 0:
            shutil.chown(self.data, "postgres")
            shutil.chown(self.directory, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")  # fmt: skip
        self.start()

    def create_database(self, name: str) -> None:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def stop(self, mode: str = "fast") -> None:
        self._ctl("stop", "-m", mode)

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} "
            f"-c unix_socket_directories={self.directory} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._ctl("start", "-l", str(self.directory / "server.log"), "-o", options)

    def log_text(self) -> str:
        log = self.directory / "server.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def destroy(self) -> None:
        subprocess.run(
            as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                         "stop"]),
            capture_output=True,
            timeout=60,
        )  # fmt: skip
        shutil.rmtree(self.directory, ignore_errors=True)


class Sink:
    """The outside world's SMTP server: it keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def database_url(name: str | None = None) -> str:
    """The current test database (or another database on the same server)."""
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{name or s['NAME']}"


def service_env(redis_server, smtp_sink) -> dict[str, str]:
    """The environment of a real web or worker process for the current test database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "burgerkracht.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": redis_server.url,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        "OUTBOX_DELIVERY_BACKEND": "burgerkracht.core.messaging.smtp.HandoverEmailBackend",
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


def start_web(env: dict[str, str], *, workers: int = 2) -> Service:
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
            str(workers),
            "--access-logfile",
            "-",
        ],
        env,
    )
    web.url = f"http://127.0.0.1:{port}"
    if not wait_for(lambda: accepts_connections(port), timeout=30):
        web.stop()
        pytest.fail(f"gunicorn did not start:\n{web.log_text()}")
    return web


def seed_reference_data() -> None:
    """What the data migrations made and a transactional test's flush removes: the role
    groups, the Meetlat, the budget line types and the advice reference data."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from burgerkracht.accounts.roles import Role
    from burgerkracht.meetlat import canonical
    from burgerkracht.meetlat.models import MeetlatVersion, Principle

    for role in Role.values:
        Group.objects.get_or_create(name=role)
    version, created = MeetlatVersion.objects.get_or_create(
        number=1,
        defaults={"title": canonical.TITLE, "subtitle": canonical.SUBTITLE,
                  "published_at": timezone.now()},
    )  # fmt: skip
    if created:
        for number, heading, explanation in canonical.PRINCIPLES:
            Principle.objects.create(
                version=version, number=number, heading=heading, explanation=explanation
            )
    # The budget line types and the advisory bodies, themes and factsheet: their data
    # migrations use get_or_create, so running them again restores exactly what was there.
    from importlib import import_module

    from django.apps import apps

    import_module("budget.migrations.0002_line_types").create(apps, None)
    import_module("advice.migrations.0002_reference_data").forwards(apps, None)
    from budget.services.letter_texts import ensure_default_letter_texts

    ensure_default_letter_texts()  # the letters' wording, version 1 (issue #26)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_up(base_url: str, email: str, *, timeout: float = 30) -> tuple[int, str]:
    """A resident's browser: fetch the form (CSRF cookie and token), then post it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form = opener.open(f"{base_url}/accounts/signup/", timeout=timeout).read().decode()
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
        response = opener.open(f"{base_url}/accounts/signup/", data=data, timeout=timeout)
        return response.status, ""
    except urllib.error.HTTPError as redirect:  # 302 is raised without a redirect handler
        return redirect.code, redirect.headers.get("Location", "")


class Browser:
    """A signed-in user's browser against the web process: their session cookie, CSRF tokens."""

    def __init__(self, base_url: str, user=None, *, session: str = "") -> None:
        """Signed in as `user` through the test database, or with the key of a `session`
        made elsewhere (a web process on a database of its own)."""
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        self.session = session

    def _open(self, path: str, data: bytes | None = None, timeout: float = 30):
        cookies = {c.name: c.value for c in self.jar}
        cookies[settings.SESSION_COOKIE_NAME] = self.session
        header = "; ".join(f"{name}={value}" for name, value in cookies.items())
        request = urllib.request.Request(  # noqa: S310 (our own web process, over http)
            self.base_url + path, data=data, headers={"Cookie": header}
        )
        response = self.opener.open(request, timeout=timeout)
        for cookie in self.jar.make_cookies(response, request):
            self.jar.set_cookie(cookie)
        return response

    def post(self, path: str, fields: dict, *, timeout: float = 30) -> tuple[int, str]:
        page = self._open(path, timeout=timeout).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        try:
            return self._open(path, data, timeout).status, ""
        except urllib.error.HTTPError as redirect:  # a 302 is raised without a handler
            return redirect.code, redirect.headers.get("Location", "")


# --- fixtures (imported by the conftests) --------------------------------------------------


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests truncate what the data migrations made: the roles, the Meetlat."""
    seed_reference_data()


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
    web = start_web(service_env(redis_server, smtp_sink))
    yield web
    web.stop()
