"""Permission-matrix entries of the advice register: the answer, the promises and the
evaluation. A plain role user has no body membership: body roles see nothing of a body's
own pages; the people tied to the objects are in `own`."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import Entry, everyone, logged_in, only  # noqa: F401

R = Role
INTERNAL = (R.ADVICE_COORDINATOR, R.ADMINISTRATOR, R.READ_ONLY)
EDITORS = (R.ADVICE_COORDINATOR, R.ADMINISTRATOR)
COORDINATOR = (R.ADVICE_COORDINATOR,)
# The people of the ASD: the draft and approved answer are internal.
BODY_NO = {"adv.asd_member": 403, "adv.asd_secretary": 403, "adv.bo_member": 403}


def _pk(name):
    return lambda w: {"pk": getattr(w.adv, name).pk}


ENTRIES: dict[str, Entry] = {
    "advice:answer": Entry(
        only(*INTERNAL),
        kwargs=_pk("draft_answer"),
        own={**BODY_NO, "adv.coordinator": 200},
        why="the draft answer is internal; the published one: see test_answer_views",
    ),
    "advice:answer-promise-add": Entry(
        only(*EDITORS), kwargs=_pk("draft_answer"), own={**BODY_NO, "adv.coordinator": 200}
    ),
    "advice:answer-promise-remove": Entry(
        only(*EDITORS),
        kwargs=lambda w: {
            "pk": w.adv.draft_answer.pk,
            "promise_pk": w.adv.draft_answer.answer.planned_promises.first().pk,
        },
        own={**BODY_NO, "adv.coordinator": 200},
        foreign=lambda w: {
            "pk": w.adv.draft_answer.pk,
            "promise_pk": w.adv.approved.answer.planned_promises.first().pk,
        },
    ),
    "advice:answer-approve": Entry(
        only(*COORDINATOR), kwargs=_pk("draft_answer"), own={**BODY_NO, "adv.coordinator": 200}
    ),
    "advice:answer-reopen": Entry(
        only(*COORDINATOR), kwargs=_pk("approved"), own={**BODY_NO, "adv.coordinator": 200}
    ),
    "advice:answer-publish": Entry(
        only(*COORDINATOR), kwargs=_pk("approved"), own={**BODY_NO, "adv.coordinator": 200}
    ),
    "advice:evaluation": Entry(
        only(*INTERNAL),
        kwargs=_pk("answered"),
        own={
            "adv.asd_member": 200,
            "adv.asd_secretary": 200,
            "adv.bo_member": 403,
            "adv.coordinator": 200,
        },
        why="filled jointly by the advice's body and the municipality",
    ),
    "advice:promises": Entry(only(*INTERNAL)),
    "advice:promise-detail": Entry(
        only(*INTERNAL),
        kwargs=lambda w: {"pk": w.adv.promise.pk},
        own={"adv.asd_member": 200, "adv.bo_member": 200, "adv.promise_owner": 200},
    ),
}
# SC-10: agendas and promises on their own (docs/decisions/0016). Rights follow the agenda:
# the members of the working group that handed it in (ViP) follow it, other bodies' not.
AGENDA_OWN = {"adv.vip_member": 200, "adv.asd_member": 403, "adv.asd_secretary": 403,
              "adv.bo_member": 403, "adv.coordinator": 200}  # fmt: skip
MANAGE_OWN = {**AGENDA_OWN, "adv.vip_member": 403, "adv.agenda_owner": 403}
ENTRIES.update({
    "advice:agendas": Entry(only(*INTERNAL), own={"adv.vip_member": 200, "adv.asd_member": 200},
                            why="the list: a body member sees only their own body's agendas"),
    "advice:agenda-create": Entry(only(*EDITORS)),
    "advice:agenda-example": Entry(only(*EDITORS), kwargs={"fmt": "xlsx"}),
    "advice:promise-create": Entry(only(*EDITORS)),
    "advice:agenda-detail": Entry(
        only(*INTERNAL), kwargs=lambda w: {"pk": w.adv.agenda.pk},
        own={**AGENDA_OWN, "adv.agenda_owner": 403},
        why="progress of an agenda: the municipality and the group that handed it in",
    ),
    "advice:agenda-import": Entry(
        only(*EDITORS), kwargs=lambda w: {"pk": w.adv.agenda.pk}, own=MANAGE_OWN
    ),
    "advice:agenda-change": Entry(
        only(*EDITORS), kwargs=lambda w: {"pk": w.adv.agenda.pk}, own=MANAGE_OWN
    ),
    "advice:promise-change": Entry(
        only(*EDITORS), kwargs=lambda w: {"pk": w.adv.agenda_promise.pk}, own=MANAGE_OWN
    ),
})  # fmt: skip
