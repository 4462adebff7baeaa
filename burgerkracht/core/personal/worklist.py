""" "Mijn taken": one list per official of everything that waits on them, soonest first.

Apps register a task function in their hooks.py (core cannot import them), as they do for
the agenda feed. Each function returns the tasks of its own app for THIS person only — what
follows from their place on the dossier (facilitator of the initiative, decision holder of
the line, owner of the promise), never everything their role could see — in a fixed number of
queries, so the page costs the same for five tasks as for fifty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class Task:
    """One thing to do. `key` is unique and stable per thing (e.g. "assess-12")."""

    key: str
    what: str
    reference: str
    title: str
    url: str
    due_on: date | None = None

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today


TaskFunction = Callable[[Any], Iterable[Task]]
_providers: list[TaskFunction] = []


def register(function: TaskFunction) -> None:
    if function not in _providers:
        _providers.append(function)


def tasks_for(user: Any) -> list[Task]:
    """Everything waiting on `user`: the soonest deadline first, tasks without one last."""
    tasks = [task for function in _providers for task in function(user)]
    return sorted(tasks, key=lambda task: (task.due_on is None, task.due_on or date.min, task.key))


@dataclass(frozen=True)
class Row:
    task: Task
    overdue: bool


def rows_for(user: Any) -> list[Row]:
    today = timezone.localdate()
    return [Row(task, task.is_overdue(today)) for task in tasks_for(user)]
