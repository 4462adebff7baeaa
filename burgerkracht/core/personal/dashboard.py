"""Panels on "Mijn burgerkracht". Apps register a template and a context function.

core cannot import the domain apps (they depend on it), so they register themselves in
their hooks.py. A context function returns None when the panel is not for this person.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ContextFunction = Callable[[Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


_panels: list[tuple[str, ContextFunction]] = []


def register(template: str, context_function: ContextFunction, *, first: bool = False) -> None:
    """`first`: the panel opens the page ("Actie nodig"), whatever order the apps load in."""
    if (template, context_function) not in _panels:
        _panels.insert(0, (template, context_function)) if first else _panels.append(
            (template, context_function)
        )


def panels_for(user: Any) -> list[Panel]:
    result = []
    for template, function in _panels:
        context = function(user)
        if context is not None:
            result.append(Panel(template, context))
    return result
