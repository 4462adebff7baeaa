"""Permission-matrix entries: an initiator stops, the backup answers, the facilitator appoints
a new lead (SC-13). Each follows its subject: the initiators of THIS initiative, the backup who
is asked, the facilitator of THIS initiative and the coordinators."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import OTHERS, Entry, only

ENTRIES: dict = {
    "initiatives:step-down": Entry(
        only(),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 200, "co": 200, "facilitator": 403},
        subject=OTHERS,
        why="'Ik stop als initiatiefnemer': only an initiator of this initiative, for themself",
    ),
    "initiatives:lead-offer": Entry(
        only(),
        kwargs=lambda w: {"pk": w.stepped_down.pk},
        own={"co": 200, "lead": 403, "facilitator": 403},
        subject=OTHERS,
        why="only the backup who is asked to become the lead answers (the lead has left)",
    ),
    "initiatives:appoint-lead": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.stepped_down.pk},
        own={"facilitator": 200, "co": 403, "lead": 403},
        subject=OTHERS,
        why="the new lead: the facilitator of this initiative or a coordinator",
    ),
}
