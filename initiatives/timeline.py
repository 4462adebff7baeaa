"""The status timeline a resident sees on their initiative's page (issue #24): registered →
contact person → started → ended, each step with its date once done. Built from the fields
and the audit trail that exist, never from new state: one query (the audit events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from burgerkracht.core.models import AuditEvent
from initiatives.enums import InitiativeStatus
from initiatives.models import Initiative

DONE, CURRENT, FUTURE = "done", "current", "future"


@dataclass(frozen=True)
class Step:
    """One step of a timeline. `state`: done, current (the first step not done) or future."""

    label: str
    state: str
    on: date | None = None
    note: str = ""


def mark(steps: list[tuple[str, bool, date | None, str]]) -> list[Step]:
    """(label, done, date, note) → Steps. The step after the last one done is current; a
    step left out before it (a grant settled without a recorded payment) is not marked."""
    last_done = max((i for i, (_l, done, _o, _n) in enumerate(steps) if done), default=-1)
    result = []
    for i, (label, done, on, note) in enumerate(steps):
        if done:
            state = DONE
        elif i == last_done + 1:
            state = CURRENT
        else:
            state = FUTURE
        result.append(Step(label=label, state=state, on=on, note=note))
    return result


def day(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def initiative_timeline(initiative: Initiative, *, for_officials: bool = False) -> list[Step]:
    """`for_officials`: the municipality's people read "Facilitator assigned", the residents
    "Contact person assigned"."""
    events = {}
    for action, data, created_at in (
        AuditEvent.objects.for_subject(initiative)
        .filter(action__in=["initiative.status", "initiative.facilitators_assigned"])
        .order_by("created_at")
        .values_list("action", "data", "created_at")
    ):
        key = "started" if data.get("to") == InitiativeStatus.ACTIVE else action
        events.setdefault(key, created_at)  # the first time
    ended = initiative.status == InitiativeStatus.ENDED
    started = initiative.status in (InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED) or (
        ended and "started" in events
    )
    steps = mark([
        (_("Registered"), initiative.submitted_at is not None, day(initiative.submitted_at), ""),
        (_("Facilitator assigned") if for_officials else _("Contact person assigned"),
         initiative.facilitator_id is not None,
         day(events.get("initiative.facilitators_assigned")),
         str(initiative.facilitator) if initiative.facilitator_id else ""),
        (_("Started"), started, day(events.get("started")), ""),
        (_("Ended"), ended, day(initiative.ended_at), ""),
    ])  # fmt: skip
    if started and not ended:
        # A running (or paused) initiative is in its "started" phase: that step is current,
        # not the ending still to come.
        steps[2] = Step(label=steps[2].label, state=CURRENT, on=steps[2].on)
        steps[3] = Step(label=steps[3].label, state=FUTURE)
    return steps
