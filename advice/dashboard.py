"""The advice panel on "Mijn burgerkracht": what is overdue, for whoever works with advice.

Counts only, in a constant number of queries: overdue answers and overdue promises of the
advices this person may see, evaluations that are due, and the promises they own.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from advice import permissions
from advice.enums import OPEN_PROMISE, AdviceStatus, EvaluationStatus
from advice.models import Advice, Promise


def visible_advices(user: Any):
    """The advices `user` may see in the register (see permissions.can_view_advice)."""
    queryset = Advice.objects.all()
    if permissions.is_internal(user):
        return queryset
    return queryset.filter(
        Q(body_id__in=permissions.body_ids(user)) | ~Q(status__in=permissions.NOT_SHOWN_TO_OTHERS)
    )


def dashboard_context(user: Any) -> dict[str, Any] | None:
    if not user.is_authenticated or not (
        user.is_municipal_staff or permissions.can_use_register(user)
    ):
        return None
    today = timezone.localdate()
    mine = Promise.objects.filter(owner=user, status__in=OPEN_PROMISE).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )
    if not permissions.can_use_register(user) and not mine["open"]:
        return None  # one query for staff outside the register who own no promise
    counts = visible_advices(user).aggregate(
        overdue_answers=Count(
            "pk", filter=Q(status=AdviceStatus.FINAL, response_due__lt=today), distinct=True
        ),
        overdue_promises=Count(
            "promises",
            filter=Q(promises__status__in=OPEN_PROMISE, promises__due_on__lt=today),
            distinct=True,
        ),
        evaluations_due=Count(
            "evaluation",
            filter=Q(evaluation__status=EvaluationStatus.PLANNED, evaluation__due_on__lte=today),
            distinct=True,
        ),
    )
    return {
        **counts,
        "my_promises": mine["open"],
        "my_overdue": mine["overdue"],
        "can_use_register": permissions.can_use_register(user),
    }
