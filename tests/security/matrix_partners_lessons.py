"""Permission-matrix entries: partners' contributions (F-S17) and the lessons library (F-S10).

A contribution follows its initiative: its own facilitators and the coordinators record and
judge it; its initiators read it on the initiative's page; a facilitator of another initiative
may not touch it. Lessons belong to the city: every facilitator and coordinator writes,
searches and publishes them; an unpublished lesson does not exist for anybody else (404)."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import ANONYMOUS, LOGIN, OTHERS, ROLES, Entry, everyone, only

OFFICIALS = (Role.FACILITATOR, Role.FACILITATOR_COORDINATOR)


def _officials_else(status: int | str, anonymous: int | str) -> dict[str, int | str]:
    return {
        role: 200 if role in OFFICIALS else (anonymous if role == ANONYMOUS else status)
        for role in ROLES
    }


# A lesson is the city's, not a dossier's: another initiative's facilitator sees it too.
CITY_WIDE = {"other_facilitator": 200, "other_holder": 404}

ENTRIES: dict = {
    "initiatives:contribution-create": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.active.pk},
        own={"facilitator": 200, "lead": 403, "co": 403},
        subject=OTHERS,
        why="its own facilitators and the coordinators record a partner's promise",
    ),
    "initiatives:contribution-judge": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.active.pk, "contribution_pk": w.contribution.pk},
        own={"facilitator": 200, "lead": 403, "co": 403},
        subject=OTHERS,
        foreign=lambda w: {"pk": w.active.pk, "contribution_pk": w.foreign_contribution.pk},
        why="a facilitator of another initiative may not judge (or edit) its partners",
    ),
    "budget:evaluation-partners": Entry(
        only(Role.FACILITATOR_COORDINATOR),
        kwargs=lambda w: {"pk": w.evaluation.pk},
        own={"facilitator": 200, "lead": 403, "holder": 403},
        subject=OTHERS,
        why="part of writing down the evaluation: as its steps",
    ),
    "initiatives:lessons": Entry(everyone(), why="the public list of published lessons"),
    "initiatives:lessons-officials": Entry(only(*OFFICIALS), why="the officials' search"),
    "initiatives:lesson-create": Entry(only(*OFFICIALS), why="officials write lessons down"),
    "initiatives:lesson": Entry(
        _officials_else(404, 404),
        kwargs=lambda w: {"pk": w.lesson.pk},
        own={"facilitator": 200, "lead": 404, "co": 404},
        subject=CITY_WIDE,
        why="not published: officials only; published: everyone (test_partner_lesson_views)",
    ),
    "initiatives:lesson-guide": Entry(
        _officials_else(404, 404),
        kwargs=lambda w: {"pk": w.lesson.pk},
        own={"facilitator": 200, "lead": 404},
        subject=CITY_WIDE,
        why="the rights of the lesson itself",
    ),
    "initiatives:lesson-publication": Entry(
        _officials_else(404, LOGIN),
        kwargs=lambda w: {"pk": w.lesson.pk},
        own={"facilitator": 200, "lead": 404},
        subject=CITY_WIDE,
        why="publish with consent or take off: any facilitator or coordinator",
    ),
}
