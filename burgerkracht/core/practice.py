"""Obstacles from practice that can become a signal of an advisory body.

Core cannot import the domain apps, and the advice register may not import the initiatives
app. So an app that collects obstacles registers a *provider* in its hooks.py; the
advice register lists the open items through this registry and picks one up when it turns it
into a signal. An item carries no names or contact data of residents: only the text of the
obstacle, the initiative's title and its neighbourhoods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.validation.parsing import whole_number


@dataclass(frozen=True)
class PracticeItem:
    """An open obstacle: `key` is "<provider>:<id>" and identifies it across providers."""

    key: str
    text: str
    context: str  # the initiative and its neighbourhoods
    created_at: datetime


class Provider(Protocol):
    name: str

    def open_items(self) -> list[PracticeItem]: ...

    def get(self, item_id: int) -> PracticeItem | None: ...

    def pick_up(self, item_id: int, by: Any, note: str) -> Any:
        """Mark the item handled; return the object a signal refers to as its source.
        Raises DomainError when it was already picked up."""


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _providers[provider.name] = provider


def providers() -> list[Provider]:
    return list(_providers.values())


def open_items() -> list[PracticeItem]:
    items = [item for provider in _providers.values() for item in provider.open_items()]
    return sorted(items, key=lambda item: item.created_at, reverse=True)


def _split(key: str) -> tuple[Provider, int]:
    name, _sep, raw = (key or "").partition(":")
    provider = _providers.get(name)
    number = whole_number(raw)
    if provider is None or number is None:
        raise DomainError("unknown item")
    return provider, number


def get(key: str) -> PracticeItem | None:
    try:
        provider, item_id = _split(key)
    except DomainError:
        return None
    return provider.get(item_id)


def pick_up(key: str, by: Any, note: str = "") -> Any:
    provider, item_id = _split(key)
    return provider.pick_up(item_id, by, note)
