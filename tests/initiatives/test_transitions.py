"""The lifecycle table, tested over every (from, to) pair."""

import itertools

import pytest

from burgerkracht.core.exceptions import InvalidTransition
from burgerkracht.core.models import AuditEvent
from initiatives import services
from initiatives.enums import TRANSITIONS, InitiativeStatus
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

PAIRS = list(itertools.product(InitiativeStatus.values, InitiativeStatus.values))


def _initiative_in(status):
    traits = {
        "draft": {},
        "submitted": {"submitted": True},
        "active": {"active": True},
        "paused": {"paused": True},
        "ended": {"ended": True},
    }[status]
    return InitiativeFactory(**traits)


def test_table_is_what_the_issue_describes():
    assert {
        "draft": {"submitted"},
        "submitted": {"active", "ended"},
        "active": {"paused", "ended"},
        "paused": {"active", "ended"},
        "ended": set(),
    } == TRANSITIONS


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_every_transition_pair(current, target):
    initiative = _initiative_in(current)
    by = UserFactory(role="facilitator")
    allowed = target in TRANSITIONS[current]

    if allowed:
        services.change_status(
            initiative=initiative, to=target, by=by, reason="omdat", result="partly", lessons="x"
        )
    else:
        with pytest.raises(InvalidTransition):
            services.change_status(initiative=initiative, to=target, by=by, result="partly")

    stored = Initiative.objects.get(pk=initiative.pk)
    events = list(AuditEvent.objects.for_subject(initiative).filter(action="initiative.status"))
    if allowed:
        assert stored.status == target
        assert [(e.actor, e.reason, e.data) for e in events] == [
            (by, "omdat", {"from": current, "to": target})
        ]
    else:
        assert stored.status == current
        assert events == []


def test_ending_records_result_and_lessons_without_blame():
    initiative = InitiativeFactory(active=True)
    lead = initiative.created_by

    services.end_initiative(
        initiative=initiative, by=lead, result="not_reached", lessons="Te weinig vrijwilligers."
    )

    stored = Initiative.objects.get(pk=initiative.pk)
    assert (stored.status, stored.result, stored.lessons) == (
        "ended",
        "not_reached",
        "Te weinig vrijwilligers.",
    )
    assert stored.ended_at is not None
