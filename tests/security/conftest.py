"""The world the permission matrix looks at: objects, and the people tied to them."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    NeighbourhoodFactory,
    PolicyDecisionFactory,
    UpdateFactory,
    UserFactory,
    complete_decision,
    open_line,
)


@dataclass
class World:
    lead: Any
    co: Any
    facilitator: Any
    draft_lead: Any
    wijk: Any
    draft: Any
    submitted: Any
    active: Any
    paused: Any
    signal: Any
    invitation: Any
    draft_decision: Any
    final_decision: Any
    fund: Any
    line: Any


@pytest.fixture
def world(db) -> World:
    lead = UserFactory(role="resident")
    facilitator = UserFactory(role="facilitator")
    wijk = NeighbourhoodFactory()
    active = InitiativeFactory(created_by=lead, active=True, facilitator=facilitator)
    active.neighbourhoods.add(wijk)
    co = InitiatorFactory(initiative=active).user
    draft = InitiativeFactory()
    line, _holder = open_line()
    return World(
        lead=lead,
        co=co,
        facilitator=facilitator,
        draft_lead=draft.created_by,
        wijk=wijk,
        draft=draft,
        submitted=InitiativeFactory(created_by=lead, submitted=True, facilitator=facilitator),
        active=active,
        paused=InitiativeFactory(created_by=lead, paused=True, facilitator=facilitator),
        signal=UpdateFactory(initiative=active, kind="obstacle", is_signal=True),
        invitation=InitiatorFactory(initiative=active, user=None, email="nog@example.org"),
        draft_decision=PolicyDecisionFactory.create(by=facilitator).decision,
        final_decision=_final_public_decision(facilitator),
        fund=line.fund,
        line=line,
    )


def _final_public_decision(by):
    from burgerkracht.meetlat import services

    decision = complete_decision(PolicyDecisionFactory.create(by=by).decision, by)
    services.update_decision(decision=decision, by=by, is_public=True)
    return services.finalise_decision(decision=decision, by=by)
