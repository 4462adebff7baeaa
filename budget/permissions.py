"""Who may see the money, who manages it, and who does what with an application.
Pure predicates: no writes."""

from budget.enums import APPLICATION_TRANSITIONS, ApplicationStatus
from burgerkracht.accounts.roles import Role
from initiatives import permissions as initiative_permissions

VIEWERS = (
    Role.FACILITATOR,
    Role.FACILITATOR_COORDINATOR,
    Role.BUDGET_DECISION_HOLDER,
    Role.READ_ONLY,
    Role.ADMINISTRATOR,
)


def can_view_budget(user) -> bool:
    return user.is_authenticated and user.has_role(*VIEWERS)


def can_manage_budget(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


# --- Applications ---------------------------------------------------------------------------


def is_applicant(user, application) -> bool:
    return initiative_permissions.is_initiator(user, application.initiative)


def is_applicant_lead(user, application) -> bool:
    return initiative_permissions.is_lead(user, application.initiative)


def is_facilitator(user, application) -> bool:
    return initiative_permissions.is_facilitator(user, application.initiative)


is_coordinator = initiative_permissions.is_coordinator


def is_holder(user, application) -> bool:
    return (
        user.is_authenticated
        and application.line_id is not None
        and any(h.pk == user.pk for h in application.line.decision_holders.all())
    )


def is_advisor(user, application) -> bool:
    return user.is_authenticated and any(
        a.professional_id == user.pk for a in application.advice.all()
    )


def can_view_application(user, application) -> bool:
    if is_applicant(user, application):
        return True
    if application.submitted_at is None:
        return False
    if is_facilitator(user, application) or is_coordinator(user) or is_advisor(user, application):
        return True
    return application.status != ApplicationStatus.SUBMITTED and is_holder(user, application)


def can_edit_application(user, application) -> bool:
    return application.status == ApplicationStatus.DRAFT and is_applicant_lead(user, application)


def can_withdraw(user, application) -> bool:
    return ApplicationStatus.WITHDRAWN in APPLICATION_TRANSITIONS[
        application.status
    ] and is_applicant_lead(user, application)


def can_message(user, application) -> bool:
    return application.submitted_at is not None and (
        is_applicant(user, application) or is_facilitator(user, application)
    )


def can_assess(user, application) -> bool:
    return application.status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.IN_ASSESSMENT,
    ) and (is_facilitator(user, application) or is_coordinator(user))


def can_decide(user, application) -> bool:
    return application.status == ApplicationStatus.AWAITING_DECISION and is_holder(
        user, application
    )


def can_amend(user, application) -> bool:
    return application.status in (
        ApplicationStatus.GRANTED,
        ApplicationStatus.PARTLY_GRANTED,
    ) and is_holder(user, application)


def can_see_assessment(user, application) -> bool:
    """The internal checks and advice: the municipality's side only, never the residents."""
    return not is_applicant(user, application) and can_view_application(user, application)


def can_give_advice(user, advice) -> bool:
    return user.is_authenticated and advice.professional_id == user.pk and advice.given_at is None


def can_use_queue(user) -> bool:
    return user.is_authenticated and user.has_role(
        Role.FACILITATOR, Role.FACILITATOR_COORDINATOR, Role.BUDGET_DECISION_HOLDER
    )
