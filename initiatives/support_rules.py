"""Who may do what with support requests and jagers. Pure predicates: no writes.

Rights follow the subject: the initiators and facilitators of THIS initiative, its current
jager, and the facilitator coordinators. A facilitator of another initiative sees nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from burgerkracht.accounts.roles import FACILITATOR_ROLES, SUPPORT_LEAD_TIME_ROLES
from initiatives.enums import InitiativeStatus
from initiatives.models import Initiative
from initiatives.permissions import (
    NOTHING,
    facilitator_q,
    initiator_q,
    is_coordinator,
    is_facilitator,
    is_initiator,
)
from initiatives.support_enums import WAITING
from initiatives.support_models import JagerAppointment, SupportRequest

# An initiative that is running, paused or waiting to start may ask (never a draft or ended).
ASKING_STATUSES = (InitiativeStatus.SUBMITTED, InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED)


def current_jager(initiative: Initiative) -> JagerAppointment | None:
    """The current appointment, once per initiative object (cached on it)."""
    if not hasattr(initiative, "_current_jager"):
        initiative._current_jager = (  # type: ignore[attr-defined]
            JagerAppointment.objects.filter(initiative=initiative, ended_at__isnull=True)
            .select_related("jager")
            .prefetch_related("departments")
            .first()
        )
    return initiative._current_jager  # type: ignore[attr-defined]


def is_jager(user, initiative: Initiative) -> bool:
    appointment = current_jager(initiative)
    return user.is_authenticated and appointment is not None and appointment.jager_id == user.pk


def is_involved(user, initiative: Initiative) -> bool:
    """The people of this initiative's support requests."""
    if not user.is_authenticated or initiative.status == InitiativeStatus.DRAFT:
        return False
    return (
        is_initiator(user, initiative)
        or is_facilitator(user, initiative)
        or is_coordinator(user)
        or is_jager(user, initiative)
    )


def can_ask_support(user, initiative: Initiative) -> bool:
    """The initiators or their facilitator ask (WF-6 step 1 and 2)."""
    return initiative.status in ASKING_STATUSES and (
        is_initiator(user, initiative) or is_facilitator(user, initiative)
    )


def can_view_support(user, request: SupportRequest) -> bool:
    return is_involved(user, request.initiative)


def can_handle_support(user, request: SupportRequest) -> bool:
    """Record a hand-off, the answer, or withdraw it: while it waits, by its people."""
    return request.status in WAITING and is_involved(user, request.initiative)


def can_appoint_jager(user, initiative: Initiative) -> bool:
    return is_coordinator(user) and initiative.status in ASKING_STATUSES


def may_be_jager(user) -> bool:
    return user.is_active and user.has_role(*FACILITATOR_ROLES)


def can_use_jager_list(user) -> bool:
    """ "Hulpvragen": the open requests of one's initiatives (the coordinator: all)."""
    return user.is_authenticated and user.has_role(*FACILITATOR_ROLES)


def can_view_lead_times(user) -> bool:
    return user.is_authenticated and user.has_role(*SUPPORT_LEAD_TIME_ROLES)


def jager_q(user, prefix: str = "") -> Q:
    """The initiatives `user` is the current jager of (is_jager)."""
    if not user.is_authenticated:
        return NOTHING
    current = JagerAppointment.objects.filter(jager=user.pk, ended_at__isnull=True)
    return Q(**{f"{prefix}pk__in": current.values("initiative")})


def support_visible_to(user, requests: QuerySet[SupportRequest] | None = None):
    """can_view_support as a filter on `requests` (all by default)."""
    if requests is None:
        requests = SupportRequest.objects.all()
    if not user.is_authenticated:
        return requests.none()
    requests = requests.exclude(initiative__status=InitiativeStatus.DRAFT)
    if is_coordinator(user):
        return requests
    mine = Initiative.objects.filter(initiator_q(user) | facilitator_q(user) | jager_q(user))
    return requests.filter(initiative__in=mine.values("pk"))
