"""Permission-matrix entries: support requests and the jager (WF-6, issue #30). Rights follow
the subject: the initiators and facilitators of THIS initiative (`active`) and the
coordinators; a facilitator of another initiative gets 403. The jager's list is the
facilitators' and coordinators' own (each sees the requests of their initiatives)."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import OTHERS, Entry, only

PEOPLE = {"lead": 200, "co": 200, "facilitator": 200}


def _request(world):
    return {"pk": world.support_request.pk}


ENTRIES: dict = {
    "initiatives:support-ask": Entry(
        only(),
        kwargs=lambda w: {"pk": w.active.pk},
        own=PEOPLE,
        subject=OTHERS,
        why="the initiators or their facilitator ask (WF-6); the coordinator appoints a jager",
    ),
    "initiatives:jager-appoint": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 403, "co": 403, "facilitator": 403},
        subject=OTHERS,
        why="a coordinator appoints the jager, with a mandate",
    ),
    **{
        name: Entry(
            only(Role.FACILITATOR_COORDINATOR),
            kwargs=_request,
            own=PEOPLE,
            subject=OTHERS,
            why="the request's people: its initiators, facilitators, jager and the coordinators",
        )
        for name in (
            "initiatives:support",
            "initiatives:support-handoff",
            "initiatives:support-answer",
            "initiatives:support-withdraw",
        )
    },
    "initiatives:support-open": Entry(
        only(Role.FACILITATOR, Role.FACILITATOR_COORDINATOR),
        why="the jager's list: the open requests of one's own initiatives (coordinator: all)",
    ),
}
