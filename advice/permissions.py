"""Who may see and do what in the advice register. Pure predicates.

Two sides. The municipality: the advice coordinator drafts, approves and publishes answers
and owns the promise register; administrators may do the same; read-only staff (college,
council, management) see everything, drafts included, and change nothing. The bodies: members,
BO+ representatives and secretaries act for the bodies they are a current member of — they
see and edit their own body's concepts, never another body's concepts, and never the
municipality's draft answer.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from advice.enums import AdviceStatus, AnswerStatus, RequestStatus
from burgerkracht.accounts.roles import (
    ADVICE_EDITOR_ROLES,
    ADVICE_INTERNAL_ROLES,
    BODY_ROLES,
    Role,
)

NOT_SHOWN_TO_OTHERS = (AdviceStatus.CONCEPT, AdviceStatus.WITHDRAWN)


def body_ids(user: Any) -> frozenset[int]:
    """The bodies `user` is a current member of, with a body role; cached on the user."""
    if not user.is_authenticated or not user.has_role(*BODY_ROLES):
        return frozenset()
    cached = getattr(user, "_advice_body_ids", None)
    if cached is None:
        from advice.models import Membership

        cached = frozenset(
            Membership.objects.filter(user=user, ended_on__isnull=True).values_list(
                "body_id", flat=True
            )
        )
        user._advice_body_ids = cached
    return cached


def is_editor(user: Any) -> bool:
    return user.is_authenticated and user.has_role(*ADVICE_EDITOR_ROLES)


def is_internal(user: Any) -> bool:
    return user.is_authenticated and user.has_role(*ADVICE_INTERNAL_ROLES)


def in_body(user: Any, body_id: int | None) -> bool:
    return body_id in body_ids(user)


def is_secretary(user: Any, body_id: int | None = None) -> bool:
    return user.has_role(Role.ASD_SECRETARY) and (
        bool(body_ids(user)) if body_id is None else in_body(user, body_id)
    )


# Each `can_view_*` below has its filter beside it, `*_visible_to(user, queryset=None)`: the
# lists call it (no model method restates it), and tests/security/test_visibility_agrees.py
# checks that both say the same of every object of the permission matrix's world
# (docs/decisions/0022). None costs a query more than its predicate: both read the person's
# bodies from body_ids(), once per person.


def _all(queryset: QuerySet | None, model: str) -> QuerySet:
    if queryset is not None:
        return queryset
    from advice import models

    return getattr(models, model).objects.all()


def _of_bodies(user: Any, queryset: QuerySet, body: str = "body_id") -> QuerySet:
    """The municipality sees all; a body's members what belongs to their own bodies."""
    if is_internal(user):
        return queryset
    return queryset.filter(**{f"{body}__in": body_ids(user)})


# --- the register ------------------------------------------------------------------------


def can_use_register(user: Any) -> bool:
    return is_internal(user) or bool(body_ids(user))


def can_view_advice(user: Any, advice: Any) -> bool:
    if is_internal(user) or in_body(user, advice.body_id):
        return True
    return bool(body_ids(user)) and advice.status not in NOT_SHOWN_TO_OTHERS


def advices_visible_to(user: Any, advices: QuerySet | None = None) -> QuerySet:
    """can_view_advice as a filter on `advices` (all by default)."""
    advices = _all(advices, "Advice")
    if is_internal(user):
        return advices
    bodies = body_ids(user)
    if not bodies:
        return advices.none()
    return advices.filter(Q(body_id__in=bodies) | ~Q(status__in=NOT_SHOWN_TO_OTHERS))


def can_register_advice(user: Any) -> bool:
    return is_editor(user) or bool(body_ids(user))


def can_edit_advice(user: Any, advice: Any) -> bool:
    """The text, recommendations and signals of a concept."""
    return advice.status == AdviceStatus.CONCEPT and (
        is_editor(user) or in_body(user, advice.body_id)
    )


def can_send_advice(user: Any, advice: Any) -> bool:
    return can_edit_advice(user, advice)


def can_take_back_advice(user: Any, advice: Any) -> bool:
    """Back to concept, by the body, while the municipality has not started its answer."""
    return (
        advice.status == AdviceStatus.FINAL
        and in_body(user, advice.body_id)
        and getattr(advice, "answer", None) is None
    )


def can_set_contacts(user: Any, advice: Any) -> bool:
    return is_editor(user) and advice.status not in NOT_SHOWN_TO_OTHERS


def can_set_public(user: Any, advice: Any) -> bool:
    return (is_editor(user) or is_secretary(user, advice.body_id)) and (
        advice.status not in NOT_SHOWN_TO_OTHERS
    )


# --- requests ------------------------------------------------------------------------------


def can_request_advice(user: Any) -> bool:
    return is_editor(user)


def can_view_request(user: Any, request: Any) -> bool:
    return is_internal(user) or in_body(user, request.body_id)


def advice_requests_visible_to(user: Any, advice_requests: QuerySet | None = None) -> QuerySet:
    """can_view_request as a filter on `advice_requests` (all by default)."""
    return _of_bodies(user, _all(advice_requests, "AdviceRequest"))


def can_change_request(user: Any, request: Any) -> bool:
    return is_editor(user) and request.status in (RequestStatus.OPEN, RequestStatus.LAPSED)


# --- the answer ----------------------------------------------------------------------------


def can_see_answer(user: Any, advice: Any) -> bool:
    """The draft and approved answer are internal; the published one is for everyone who
    may see the advice."""
    answer = getattr(advice, "answer", None)
    if answer is None:
        return False
    if answer.status == AnswerStatus.PUBLISHED:
        return can_view_advice(user, advice)
    return is_internal(user)


def can_write_answer(user: Any, advice: Any) -> bool:
    answer = getattr(advice, "answer", None)
    return (
        is_editor(user)
        and advice.status == AdviceStatus.FINAL
        and (answer is None or answer.status == AnswerStatus.DRAFT)
    )


def can_open_answer(user: Any, advice: Any) -> bool:
    """The answer page: who may read the answer or start and work on it."""
    return can_see_answer(user, advice) or can_write_answer(user, advice)


def can_approve_answer(user: Any, advice: Any) -> bool:
    answer = getattr(advice, "answer", None)
    return (
        user.is_authenticated
        and user.has_role(Role.ADVICE_COORDINATOR)
        and answer is not None
        and answer.status in (AnswerStatus.DRAFT, AnswerStatus.APPROVED)
    )


def can_publish_answer(user: Any, advice: Any) -> bool:
    answer = getattr(advice, "answer", None)
    return (
        user.is_authenticated
        and user.has_role(Role.ADVICE_COORDINATOR)
        and answer is not None
        and answer.status == AnswerStatus.APPROVED
    )


# --- promises, evaluation, meetings --------------------------------------------------------


def can_view_promises(user: Any) -> bool:
    return can_use_register(user)


def can_view_promise(user: Any, promise: Any) -> bool:
    """A promise of an answer: every body's members, as the register. A promise of an agenda
    follows the agenda: the members of the body that handed it in. One on its own without an
    agenda: the municipality and its owner only."""
    if is_internal(user) or promise.owner_id == user.pk:
        return True
    if promise.agenda_id is not None:
        return in_body(user, promise.agenda.body_id)
    return promise.advice_id is not None and bool(body_ids(user))


def promises_visible_to(user: Any, promises: QuerySet | None = None) -> QuerySet:
    """can_view_promise as a filter on `promises` (all by default)."""
    promises = _all(promises, "Promise")
    if is_internal(user):
        return promises
    if not user.is_authenticated:
        return promises.none()
    bodies = body_ids(user)
    rule = Q(owner=user.pk) | Q(agenda__isnull=False, agenda__body_id__in=bodies)
    if bodies:
        rule |= Q(agenda__isnull=True, advice__isnull=False)
    return promises.filter(rule)


def can_manage_promises(user: Any) -> bool:
    """Create promises on their own and agendas, import an agenda, give the verdict on a
    promise on its own."""
    return is_editor(user)


def can_change_promise(user: Any, promise: Any) -> bool:
    from advice.enums import VERDICT_ONLY

    return is_editor(user) and promise.advice_id is None and promise.status not in VERDICT_ONLY


def can_view_agendas(user: Any) -> bool:
    return is_internal(user) or bool(body_ids(user))


def can_view_agenda(user: Any, agenda: Any) -> bool:
    return is_internal(user) or in_body(user, agenda.body_id)


def agendas_visible_to(user: Any, agendas: QuerySet | None = None) -> QuerySet:
    """can_view_agenda as a filter on `agendas` (all by default)."""
    return _of_bodies(user, _all(agendas, "Agenda"))


def can_update_promise(user: Any, promise: Any) -> bool:
    return is_editor(user) or (user.is_authenticated and promise.owner_id == user.pk)


def can_view_evaluation(user: Any, advice: Any) -> bool:
    return is_internal(user) or in_body(user, advice.body_id)


def advice_evaluations_visible_to(user: Any, evaluations: QuerySet | None = None) -> QuerySet:
    """can_view_evaluation (of each evaluation's advice) as a filter on `evaluations`."""
    return _of_bodies(user, _all(evaluations, "AdviceEvaluation"), body="advice__body_id")


def can_fill_evaluation(user: Any, evaluation: Any) -> bool:
    from advice.enums import AdviceEvaluationStatus

    return evaluation.status == AdviceEvaluationStatus.PLANNED and (
        is_editor(user) or in_body(user, evaluation.advice.body_id)
    )


def can_view_meetings(user: Any) -> bool:
    return can_use_register(user)


def can_view_meeting(user: Any, meeting: Any) -> bool:
    return is_internal(user) or in_body(user, meeting.body_id)


def meetings_visible_to(user: Any, meetings: QuerySet | None = None) -> QuerySet:
    """can_view_meeting as a filter on `meetings` (all by default)."""
    return _of_bodies(user, _all(meetings, "Meeting"))


def can_plan_meeting(user: Any, body_id: int | None = None) -> bool:
    return is_editor(user) or is_secretary(user, body_id)


# --- bodies, signals, factsheet ------------------------------------------------------------


def can_view_bodies(user: Any) -> bool:
    return can_use_register(user)


def can_manage_body(user: Any, body: Any) -> bool:
    return user.is_authenticated and (
        user.has_role(Role.ADMINISTRATOR) or is_secretary(user, body.pk)
    )


def can_view_signals(user: Any) -> bool:
    return can_use_register(user)


def can_record_signal(user: Any) -> bool:
    return bool(body_ids(user)) or is_editor(user)


def can_link_signal(user: Any, advice: Any) -> bool:
    return can_edit_advice(user, advice)


def can_convert_obstacles(user: Any) -> bool:
    """Turn an obstacle that an initiative marked "signal to the municipality" into a
    signal of a body: the advice coordinator and the bodies' secretaries."""
    return is_editor(user) or is_secretary(user)


def can_change_factsheet(user: Any) -> bool:
    return is_editor(user)
