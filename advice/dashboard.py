"""The advice panel on "Mijn burgerkracht": what is overdue, for whoever works with advice.

Counts only, in one query: overdue answers and overdue promises of the advices this person
may see, evaluations that are due, and the promises they own.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from advice import permissions
from advice.enums import OPEN_PROMISE, AdviceEvaluationStatus, AdviceStatus, PromiseStatus
from advice.models import Promise
from advice.selectors import counted, counts_on_row

LATE_SHOWN = 5


def visible_advices(user: Any):
    """The advices `user` may see in the register (permissions.advices_visible_to)."""
    return permissions.advices_visible_to(user)


def dashboard_context(user: Any) -> dict[str, Any] | None:
    if not user.is_authenticated or not (
        user.is_municipal_staff or permissions.can_use_register(user)
    ):
        return None
    today = timezone.localdate()
    visible = visible_advices(user)
    mine = Promise.objects.filter(owner=user.pk, status__in=OPEN_PROMISE)
    # The promises user may see (all for the municipality; a body's members: those of answers
    # and of the agendas their body handed in; an owner their own).
    promises = permissions.promises_visible_to(user)
    counts = counts_on_row(
        user,
        my_promises=counted(mine),
        my_overdue=counted(mine.filter(due_on__lt=today)),
        overdue_answers=counted(visible.filter(status=AdviceStatus.FINAL, response_due__lt=today)),
        overdue_promises=counted(promises.filter(status__in=OPEN_PROMISE, due_on__lt=today)),
        not_kept=counted(promises.filter(status=PromiseStatus.NOT_KEPT)),
        evaluations_due=counted(
            permissions.advice_evaluations_visible_to(user).filter(
                status=AdviceEvaluationStatus.PLANNED, due_on__lte=today
            )
        ),
    )
    if not permissions.can_use_register(user) and not counts["my_promises"]:
        return None  # staff outside the register who own no promise
    # SC-04: each advice whose answer is late, by name ("reactie achterstallig"), not only
    # counted; the oldest first.
    late = list(
        visible.filter(status=AdviceStatus.FINAL, response_due__lt=today)
        .only("pk", "reference", "title", "response_due")
        .order_by("response_due", "pk")[:LATE_SHOWN]
    )
    return {**counts, "late_answers": late, "can_use_register": permissions.can_use_register(user)}
