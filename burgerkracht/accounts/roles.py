"""The roles of the portal. Each role is a Django group whose name is the role's value.

A leaf module: imports nothing else from the project, so migrations can use it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    FACILITATOR = "facilitator", _("Facilitator")
    FACILITATOR_COORDINATOR = "facilitator_coordinator", _("Facilitator coordinator")
    BUDGET_DECISION_HOLDER = "budget_decision_holder", _("Budget decision holder")
    PROFESSIONAL = "professional", _("Professional")
    ASD_MEMBER = "asd_member", _("ASD member")
    BO_PLUS_REPRESENTATIVE = "bo_plus_representative", _("BO+ representative")
    ASD_SECRETARY = "asd_secretary", _("ASD secretary")
    ADVICE_COORDINATOR = "advice_coordinator", _("Advice coordinator")
    READ_ONLY = "read_only", _("Read-only (college, council, management)")
    ADMINISTRATOR = "administrator", _("Administrator")


# The municipality's own roles. They must use two-factor authentication.
STAFF_ROLES: frozenset[str] = frozenset(
    {
        Role.FACILITATOR,
        Role.FACILITATOR_COORDINATOR,
        Role.BUDGET_DECISION_HOLDER,
        Role.ADVICE_COORDINATOR,
        Role.READ_ONLY,
        Role.ADMINISTRATOR,
    }
)
