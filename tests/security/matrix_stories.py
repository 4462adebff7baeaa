"""Permission-matrix entries: stories without money (SC-19).

Anyone with an account tells a story; facilitators and coordinators look at it and publish
or decline it (the portal has no communication role). A waiting story is seen only by its
author and by them: for anybody else it does not exist (404), so its number tells nothing.
A published story is public; its author or a facilitator or coordinator can withdraw it."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import ANONYMOUS, ROLES, Entry, everyone, logged_in, only

REVIEWERS = (Role.FACILITATOR, Role.FACILITATOR_COORDINATOR)


def _reviewers_else(status: int | str) -> dict[str, int | str]:
    return {role: 200 if role in REVIEWERS else status for role in ROLES}


ENTRIES: dict = {
    "initiatives:stories": Entry(everyone(), why="the public list of published stories"),
    "initiatives:story-tell": Entry(logged_in(), why="anyone with an account tells a story"),
    "initiatives:my-stories": Entry(logged_in(), why="each person's own stories"),
    "initiatives:story": Entry(
        _reviewers_else(404),
        kwargs=lambda w: {"pk": w.story_waiting.pk},
        own={"lead": 200},
        why="waiting: its author and the reviewers; published: everyone (test_stories)",
    ),
    "initiatives:story-photo": Entry(
        _reviewers_else(404),
        kwargs=lambda w: {"pk": w.story_waiting.pk},
        own={"lead": 200},
        why="the rights of the story itself",
    ),
    "initiatives:story-withdraw": Entry(
        {**only(*REVIEWERS), ANONYMOUS: "login"},
        kwargs=lambda w: {"pk": w.story_published.pk},
        own={"lead": 200},
        why="a published story: its author, or a facilitator or coordinator with a reason",
    ),
    "initiatives:stories-review": Entry(only(*REVIEWERS), why="stories waiting for a look"),
    "initiatives:story-review": Entry(
        _reviewers_else(404),
        kwargs=lambda w: {"pk": w.story_waiting.pk},
        own={"lead": 403},
        why="one step by a facilitator or coordinator; never by the author",
    ),
}
