"""Services queue a task by its Celery name (core.queueing), so a misspelt name is no longer
an import error: every name the code hands to `enqueue` is a registered task."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from burgerkracht.core.queueing import task_named

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("burgerkracht", "initiatives", "budget", "advice")


def enqueued_names() -> dict[str, str]:
    """Every literal task name passed to enqueue(...) in the apps: name -> where."""
    found = {}
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", "")) == "enqueue"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    found[node.args[0].value] = str(path.relative_to(ROOT))
    return found


def test_every_name_handed_to_enqueue_is_a_registered_task():
    names = enqueued_names()

    assert set(names) >= {
        "core.deliver_outbox_message", "core.send_reminders", "core.generate_annual_report",
        "budget.generate_letter", "advice.generate_answer_pdf", "meetlat.generate_decision_pdf",
    }  # fmt: skip
    for name in names:
        assert task_named(name).name == name, names[name]


def test_an_unknown_name_is_an_error_not_a_broker_outage():
    with pytest.raises(KeyError):
        task_named("budget.no_such_task")
