"""The rules of the decision record of an answer to an advice, registered with the Meetlat
(`meetlat/subjects.py`): the advice coordinator (and the administrators, as everywhere in
the register) prepares it; it is made final when the answer is published; the municipality's
side reads it (the draft answer is internal)."""

from __future__ import annotations

from typing import Any

from advice import permissions
from advice.enums import AnswerStatus
from burgerkracht.meetlat.subjects import SubjectRules


def _can_prepare(user: Any, answer: Any) -> bool:
    return answer.status == AnswerStatus.DRAFT and permissions.is_editor(user)


def _visible(user: Any):
    """The answers whose decision `user` may read: every one (None) for the municipality."""
    from advice.models import Answer

    return None if permissions.is_internal(user) else Answer.objects.none()


ANSWER = SubjectRules(
    can_view=lambda user, answer: permissions.is_internal(user),
    can_prepare=_can_prepare,
    can_finalise=lambda user, answer: permissions.can_publish_answer(user, answer.advice),
    can_reflect=lambda user, answer: permissions.is_editor(user),
    visible=_visible,
)


def register() -> None:
    from advice.models import Answer
    from burgerkracht.meetlat import subjects

    subjects.register(Answer, ANSWER)
