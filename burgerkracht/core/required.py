"""`required(value)`: a value that may be None in general but not where it is read.

A nullable foreign key is often set by the time a workflow reads it: an application awaiting
its decision has a budget line and a decision record, a granted one has an award, a checked
import row has a date. The model says `BudgetLine | None`, so mypy (`make typecheck`) refuses
`application.line.name`. `required(application.line).name` states the guarantee; if it was
broken after all (a bug), it fails right there, not a few lines further on with "'NoneType'
object has no attribute …".
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class MissingValue(LookupError):
    """A value the workflow guarantees was None: a bug, never a user's mistake."""


def required(value: T | None) -> T:
    if value is None:
        raise MissingValue("a value this step relies on is missing (None)")
    return value
