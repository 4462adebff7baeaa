"""Permission-matrix entries of the advice register: the register, requests, the advice pages
and the public pages. A plain role user has no membership of a body, so the body roles see
nothing internal without one; the members tied to the objects are in `world.adv`."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import Entry, everyone, only

INTERNAL = only(Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR, Role.READ_ONLY)
EDITORS = only(Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR)
NOBODY_BY_ROLE = only()
# The own body edits its concept; another body never sees it.
OWN_CONCEPT = {"adv.asd_member": 200, "adv.asd_secretary": 200, "adv.bo_member": 403}
MUNICIPALITY_ONLY = {"adv.asd_member": 403, "adv.asd_secretary": 403, "adv.bo_member": 403}


def _pk(name):
    return lambda w: {"pk": getattr(w.adv, name).pk}


ENTRIES: dict[str, Entry] = {
    # --- documents (none in the world: allowed is a 404, refused a 403; test_documents) ------
    "advice:advice-document": Entry(
        only(Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR, Role.READ_ONLY, status=404),
        kwargs=_pk("other_concept"),
        own={"adv.bo_member": 404, "adv.asd_member": 403},
        why="another body's concept stays closed, also its document",
    ),
    "advice:request-document": Entry(
        only(Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR, Role.READ_ONLY, status=404),
        kwargs=_pk("advice_request"),
        own={"adv.asd_member": 404, "adv.bo_member": 403},
    ),
    # --- public ------------------------------------------------------------------------------
    "advice:public-list": Entry(everyone(200)),
    "advice:public-detail": Entry(everyone(200), kwargs=_pk("answered")),
    "advice:public-feed": Entry(everyone(200), why="the Atom feed of new publications (Woo)"),
    "advice:public-reference": Entry(
        everyone(301),
        kwargs=lambda w: {"reference": w.adv.answered.reference},
        own={"adv.asd_member": 301, "adv.bo_member": 301},
        why="the reference leads to the public page that never moves, for everyone",
    ),
    "advice:public-pdf": Entry(
        everyone(200),
        kwargs=_pk("answered"),
        own={"adv.asd_member": 200, "adv.bo_member": 200},
        why="the published answer of a public advice is for everyone",
    ),
    # --- the register ------------------------------------------------------------------------
    "advice:register": Entry(
        INTERNAL,
        why="body roles need a current membership of a body",
    ),
    "advice:advice-create": Entry(EDITORS),
    "advice:advice-detail": Entry(
        INTERNAL,
        kwargs=_pk("concept"),
        own=OWN_CONCEPT,
        why="a concept is for its own body and the municipality only",
    ),
    "advice:advice-edit": Entry(EDITORS, kwargs=_pk("concept"), own=OWN_CONCEPT),
    "advice:recommendations": Entry(EDITORS, kwargs=_pk("concept"), own=OWN_CONCEPT),
    "advice:advice-send": Entry(EDITORS, kwargs=_pk("concept"), own=OWN_CONCEPT),
    "advice:advice-withdraw": Entry(EDITORS, kwargs=_pk("concept"), own=OWN_CONCEPT),
    "advice:advice-take-back": Entry(
        NOBODY_BY_ROLE,
        kwargs=_pk("final"),
        own={
            "adv.asd_member": 200,
            "adv.asd_secretary": 200,
            "adv.bo_member": 403,
            "adv.coordinator": 403,
        },
        why="only the body itself takes its advice back, before the answer is started",
    ),
    "advice:advice-contacts": Entry(EDITORS, kwargs=_pk("final"), own=MUNICIPALITY_ONLY),
    "advice:advice-public": Entry(
        EDITORS,
        kwargs=_pk("final"),
        own={"adv.asd_secretary": 200, "adv.asd_member": 403, "adv.bo_member": 403},
        why="the municipality or the body's secretary decides on publication",
    ),
    "advice:answer-pdf": Entry(
        INTERNAL,
        kwargs=_pk("answered"),
        own={"adv.asd_member": 200, "adv.bo_member": 200, "adv.promise_owner": 200},
    ),
    # --- requests ----------------------------------------------------------------------------
    "advice:request-create": Entry(EDITORS),
    "advice:request-detail": Entry(
        INTERNAL,
        kwargs=_pk("advice_request"),
        own={"adv.asd_member": 200, "adv.asd_secretary": 200, "adv.bo_member": 403},
    ),
    "advice:request-edit": Entry(EDITORS, kwargs=_pk("advice_request"), own=MUNICIPALITY_ONLY),
    "advice:request-lapse": Entry(EDITORS, kwargs=_pk("advice_request"), own=MUNICIPALITY_ONLY),
    "advice:request-withdraw": Entry(EDITORS, kwargs=_pk("advice_request"), own=MUNICIPALITY_ONLY),
}
