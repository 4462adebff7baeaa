"""Permission-matrix entries: the post queue (SC-11).

Who sees a letter follows its subject: the facilitators of THIS initiative (primary or
backup), the facilitator coordinators and the administrators. A facilitator of another
initiative opens the queue but finds nothing in it: the letter is a 404, and printing "all
waiting letters" sends them back to the (empty) queue."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import Entry, only

QUEUE_ROLES = (Role.FACILITATOR, Role.FACILITATOR_COORDINATOR, Role.ADMINISTRATOR)
SEE_ALL = (Role.FACILITATOR_COORDINATOR, Role.ADMINISTRATOR)

ENTRIES: dict = {
    "core:post-queue": Entry(
        only(*QUEUE_ROLES),
        own={"facilitator": 200},
        subject={"other_facilitator": 200, "other_holder": 403},
        why="the queue itself; which letters are on it follows the subject (test_post_queue)",
    ),
    "core:post-print": Entry(
        {**only(*SEE_ALL), Role.FACILITATOR: 302},
        own={"facilitator": 200},
        subject={"other_facilitator": 302, "other_holder": 403},
        why="one PDF of the letters this person may see; none to print: back to the queue",
    ),
    "core:post-mark": Entry(
        only(*QUEUE_ROLES, status=405),
        why="POST only, from the queue's form (tests/core/test_post_queue.py)",
    ),
    "core:post-item-pdf": Entry(
        {**only(*SEE_ALL), Role.FACILITATOR: 404},
        kwargs=lambda w: {"pk": w.post_item.pk},
        own={"facilitator": 200, "lead": 403},
        subject={"other_facilitator": 404, "other_holder": 403},
        why="a letter: only who may see it in the queue; for other facilitators it is not there",
    ),
}
