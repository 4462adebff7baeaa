"""R6: every migration of our apps applies forwards and backwards; makemigrations is clean.

On a fresh database of its own (on the suite's PostgreSQL, unique name) one Django process
applies every migration, unapplies each of our apps back to zero (running every backwards
operation, data migrations included, and whatever third-party migrations depend on our
models), and applies everything again. The migrations are counted from disk, so a new
migration without a working reverse fails this test.

In `make test` the first forwards has already run: tests/harness/suite.sh migrated an empty
database once, in this run, as the template of the test databases (`migrate --verbosity 2`,
exit status 0, its output kept). Then this database is a copy of that one, the forwards
counted here are that migration's output, and the process starts at the backwards.
"""

import os
import re
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.processes import ROOT, database_url, pg_bin

pytestmark = [pytest.mark.integration, pytest.mark.reliability]

# Our apps' labels (INSTALLED_APPS), in dependency order: unapplied from the last.
OURS = ["core", "accounts", "meetlat", "initiatives", "budget", "advice"]

# The template of the test databases and its `migrate` output (tests/harness/suite.sh).
TEMPLATE = os.environ.get("BURGERKRACHT_TEST_TEMPLATE", "")
TEMPLATE_LOG = os.environ.get("BURGERKRACHT_TEST_TEMPLATE_LOG", "")

START = """
import django
django.setup()
from django.core.management import call_command
"""
FORWARDS = """
print("== forwards")
call_command("migrate", interactive=False, verbosity=2)
"""
SCRIPT = f"""
print("== backwards")
for label in {list(reversed(OURS))!r}:
    call_command("migrate", label, "zero", interactive=False, verbosity=2)
print("== forwards again")
call_command("migrate", interactive=False, verbosity=2)
print("== makemigrations")
try:
    call_command("makemigrations", check=True, dry_run=True, verbosity=1)
    print("makemigrations clean")
except SystemExit as exit:
    print(f"makemigrations exit {{exit.code}}")
"""


def ours_on_disk() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {key for key in loader.disk_migrations if key[0] in OURS}


def ran(output: str, verb: str) -> Counter:
    pattern = rf"^\s*{verb} (\w+)\.(\w+)\.\.\. OK"
    return Counter(m.groups() for m in re.finditer(pattern, output, re.MULTILINE))


@pytest.fixture
def fresh_database():
    s = connection.settings_dict
    name = f"r6_{uuid.uuid4().hex[:12]}"
    where = ["-h", s["HOST"], "-p", str(s["PORT"]), "-U", s["USER"]]
    copy = ["--template", TEMPLATE] if TEMPLATE else []
    subprocess.run([pg_bin() / "createdb", *where, *copy, name], check=True, timeout=60)
    yield name
    subprocess.run([pg_bin() / "dropdb", *where, "--force", name], check=False, timeout=60)


def test_every_migration_applies_forwards_and_backwards(fresh_database, figure):
    migrations = ours_on_disk()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "burgerkracht.settings.test",
        "DATABASE_URL": database_url(fresh_database),
    }

    if TEMPLATE:  # the forwards ran once in this run, into the template (module docstring)
        script, forwards_output = START + SCRIPT, "== forwards\n" + Path(TEMPLATE_LOG).read_text()
    else:
        script, forwards_output = START + FORWARDS + SCRIPT, ""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600,
    )  # fmt: skip

    output = forwards_output + done.stdout
    first, _, rest = output.partition("== backwards")
    down, _, rest = rest.partition("== forwards again")
    again, _, check = rest.partition("== makemigrations")
    forwards = {key for key in ran(first, "Applying") if key in migrations}
    backwards = ran(down, "Unapplying")
    forwards_again = {key for key in ran(again, "Applying") if key in migrations}
    print(
        f"R6 migrations: {len(migrations)} of our apps; {len(forwards)} forwards, "
        f"{sum(backwards[key] for key in migrations)} backwards, {len(forwards_again)} forwards "
        f"again; makemigrations: {check.strip().splitlines()[-1:] or '?'}"
    )
    figure(
        "R6",
        migrations=len(migrations),
        forwards=len(forwards_again),
        backwards=len({key for key in backwards if key in migrations}),
        makemigrations_clean=int("makemigrations clean" in check),
    )
    assert done.returncode == 0, (done.stderr[-4000:], output[-2000:])
    assert forwards == migrations
    assert {key for key in backwards if key in migrations} == migrations
    assert max(backwards.values()) == 1  # each one undone once, none twice
    assert forwards_again == migrations
    assert "makemigrations clean" in check, check
