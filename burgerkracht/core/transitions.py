"""One way to change a status (issue #28): `transition()`.

Every model with a workflow has a transition table in its app's enums ("from" → the set of
"to" statuses it may go to). Every service that changes a status calls `transition()`: it
locks the row, checks the table against the status in the database (not the one in memory),
sets the status and its timestamp fields, saves, and writes one audit event with who, why,
from and to. tests/unit/test_one_transition_mechanism.py refuses `.status =` and
`.update(status=` anywhere else in the apps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from burgerkracht.core.exceptions import InvalidTransition
from burgerkracht.core.models import AuditEvent

Table = Mapping[str, frozenset[str]]
M = TypeVar("M", bound=models.Model)


def allowed(table: Table, current: str, to: str) -> bool:
    return to in table.get(str(current), frozenset())


def check(table: Table, current: str, to: str) -> None:
    """Refuse early, before other checks, a step the table does not allow (`transition()`
    checks again under the row lock)."""
    if not allowed(table, current, to):
        raise InvalidTransition(current=current, requested=to)


@transaction.atomic
def transition(
    obj: M,
    to: str,
    *,
    table: Table,
    by: Any,
    reason: str = "",
    action: str = "",
    stamps: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    update_fields: Iterable[str] | None = None,
    clean_exclude: Iterable[str] | None = None,
    subject: models.Model | None = None,
) -> M:
    """Move `obj` to `to`. `stamps` are the fields set with it (``{"submitted_at": now}``);
    `update_fields` the other fields the caller changed on `obj` (None: save all fields).
    With `clean_exclude`, the object is validated (full_clean, its constraints with the new
    status) before it is saved. The audit action is `action`, or "<model>.status"; its data
    holds from, to and `data`; its subject is `subject` (the advice of an answer) or `obj`."""
    model = type(obj)
    current = model._default_manager.select_for_update().values_list("status", flat=True)
    current = current.get(pk=obj.pk)
    check(table, current, to)
    obj.status = to
    stamps = dict(stamps or {})
    for name, value in stamps.items():
        setattr(obj, name, value)
    if clean_exclude is not None:
        obj.full_clean(exclude=list(clean_exclude))
    if update_fields is None:
        obj.save()
    else:
        fields = {*update_fields, "status", *stamps}
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            fields.add("updated_at")
        obj.save(update_fields=sorted(fields))
    AuditEvent.record(
        subject=subject or obj, actor=by, action=action or f"{model._meta.model_name}.status",
        reason=reason, data={"from": str(current), "to": str(to), **(data or {})},
    )  # fmt: skip
    return obj
