"""Small pieces the advice services share."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from burgerkracht.accounts.roles import Role
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.validation.reasons import is_reason

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User


def audit(subject: models.Model, by: User, action: str, reason: str = "", **data: Any) -> None:
    AuditEvent.record(subject=subject, actor=by, action=action, reason=reason, data=data)


def require(text: str, message: str) -> str:
    if not (text or "").strip():
        raise DomainError(message)
    return text.strip()


def require_reason(text: str, message: str) -> str:
    """The stripped reason, or DomainError(message) when it is no sentence: ".", "x",
    "n.v.t." and the like are refused (core.validation.reasons, issue #27)."""
    if not is_reason(text):
        raise DomainError(message)
    return text.strip()


def not_in_future(day: date | None, message: str) -> None:
    """A date something was received or sent cannot lie ahead."""
    if day is not None and day > timezone.localdate():
        raise DomainError(message)


def with_reference(model: type[models.Model], prefix: str, create: Any) -> Any:
    """Create a row with the next free reference PREFIX-YEAR-NNN; a concurrent insert of the
    same number is retried with the next one."""
    year = timezone.localdate().year
    stem = f"{prefix}-{year}-"
    for _attempt in range(5):
        taken = model._default_manager.filter(reference__startswith=stem).values_list(
            "reference", flat=True
        )
        number = max((int(r.removeprefix(stem)) for r in taken if r.removeprefix(stem).isdigit()),
                     default=0) + 1  # fmt: skip
        try:
            with transaction.atomic():
                return create(f"{stem}{number:03d}")
        except IntegrityError as error:
            if "reference" not in str(error):
                raise
    raise DomainError("No free reference number; try again.")


def coordinators() -> list[Any]:
    return list(
        get_user_model().objects.filter(groups__name=Role.ADVICE_COORDINATOR, is_active=True)
    )


def body_members(body_id: int) -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(
            memberships__body_id=body_id, memberships__ended_on__isnull=True, is_active=True
        )
        .distinct()
    )


class HasPage(Protocol):
    def get_absolute_url(self) -> str: ...


def link(obj: HasPage) -> str:
    return absolute_url(obj.get_absolute_url())
