"""The Samen Sterk part of "download my data" (burgerkracht/accounts data export): what the
residents wrote in their applications, evaluations and accountability."""

from __future__ import annotations

from budget.selectors import applications_of


def export_for_user(user) -> list[dict]:
    """The applications part of "download my data": what the residents wrote in their
    applications, evaluations and accountability, their consents, and the files by name."""
    from budget.models import Accountability, Evaluation

    rows = []
    for a in applications_of(user).prefetch_related(
        "signs", "cost_lines", "attachments", "lead_residents"
    ):
        evaluations = Evaluation.objects.filter(application=a).exclude(resident_view="")
        accountability = Accountability.objects.filter(application=a).first()
        rows.append(
            {
                "initiative": a.initiative.title,
                "fund": a.fund.name,
                "status": a.status,
                "organisation_name": a.organisation_name,
                "residents_in_lead": a.residents_in_lead,
                "kvk_number": a.kvk_number,
                "bank_account": a.iban,
                "bank_account_in_the_name_of": a.account_holder,
                "lead_residents": [
                    {"name": lead.name, "email": lead.email} for lead in a.lead_residents.all()
                ],
                "one_off_event_on": str(a.event_on) if a.is_one_off and a.event_on else None,
                "result_who": a.result_who,
                "result_how": a.result_how,
                "result_difference": a.result_difference,
                "signs": [s.text for s in a.signs.all()],
                "goal": a.goal,
                "means": a.means,
                "expected_participants": a.expected_participants,
                "reach": a.reach,
                "costs": [
                    {"what": c.description, "amount": str(c.amount)} for c in a.cost_lines.all()
                ],
                "own_contribution": str(a.own_contribution),
                "other_funds": str(a.other_funds),
                "other_funds_description": a.other_funds_description,
                "requested_amount": str(a.requested_amount) if a.requested_amount else None,
                "starts_on": str(a.starts_on) if a.starts_on else None,
                "ends_on": str(a.ends_on) if a.ends_on else None,
                "evaluation_wishes": a.evaluation_wishes,
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
                "granted_amount": str(a.granted_amount)
                if a.is_decided and a.granted_amount
                else None,
                "attachments": [f.name for f in a.attachments.all()],
                "evaluations": [
                    {"date": str(e.planned_on), "residents_view": e.resident_view}
                    for e in evaluations
                ],
                "accountability": _accountability_export(accountability),
            }
        )
    return rows


def _accountability_export(accountability) -> dict | None:
    if accountability is None:
        return None
    return {
        "status": accountability.status,
        "result_reached": accountability.result_reached,
        "what_got_in_the_way": accountability.what_got_in_the_way,
        "participants": accountability.participants,
        "activities": accountability.activities,
        "resident_input": accountability.resident_input,
        "story": accountability.story,
        "consent_story_public": accountability.story_public,
        "lessons": accountability.lessons,
        "next_step": accountability.next_step,
        "met_again": accountability.met_again,
        "met_again_story": accountability.met_again_story,
        "spent": [{"what": s.cost_line.description, "amount": str(s.spent), "note": s.note}
                  for s in accountability.spending.select_related("cost_line")],
        "submitted_at": accountability.submitted_at.isoformat()
        if accountability.submitted_at else None,
    }  # fmt: skip
