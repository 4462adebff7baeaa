"""`make run` as a new user meets it: the stack started the way the Makefile starts it, every
demo account of the README logging in through the real login form, every page its menu and
dashboard link to opened. Issue 22: after login every page was a server error on SQLite.

The stack is `manage.py run_demo` with the same settings module (burgerkracht.settings.dev),
the same engine (a database of its own on the PostgreSQL of make test), its own var/ (the
filesystem broker, beat's schedule, media) and the demo data it seeds itself. It is stopped
as Ctrl-C stops it: SIGINT to its whole process group.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.processes import accepts_connections, free_port, wait_for

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Burgerkracht-demo-2026"
# migrate and seed_demo on an empty database, on a loaded machine
START_TIMEOUT = 600


def readme_accounts() -> list[str]:
    """The e-mail addresses of the README's "Demo logins" table."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    rows = "\n".join(line for line in section.splitlines() if line.startswith("| "))
    return re.findall(r"[\w.+-]+@example\.org", rows)


def totp_secrets(log: str) -> dict[str, str]:
    """What make run prints for each staff login: the TOTP secret under its e-mail."""
    return dict(re.findall(r"^\s+([\w.+-]+@example\.org)\s.*\n\s+TOTP secret: (\w+)", log, re.M))


class Links(HTMLParser):
    """The links of the main menu (<nav class="portal-nav">) and of the page (<main>)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # > 0 inside the menu or main
        self.stack: list[bool] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("nav", "main"):
            inside = tag == "main" or "portal-nav" in (attrs.get("class") or "")
            self.stack.append(inside)
            self.depth += inside
        if tag == "a" and self.depth and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("nav", "main") and self.stack:
            self.depth -= self.stack.pop()


class Visitor:
    """One person's browser over real HTTP: cookies, CSRF tokens, redirects followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, url: str, fields: dict | None = None) -> tuple[int, str, str]:
        """(status, final URL, body)"""
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        try:
            with self.opener.open(urllib.parse.urljoin(self.base, url), data, timeout=60) as r:
                return r.status, r.geturl(), r.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode(errors="replace")

    def post_form(self, url: str, fields: dict) -> tuple[int, str, str]:
        """Fetch the page with the form, then post it with its CSRF token."""
        status, final, page = self.open(url)
        assert status == 200, (url, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.open(final, {"csrfmiddlewaretoken": token, **fields})


def log_in(visitor: Visitor, email: str, secret: str | None) -> str:
    status, final, page = visitor.post_form(
        "/accounts/login/", {"login": email, "password": PASSWORD}
    )
    if "/2fa/authenticate/" in final:
        assert secret, f"{email} asks for a code but make run printed no TOTP secret"
        for _attempt in range(2):  # the code may have turned over between reading and posting
            code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
            status, final, page = visitor.post_form(final, {"code": code})
            if "/2fa/" not in final:
                break
    assert status == 200 and urllib.parse.urlsplit(final).path == "/mijn/", (email, status, final)
    return page


def walk(base: str, email: str, secret: str | None) -> tuple[list[str], int, str]:
    """Log in, open every link of the menu and the dashboard: (failures, pages, agenda)."""
    visitor = Visitor(base)
    dashboard = log_in(visitor, email, secret)
    parser = Links()
    parser.feed(dashboard)
    urls = set()
    for href in parser.hrefs:
        url = urllib.parse.urljoin(base + "/mijn/", href).split("#")[0]
        if url.startswith(base + "/") and "/logout/" not in url:
            urls.add(url)
    failures = []
    for url in sorted(urls):
        status, _final, _page = visitor.open(url)
        if status >= 500:
            failures.append(f"{email} {url} {status}")
    _status, _final, agenda = visitor.open("/agenda/")
    return failures, len(urls), agenda


def session_processes(sid: int) -> list[str]:
    """The processes still alive in the stack's session (make run's terminal, in effect)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == sid:
                    alive.append((entry / "cmdline").read_text().replace("\0", " "))
            except (ProcessLookupError, PermissionError, FileNotFoundError):
                pass
    return alive


@pytest.fixture
def stack_database():
    """A database of its own on the PostgreSQL of make test, dropped afterwards."""
    server = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = f"demo_stack_{uuid.uuid4().hex[:12]}"
    admin = server._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    yield server._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def stack(stack_database):
    """`manage.py run_demo` as make run starts it, in a session of its own like a terminal."""
    port = free_port()
    var = tempfile.TemporaryDirectory(prefix="burgerkracht-demo-var-")
    log = Path(var.name) / "stack.log"
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "burgerkracht.settings.dev",
        "DATABASE_URL": stack_database,
        "DJANGO_VAR_DIR": var.name,
        "PORT": str(port),
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_demo"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log = log
    process.port = port
    try:
        started = wait_for(
            lambda: (
                process.poll() is None
                and "Portal:" in log.read_text(errors="replace")
                and accepts_connections(port)
            ),
            timeout=START_TIMEOUT,
            interval=1,
        )
        assert started, log.read_text(errors="replace")[-5000:]
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        var.cleanup()


def test_every_demo_account_logs_in_and_every_page_of_its_menu_opens(stack):
    base = f"http://127.0.0.1:{stack.port}"
    accounts = readme_accounts()
    secrets = totp_secrets(stack.log.read_text(errors="replace"))

    with ThreadPoolExecutor(max_workers=4) as pool:
        walks = dict(
            zip(accounts, pool.map(lambda e: walk(base, e, secrets.get(e)), accounts), strict=True)
        )

    failures = [failure for found, _pages, _agenda in walks.values() for failure in found]
    assert len(accounts) == 13
    assert failures == [], "\n".join(failures)
    assert min(pages for _found, pages, _agenda in walks.values()) >= 5
    # Staff log in with a code; the others straight away (all thirteen reached /mijn/).
    assert set(secrets) <= set(accounts) and len(secrets) == 8
    # Links in the agenda and in mail point at this server, as a browser on this machine
    # reaches it (SITE_URL follows PORT), not at localhost:8000.
    site = f"http://localhost:{stack.port}/"
    assert f'value="{site}agenda/' in walks["bewoner@example.org"][2]
    assert wait_for(lambda: f"{site}initiatieven/uitnodiging/" in stack.log.read_text(), timeout=60)
    other = set(re.findall(r"https?://localhost:(\d+)/", stack.log.read_text())) - {str(stack.port)}
    assert other == set()

    # Ctrl-C: SIGINT to the terminal's process group stops web, workers and beat.
    os.killpg(stack.pid, signal.SIGINT)
    stack.wait(timeout=90)
    assert wait_for(lambda: session_processes(stack.pid) == [], timeout=30), session_processes(
        stack.pid
    )
