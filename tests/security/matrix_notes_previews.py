"""Permission-matrix entries: internal notes and file previews (issue #24).

Notes follow their subject: the facilitator of THIS initiative (or the holder of THIS
application's line) and the coordinators; never the residents, a facilitator of another
initiative or a holder of another line. A preview has exactly the rights of its file."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import OTHERS, Entry, only

ENTRIES: dict = {
    "initiatives:note-create": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"lead": 403, "co": 403, "facilitator": 200},
        subject=OTHERS,
        why="internal notes are never for the residents",
    ),
    "budget:application-note": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.app_awaiting.pk},
        own={"lead": 403, "co": 403, "facilitator": 200, "holder": 200, "professional": 403},
        subject=OTHERS,
        why="internal notes: the facilitators, this line's holders and the coordinators",
    ),
    "budget:attachment-preview": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_draft.pk, "attachment_pk": w.attachment.pk},
        own={"lead": 200, "facilitator": 403, "holder": 403},
        subject=OTHERS,
        why="the rights of the file itself (budget:attachment)",
        foreign=lambda w: {"pk": w.app_draft.pk, "attachment_pk": w.foreign_attachment.pk},
    ),
}
