"""Hand background work to the broker by the task's name, never letting an outage through.

A service that queues work names the Celery task (`"budget.generate_letter"`) instead of
importing it: the tasks module imports the service it adapts, so an import the other way
would close a cycle (tests/core/test_module_cycles.py). The names are the ones the beat
schedule, the `documents` route and the messages already queued use.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import current_app

# The logger enqueue had in core.services, where it lived before: log filters and alerts on
# "enqueue failed for …" keep working.
logger = logging.getLogger("burgerkracht.core.services")


def task_named(name: str) -> Any:
    """The registered task called `name`. A process that has not imported the apps' `tasks`
    modules yet (the web process) imports them first, as a worker does at start-up; a name
    that no app registers raises KeyError."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def enqueue(name: str, *, expires: float | None = None, **kwargs: Any) -> bool:
    """Hand the task `name` to the broker; never let a broker outage break the caller.

    Everything we enqueue is also found by a periodic sweep (the outbox, the reminder rows),
    so a failed publish delays work but loses none. `expires` (seconds): a worker drops the
    task unrun when it gets it later than that, because a sweep has handed it over anew.
    """
    task = task_named(name)
    try:
        task.apply_async(kwargs=kwargs, expires=expires)
    except Exception as exc:  # kombu/redis raise many types; all mean "not now"
        logger.warning("enqueue failed for %s: %s", name, type(exc).__name__)
        return False
    return True


def enqueue_delivery(*, message_pk: int) -> bool:
    """Deliver one outbox message (core.services.deliver_message) in a worker."""
    return enqueue("core.deliver_outbox_message", message_pk=message_pk)
