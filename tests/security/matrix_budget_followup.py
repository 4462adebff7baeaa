"""Permission-matrix entries: after the grant (payments, evaluations with a visit, the
continuation decision, accountability). Rights follow the grant: its facilitator, the decision
holders of its line, its lead; the same roles tied to another dossier are refused (OTHERS)."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import OTHERS, Entry, only

ENTRIES: dict[str, Entry] = {
    "budget:pay": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.app_granted.pk, "tranche_pk": w.tranche.pk},
        own={"facilitator": 200, "holder": 200, "lead": 403, "professional": 403},
        subject=OTHERS,
        why="finance goes through the facilitators and the line's decision holders",
        foreign=lambda w: {"pk": w.app_granted.pk, "tranche_pk": w.foreign_tranche.pk},
    ),
    "budget:follow-up": Entry(only(Role.FACILITATOR, Role.FACILITATOR_COORDINATOR)),
    "budget:evaluation": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.evaluation.pk},
        own={"lead": 200, "facilitator": 200, "holder": 200, "professional": 403},
        subject=OTHERS,
    ),
    **{
        name: Entry(
            only(Role.FACILITATOR_COORDINATOR),
            kwargs=lambda w: {"pk": w.evaluation.pk},
            own={"facilitator": 200, "lead": 403, "holder": 403},
            subject=OTHERS,
            why="the facilitators plan the visit and write it down",
        )
        for name in ("budget:visit", "budget:evaluation-complete")
    },
    "budget:evaluation-step": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.evaluation.pk, "step": 3},
        own={"facilitator": 200, "lead": 403, "holder": 403},
        subject=OTHERS,
    ),
    "budget:resident-view": Entry(
        only(),
        kwargs=lambda w: {"pk": w.evaluation.pk},
        own={"lead": 200, "facilitator": 403, "holder": 403},
        subject=OTHERS,
        why="the residents' own view, in their own words",
    ),
    **{
        name: Entry(
            only(),
            kwargs=lambda w: {"pk": w.evaluation_recorded.pk},
            own={"holder": 200, "facilitator": 403, "lead": 403},
            subject=OTHERS,
            why="only a decision holder of the line decides how it continues",
        )
        for name in ("budget:continuation", "budget:evaluation-reopen")
    },
    "budget:accountability": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.accountability.pk},
        own={"lead": 200, "facilitator": 200, "holder": 200, "professional": 403},
        subject=OTHERS,
    ),
    "budget:accountability-step": Entry(
        only(),
        kwargs=lambda w: {"pk": w.accountability.pk, "step": 3},
        own={"lead": 200, "facilitator": 403, "holder": 403},
        subject=OTHERS,
    ),
    "budget:accountability-submit": Entry(
        only(),
        kwargs=lambda w: {"pk": w.accountability.pk},
        own={"lead": 200, "facilitator": 403, "holder": 403},
        subject=OTHERS,
    ),
    "budget:accountability-file": Entry(
        only(),
        kwargs=lambda w: {"pk": w.accountability.pk},
        own={"lead": 405, "facilitator": 403},
        subject=OTHERS,
        why="the upload form lives on step 3; this address takes POST only",
    ),
    **{
        name: Entry(
            only(Role.FACILITATOR_COORDINATOR),
            kwargs=lambda w: {"pk": w.accountability_submitted.pk},
            own={"facilitator": 200, "lead": 403, "holder": 403},
            subject=OTHERS,
            why="the facilitators check completeness and settle",
        )
        for name in ("budget:accountability-ask", "budget:settle")
    },
}
