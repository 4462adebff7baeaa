"""Who may see and work on decisions. Pure predicates."""

from burgerkracht.accounts.roles import Role

EDITOR_ROLES = (
    Role.FACILITATOR,
    Role.FACILITATOR_COORDINATOR,
    Role.BUDGET_DECISION_HOLDER,
    Role.ADVICE_COORDINATOR,
    Role.ADMINISTRATOR,
)


def can_view_decisions(user) -> bool:
    return user.is_authenticated and user.has_role(*EDITOR_ROLES, Role.READ_ONLY)


def can_edit_decisions(user) -> bool:
    return user.is_authenticated and user.has_role(*EDITOR_ROLES)


def can_edit_decision(user, decision) -> bool:
    return can_edit_decisions(user) and not decision.is_final


def can_reflect(user, decision) -> bool:
    return can_edit_decisions(user) and decision.is_final


def can_publish_meetlat(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)
