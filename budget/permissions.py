"""Who may see the money and who manages it. Pure predicates."""

from burgerkracht.accounts.roles import Role

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
