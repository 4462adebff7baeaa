"""What must happen before an account is erased. Apps add a step with `register`.

Each step takes the user and the actor (None for the system) and runs inside the erasure's
transaction, before the person's name and addresses go: e.g. the initiatives app lets them
stop as initiator everywhere (SC-13), so nobody is left shown as a deleted initiator and no
running grant is silently left without an active initiator.
"""

from collections.abc import Callable
from typing import Any

Step = Callable[[Any, Any], Any]
_steps: list[Step] = []


def register(step: Step) -> None:
    if step not in _steps:
        _steps.append(step)


def before_erasure(user: Any, by: Any) -> None:
    for step in _steps:
        step(user, by)
