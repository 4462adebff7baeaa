"""Permission-matrix entries: registering with a resident without e-mail (SC-11).

The professional who registered THIS initiative enters the resident and prints the consent
form; this initiative's facilitator and the coordinators may print the consent form too; the
professional and the facilitator make the claim letter. Taking over an account needs no login:
the code (and then the signed link) is the key."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import OTHERS, Entry, everyone, only

ENTRIES: dict = {
    "initiatives:resident-without-email": Entry(
        only(),
        kwargs=lambda w: {"pk": w.assisted.pk},
        own={"assistant": 200, "facilitator": 403},
        subject=OTHERS,
        why="only the professional who registers this draft with the resident",
    ),
    "initiatives:consent-form": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.assisted.pk},
        own={"assistant": 200, "facilitator": 200},
        subject=OTHERS,
        why="the professional, this initiative's facilitator and the coordinators",
    ),
    "initiatives:claim-letter": Entry(
        only(),
        kwargs=lambda w: {"pk": w.assisted.pk},
        own={"assistant": 200, "facilitator": 200},
        subject=OTHERS,
        why="the professional and this initiative's facilitator make a claim code",
    ),
    "claim:start": Entry(everyone(), why="no login: the code from the letter is the key"),
    "claim:confirm": Entry(
        everyone(302),
        kwargs={"token": "niet-geldig"},
        why="a wrong or stale link goes back to the start page (test_resident_without_email)",
    ),
}
