"""Pure predicates: who may do what. No writes."""

from burgerkracht.accounts.roles import STAFF_ROLES, Role


def can_use_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_staff and user.has_role(Role.ADMINISTRATOR))


def can_see_staff_pages(user) -> bool:
    return bool(user.is_authenticated and user.has_role(*STAFF_ROLES))
