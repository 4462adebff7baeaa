"""What a letter by post is about: an initiative, an application, ... Those are the domain
apps' models, so core keeps no key to them: each app that owns such a subject keeps a link
model (a one-to-one to core.PostItem and a foreign key to its subject, so the key runs from
the app to core) and registers it here from its hooks.py (as Django's admin discovers
admin.py). The registrations come in the order of INSTALLED_APPS, so a later one is the more
specific subject (an application lies within its initiative).

`link` makes the app's link for a new letter from the notice's template context (inside
queue_letter's transaction); `visible_to` gives the letters a person who does not see them
all may see, as a Q on PostItem (the post queue ORs them: none registered, none seen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q


@dataclass(frozen=True)
class Subject:
    # PostItem's reverse one-to-one to the app's link model, and the link's field naming the
    # subject: item.<accessor>.<field> is the initiative or application.
    accessor: str
    field: str
    link: Callable[[Any, dict[str, Any]], object]
    visible_to: Callable[[Any], Q] | None = None
    # What the queue joins to show the subject (its str()), when more than <accessor>__<field>.
    select: str = ""


_SUBJECTS: list[Subject] = []


def register(subject: Subject) -> None:
    """Once per link model: discovering the hooks again replaces it."""
    _SUBJECTS[:] = [known for known in _SUBJECTS if known.accessor != subject.accessor]
    _SUBJECTS.append(subject)


def registered() -> tuple[Subject, ...]:
    return tuple(_SUBJECTS)


def related() -> list[str]:
    """For select_related: every subject with its letter, in one query."""
    return [subject.select or f"{subject.accessor}__{subject.field}" for subject in _SUBJECTS]


def link(item: Any, context: dict[str, Any]) -> None:
    """Let every app link the new letter `item` to what `context` says it is about."""
    for subject in _SUBJECTS:
        subject.link(item, context)


def subjects_of(item: Any) -> list[Any]:
    """What `item` is about, the widest first (an initiative, then its application)."""
    found = []
    for subject in _SUBJECTS:
        # A missing reverse one-to-one raises a subclass of AttributeError: the default.
        link_row = getattr(item, subject.accessor, None)
        if link_row is not None:
            found.append(getattr(link_row, subject.field))
    return found


def visible_to(user: Any) -> Q | None:
    """The letters `user` may see by their place on the subjects; None: no rule gives any."""
    rules = [subject.visible_to(user) for subject in _SUBJECTS if subject.visible_to]
    if not rules:
        return None
    combined = rules[0]
    for rule in rules[1:]:
        combined |= rule
    return combined
