"""The steps of a Samen Sterk application: which fields each step fills and when a step is
complete. Pure functions over an application; the services save, the views render."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budget.enums import APPLICATION_STEPS

if TYPE_CHECKING:
    from budget.models import Application

STEP_FIELDS: dict[int, list[str]] = {
    1: [
        "neighbourhood", "result_who", "result_how", "result_difference",
        "on_behalf_of_organisation", "organisation_name", "kvk_number",
    ],  # and the signs, and the residents in the lead (LeadResident)
    2: ["goal", "means"],
    3: ["expected_participants", "reach"],
    4: [
        "own_contribution", "other_funds", "other_funds_description", "requested_amount",
        "iban", "account_holder",
    ],
    5: ["starts_on", "ends_on", "is_one_off", "event_on", "evaluation_wishes"],  # and the backup
    6: [],  # attachments, optional
}  # fmt: skip
STEP_NUMBERS = [number for number, _title in APPLICATION_STEPS]


def backup(application: Application):
    """The initiative's backup initiator (invited or accepted), or None."""
    return next(
        (i for i in application.initiative.initiators.all() if i.is_backup and i.left_at is None),
        None,
    )


def has_backup(application: Application) -> bool:
    return backup(application) is not None


def available(application: Application):
    """What is left for the resident's own costs after their own money and other funds."""
    return application.total_costs - application.own_contribution - application.other_funds


def organisation_complete(application: Application) -> bool:
    """BR-05: the organisation's name and KvK number, and at least one resident in the lead
    with a name and an e-mail address (who is invited)."""
    a = application
    named = any(lead.name and lead.email for lead in a.leads)
    return bool(a.organisation_name.strip() and a.kvk_number) and named


def step_complete(application: Application, step: int) -> bool:
    a = application
    if step == 1:
        lead_named = not a.on_behalf_of_organisation or organisation_complete(a)
        has_sign = any(s.text.strip() for s in a.signs.all())
        return bool(a.result_who and a.result_how and a.result_difference and has_sign) and (
            lead_named
        )
    if step == 2:
        return bool(a.goal and a.means)
    if step == 3:
        return bool(a.expected_participants)
    if step == 4:
        return (
            bool(a.cost_lines.all())
            and a.requested_amount is not None
            and a.requested_amount <= available(a)
        )
    if step == 5:
        return bool(a.starts_on and a.ends_on and a.ends_on >= a.starts_on and has_backup(a)) and (
            not a.is_one_off or bool(a.event_on and a.starts_on <= a.event_on <= a.ends_on)
        )
    if step == 6:
        return True
    raise ValueError(step)


def missing_steps(application: Application) -> list[int]:
    return [step for step in STEP_NUMBERS if not step_complete(application, step)]
