"""The subject dimension of the matrix for decisions (issue #23): a decision record's rights
follow what it is about, so every decision page is tried for every kind of subject, by the
people responsible for it and by officials of the same role responsible for another one.

Keys of a case's statuses: a World relation ("holder", "adv.coordinator") or "role:<role>"
(a fresh user with that role and no tie). A subject kind registered in `meetlat/subjects.py` without
cases here fails `test_every_decision_subject_kind_is_in_the_matrix`.
"""

from burgerkracht.accounts.roles import Role

R = Role
ROLE = {role: f"role:{role}" for role in Role.values}  # a fresh user with that role, no tie
DRAFT_PAGES = ("meetlat:decision-detail", "meetlat:decision-edit", "meetlat:triad",
               "meetlat:meetlat", "meetlat:finalise")  # fmt: skip
FINAL_PAGES = ("meetlat:pdf", "meetlat:reflection")

# Who reads a grant's decision: the application's internal side.
GRANT_READ = {
    "holder": 200, "facilitator": 200, ROLE[R.FACILITATOR_COORDINATOR]: 200,
    "other_holder": 403, "other_facilitator": 403, ROLE[R.ADVICE_COORDINATOR]: 403,
    ROLE[R.READ_ONLY]: 403, ROLE[R.ADMINISTRATOR]: 403, "lead": 403,
}  # fmt: skip
# Who prepares it: the holder and the facilitators; nobody else, however senior.
GRANT_PREPARE = {**GRANT_READ, ROLE[R.READ_ONLY]: 403}
# Made final only when the holder publishes it on the application (budget:publish).
GRANT_FINALISE = {**GRANT_PREPARE, "holder": 403, "facilitator": 403,
                  ROLE[R.FACILITATOR_COORDINATOR]: 403}  # fmt: skip

ANSWER_READ = {
    "adv.coordinator": 200, ROLE[R.READ_ONLY]: 200, ROLE[R.ADMINISTRATOR]: 200,
    "facilitator": 403, "holder": 403, "adv.asd_member": 403,
}  # fmt: skip
ANSWER_PREPARE = {**ANSWER_READ, ROLE[R.READ_ONLY]: 403}
ANSWER_FINALISE = {**ANSWER_PREPARE, "adv.coordinator": 403, ROLE[R.ADMINISTRATOR]: 403}

POLICY_READ = {"facilitator": 200, "other_facilitator": 200, ROLE[R.READ_ONLY]: 200, "holder": 200}
POLICY_PREPARE = {"facilitator": 200, "other_facilitator": 403, "holder": 403,
                  ROLE[R.ADVICE_COORDINATOR]: 403, ROLE[R.ADMINISTRATOR]: 403}  # fmt: skip


def _draft_pages(model, decision, read, prepare, finalise):
    pages = dict.fromkeys(DRAFT_PAGES, prepare)
    pages.update({"meetlat:decision-detail": read, "meetlat:finalise": finalise})
    return {(model, page): (decision, statuses) for page, statuses in pages.items()}


SUBJECT_CASES = {
    **_draft_pages("budget.application", lambda w: w.app_awaiting.decision,
                   GRANT_READ, GRANT_PREPARE, GRANT_FINALISE),
    ("budget.application", "meetlat:pdf"): (lambda w: w.app_granted.decision, GRANT_READ),
    ("budget.application", "meetlat:reflection"): (
        lambda w: w.app_granted.decision, {**GRANT_READ, ROLE[R.FACILITATOR_COORDINATOR]: 200},
    ),
    **_draft_pages("budget.evaluation", lambda w: w.evaluation_recorded.decision,
                   GRANT_READ, GRANT_PREPARE, GRANT_FINALISE),
    **_draft_pages("advice.answer", lambda w: w.adv.draft_answer.answer.decision,
                   ANSWER_READ, ANSWER_PREPARE, ANSWER_FINALISE),
    **_draft_pages("meetlat.policydecision", lambda w: w.draft_decision,
                   POLICY_READ, POLICY_PREPARE, POLICY_PREPARE),
    ("meetlat.policydecision", "meetlat:pdf"): (lambda w: w.final_decision, POLICY_READ),
    ("meetlat.policydecision", "meetlat:reflection"): (lambda w: w.final_decision, POLICY_PREPARE),
}  # fmt: skip
