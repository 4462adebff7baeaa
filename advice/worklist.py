"""The advice register's tasks on "Mijn taken" (burgerkracht.core.personal.worklist).

- The advice coordinator: final advices whose answer is still to be written, approved or
  published (by the answer's due date), and advice evaluations that are planned;
- anyone: the promises they own that are still open (by the promise's due date).
One query per kind of task.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from advice.enums import OPEN_PROMISE, AdviceEvaluationStatus, AdviceStatus, AnswerStatus
from advice.models import Advice, AdviceEvaluation, Promise
from burgerkracht.accounts.roles import Role
from burgerkracht.core.personal.worklist import Task


def tasks_for(user: Any) -> Iterator[Task]:
    if not (user.is_authenticated and user.is_municipal_staff):
        return
    if user.has_role(Role.ADVICE_COORDINATOR):
        advices = (
            Advice.objects.filter(status=AdviceStatus.FINAL)
            .exclude(answer__status=AnswerStatus.PUBLISHED)
            .select_related("answer")
            .only("pk", "reference", "title", "response_due", "answer__status")
        )
        for advice in advices:
            answer = getattr(advice, "answer", None)
            what = (
                _("Approve and publish the answer")
                if answer is not None and answer.status == AnswerStatus.APPROVED
                else _("Write the answer to the advice")
            )
            yield Task(
                key=f"answer-{advice.pk}",
                what=what,
                reference=advice.reference,
                title=advice.title,
                url=advice.get_absolute_url(),
                due_on=advice.response_due,
            )
        evaluations = AdviceEvaluation.objects.filter(
            status=AdviceEvaluationStatus.PLANNED
        ).select_related("advice")
        for evaluation in evaluations:
            yield Task(
                key=f"advice-evaluation-{evaluation.pk}",
                what=_("Evaluate the advice with the advisory body"),
                reference=evaluation.advice.reference,
                title=evaluation.advice.title,
                url=evaluation.get_absolute_url(),
                due_on=evaluation.due_on,
            )
    promises = Promise.objects.filter(owner=user, status__in=OPEN_PROMISE).select_related("advice")
    for promise in promises:
        yield Task(
            key=f"promise-{promise.pk}",
            what=_("Keep the promise"),
            reference=promise.advice.reference if promise.advice_id else promise.phase,
            title=promise.text,
            url=promise.get_absolute_url(),
            due_on=promise.due_on,
        )
