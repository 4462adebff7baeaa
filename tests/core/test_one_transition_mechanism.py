"""One way to change a status (issue #28): every service goes through
`burgerkracht.core.transitions.transition()`. This scan of the apps' source refuses
``x.status = …``, ``setattr(x, "status", …)`` and ``.update(status=…)`` anywhere else, and
`transition()` itself is tested: lock, table, stamps, audit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

from advice.enums import REQUEST_TRANSITIONS, RequestStatus
from advice.models import AdviceRequest
from burgerkracht.core.exceptions import InvalidTransition
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.transitions import transition
from tests.advice.factories import advice_request

ROOT = Path(settings.BASE_DIR)
APPS = ("advice", "budget", "initiatives", "burgerkracht")

# Not workflow states of the domain, so not through transition(), each with its reason.
ALLOWED = {
    "burgerkracht/core/transitions.py": "the one mechanism itself",
    "burgerkracht/core/services.py": "the outbox's delivery bookkeeping (pending/sent/failed "
    "per attempt), not a decision; written by the worker, never audited per attempt",
    "burgerkracht/core/messaging/reminders.py": "the reminder's delivery bookkeeping (queued/sent/"
    "skipped), as the outbox",
    "burgerkracht/seeding/scale/advice.py": "seeding for the scale benchmarks: bulk rows, not a "
    "workflow step",
    "burgerkracht/seeding/scale/budget_followup.py": "seeding for the scale benchmarks: bulk "
    "rows, not a step",
}


def _writes_status(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for element in ast.walk(target):
                if isinstance(element, ast.Attribute) and element.attr == "status":
                    lines.append(node.lineno)
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "update" and any(k.arg == "status" for k in node.keywords):
                lines.append(node.lineno)
            if (
                name == "setattr"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value == "status"
            ):
                lines.append(node.lineno)
    return sorted(set(lines))


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative in ALLOWED:
                continue
            yield relative, path


def test_no_status_is_written_outside_transition():
    offenders = [
        f"{relative}:{line}"
        for relative, path in _sources()
        for line in _writes_status(ast.parse(path.read_text(), filename=relative))
    ]
    assert offenders == [], "write the status through burgerkracht.core.transitions.transition"


@pytest.mark.parametrize(
    "source",
    [
        "obj.status = 'x'",
        "a.status, a.done = 'x', 1",
        "Model.objects.filter(pk=1).update(status='x')",
        "setattr(obj, 'status', 'x')",
    ],
)
def test_the_scan_finds_each_way_of_writing_a_status(source):
    assert _writes_status(ast.parse(source)) == [1]


def test_the_one_mechanism_is_used_by_every_app():
    """The services of every app with a workflow call transition()."""
    users = [rel for rel, path in _sources() if "transition(" in path.read_text()]
    assert {rel.split("/")[0] for rel in users} >= {"advice", "budget", "initiatives"}
    assert "burgerkracht/meetlat/services.py" in users


def test_the_allowed_files_exist():
    assert all((ROOT / name).exists() for name in ALLOWED)


@pytest.mark.django_db
def test_transition_checks_the_database_status_sets_stamps_and_audits():
    made = advice_request()
    boss = made.requested_by
    stale = AdviceRequest.objects.get(pk=made.pk)
    transition(made, RequestStatus.LAPSED, table=REQUEST_TRANSITIONS, by=boss,
               reason="Niemand reageerde.", stamps={"lapsed_reason": "Niemand reageerde."},
               update_fields=())  # fmt: skip
    saved = AdviceRequest.objects.get(pk=made.pk)
    assert (saved.status, saved.lapsed_reason) == (RequestStatus.LAPSED, "Niemand reageerde.")
    event = AuditEvent.objects.get(action="advicerequest.status")
    assert (event.actor, event.reason) == (boss, "Niemand reageerde.")
    assert event.data == {"from": "open", "to": "lapsed"}
    # The copy in memory still says "open"; the table is checked against the database.
    assert stale.status == RequestStatus.OPEN
    with pytest.raises(InvalidTransition):
        transition(stale, RequestStatus.WITHDRAWN, table=REQUEST_TRANSITIONS, by=boss)
    assert AdviceRequest.objects.get(pk=made.pk).status == RequestStatus.LAPSED
    assert AuditEvent.objects.filter(action="advicerequest.status").count() == 1
