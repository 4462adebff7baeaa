"""The rules of the decisions about an application (the grant) and about an interim
evaluation (the continuation), registered with the Meetlat (`meetlat/subjects.py`).

The line's decision holder decides; the facilitators (and their coordinator) prepare the
draft; the decision is made final in the application's own step (publishing the decision,
deciding the continuation). Reading follows the application's internal side; an official's
read is audited like a read of the application itself.
"""

from __future__ import annotations

from typing import Any

from budget import permissions
from budget.enums import ApplicationStatus, EvaluationStatus
from burgerkracht.core.services import record_read
from burgerkracht.meetlat.subjects import SubjectRules


def _audit(application_of):
    def audit(user: Any, subject: Any, purpose: str) -> None:
        if not permissions.is_applicant(user, application_of(subject)):
            record_read(subject=subject, actor=user, purpose=purpose)

    return audit


def _continuations_visible_to(user: Any):
    from budget.models import Evaluation

    applications = permissions.assessments_visible_to(user).values("pk")
    return Evaluation.objects.filter(application__in=applications)


GRANT = SubjectRules(
    can_view=permissions.can_see_assessment,
    can_prepare=lambda user, application: (
        application.status == ApplicationStatus.AWAITING_DECISION
        and permissions.decides_or_prepares(user, application)
    ),
    can_finalise=permissions.can_decide,
    can_reflect=permissions.decides_or_prepares,
    audit_read=_audit(lambda application: application),
    visible=permissions.assessments_visible_to,
)

CONTINUATION = SubjectRules(
    can_view=lambda user, evaluation: permissions.can_see_assessment(user, evaluation.application),
    can_prepare=lambda user, evaluation: (
        evaluation.status == EvaluationStatus.RECORDED
        and permissions.decides_or_prepares(user, evaluation.application)
    ),
    can_finalise=permissions.can_decide_continuation,
    can_reflect=lambda user, e: permissions.decides_or_prepares(user, e.application),
    audit_read=_audit(lambda evaluation: evaluation.application),
    visible=_continuations_visible_to,
)


def register() -> None:
    from budget.models import Application, Evaluation
    from burgerkracht.meetlat import subjects

    subjects.register(Application, GRANT)
    subjects.register(Evaluation, CONTINUATION)
