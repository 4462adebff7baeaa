"""The retention table: how long each kind of record with personal data is kept, and what
happens after. The nightly purge (`burgerkracht.core.privacy.purge`) applies it.

Each app registers its own kinds in its `hooks.py` (core and accounts may not import the
domain apps): `register(Kind(...))`. Models that hold no personal data, or that are kept as a
public or archival record, are registered with `exempt(label, reason)`, so that a test can
prove every model of ours is either covered or explained (tests/core/test_retention_table.py).

The period of a kind is its `default_days`, unless the setting `RETENTION_DAYS` (environment
variable of the same name, `kind=days,kind=days`) overrides it. docs/privacy.md lists the
same table; a test keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.checks import Error
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from burgerkracht.core.privacy.purge import Run


class Action(models.TextChoices):
    DELETE = "delete", _("deleted")
    ANONYMISE = "anonymise", _("anonymised: the record stays, without personal data and files")
    ERASE = "erase", _("account erased: name and contact details removed")


@dataclass(frozen=True)
class Kind:
    """One row of the retention table."""

    key: str
    label: Promise  # what the record is, for residents
    default_days: int
    starts: Promise  # the moment the period starts
    action: Action
    reason: str  # why this period (English, for the processing overview)
    purge: Callable[[Run], int]  # removes what is past the period; returns rows affected
    order: int = 100  # lower runs first (e.g. drafts before the initiatives they belong to)
    # The personal fields this kind removes, per model ("app_label.Model": fields).
    personal: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def days(self) -> int:
        return int(settings.RETENTION_DAYS.get(self.key, self.default_days))

    def cutoff(self, now: datetime) -> datetime:
        """Records whose starting moment lies before this are past their period."""
        return now - timedelta(days=self.days)


_kinds: dict[str, Kind] = {}
_exempt: dict[str, str] = {}


def register(kind: Kind) -> Kind:
    _kinds[kind.key] = kind
    return kind


def exempt(label: str, reason: str) -> None:
    """A model the purge leaves alone, and why (no personal data, or a kept record)."""
    _exempt[label] = reason


def table() -> list[Kind]:
    """The retention table, in the order the purge runs it."""
    return sorted(_kinds.values(), key=lambda k: (k.order, k.key))


def kind(key: str) -> Kind:
    return _kinds[key]


def exemptions() -> dict[str, str]:
    return dict(_exempt)


def covered_fields() -> dict[str, set[str]]:
    """Per model, every field some kind removes."""
    found: dict[str, set[str]] = {}
    for k in _kinds.values():
        for label, names in k.personal.items():
            found.setdefault(label, set()).update(names)
    return found


def years_or_days(days: int) -> dict[str, Any]:
    """How a period reads: whole years when it is one, else days (for the page and docs)."""
    if days and days % 365 == 0:
        return {"years": days // 365}
    return {"days": days}


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """RETENTION_DAYS may only name kinds of the table, with a period of 0 days or more."""
    errors = []
    for key, days in settings.RETENTION_DAYS.items():
        if key not in _kinds:
            errors.append(
                Error(f"RETENTION_DAYS names an unknown kind {key!r}.", id="burgerkracht.E010")
            )
        elif int(days) < 0:
            errors.append(Error(f"RETENTION_DAYS[{key!r}] is negative.", id="burgerkracht.E011"))
    return errors
