"""Issue 22: one database engine (PostgreSQL, also for make run), development connections that
do not pile up, links that follow the server's port, and documents on a queue of their own.

The whole stack, started as make run starts it, is tested in tests/journeys/test_demo_stack.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from burgerkracht.celery import app
from burgerkracht.core.management.commands.run_demo import processes
from burgerkracht.seeding.demo import core as demo

ROOT = Path(__file__).resolve().parents[2]

SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "d = s.DATABASES['default']; "
    "print(json.dumps({'engine': d['ENGINE'], 'options': d.get('OPTIONS', {}), "
    "'name': d['NAME'], 'age': d['CONN_MAX_AGE'], 'site': s.SITE_URL}))"
)


def django_in(settings_module: str, **environ: str) -> subprocess.CompletedProcess:
    """A fresh process with only this environment (as a new user's shell would have)."""
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": settings_module, **environ}
    return subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_development_settings_use_the_cluster_under_var_and_follow_the_port():
    shown = django_in("burgerkracht.settings.dev", PORT="8123")

    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == {
        "engine": "django.db.backends.postgresql",
        "options": {"host": str(ROOT / "var" / "postgres")},
        "name": "burgerkracht",
        "age": 0,  # runserver's threads do not keep connections (issue 22)
        "site": "http://localhost:8123",
    }


def test_production_settings_refuse_to_start_without_database_url():
    shown = django_in(
        "burgerkracht.settings.base",
        DJANGO_SECRET_KEY="x" * 50,
        FIELD_ENCRYPTION_KEYS="gDbPXyp1USw0WVanXe7pUalx_RPqwLV-GXECLSpLmoU=",
    )

    assert shown.returncode != 0
    assert "DATABASE_URL" in shown.stderr


def test_the_system_check_refuses_any_engine_but_postgresql():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "burgerkracht.settings.dev",
        "DATABASE_URL": "sqlite:////tmp/burgerkracht-never-made.sqlite3",
    }
    check = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert check.returncode != 0
    assert "burgerkracht.E003" in check.stderr


def test_nothing_mentions_sqlite_any_more():
    places = [
        *(ROOT / name for name in ("README.md", ".env.example", "Dockerfile", "Makefile")),
        ROOT / "docker-compose.yml",
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "burgerkracht" / "settings").glob("*.py"),
    ]
    assert [str(p.relative_to(ROOT)) for p in places if "sqlite" in p.read_text().lower()] == []


def test_documents_have_a_queue_of_their_own():
    from django.conf import settings

    route = app.amqp.router.route
    documents = {name: route({}, name)["queue"].name for name in settings.DOCUMENT_TASKS}
    others = {
        name: route({}, name)["queue"].name
        for name in ("core.send_reminders", "core.deliver_outbox_message", "core.sweep_reminders")
    }

    assert set(settings.DOCUMENT_TASKS) >= {
        "core.generate_annual_report",
        "budget.generate_letter",
        "advice.generate_answer_pdf",
        "meetlat.generate_decision_pdf",
    }
    assert set(documents.values()) == {"documents"}
    assert set(others.values()) == {"celery"}
    # Every document task exists under that name (a typo would route nothing).
    app.loader.import_default_modules()
    assert set(settings.DOCUMENT_TASKS) <= set(app.tasks)


def test_every_stack_runs_a_worker_for_documents_alone():
    """make run, docker compose and the entrypoint: a worker that reminder mail never keeps
    busy; a worker started without -Q (the integration tests') consumes both queues."""
    stack = processes(addr="127.0.0.1", port=8000)
    compose = (ROOT / "docker-compose.yml").read_text()
    entrypoint = (ROOT / "burgerkracht" / "bin" / "entrypoint.sh").read_text()

    assert stack["documents"][stack["documents"].index("-Q") + 1] == "documents"
    assert stack["worker"][stack["worker"].index("-Q") + 1] == "celery"
    assert 'command: ["documents"' in compose
    assert "worker --loglevel INFO -Q documents " in entrypoint
    assert {queue.name for queue in app.amqp.queues.values()} == {"celery", "documents"}


@pytest.mark.django_db
def test_seed_demo_once_seeds_a_database_once_and_then_keeps_what_people_changed(settings, capsys):
    from initiatives.models import Initiative

    settings.DEBUG = True
    call_command("seed_demo", once=True)
    first = capsys.readouterr().out
    initiative = Initiative.objects.order_by("pk").first()
    Initiative.objects.filter(pk=initiative.pk).update(title="Door een bewoner hernoemd")
    count = Initiative.objects.count()

    call_command("seed_demo", once=True)
    second = capsys.readouterr().out

    assert demo.was_seeded()
    assert Initiative.objects.count() == count  # the renamed one is not made again
    assert "Demo data from an earlier run kept" in second
    # The second run prints the same logins, TOTP secrets and recovery codes.
    assert (
        first.split("Logins (password for all):")[1]
        == second.split("Logins (password for all):")[1]
    )


def test_run_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("run_demo")
