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


# --- Named role sets ---------------------------------------------------------------------------
# Every grouping of roles the portal checks is named here, once (issue #28); the apps import
# these names and spell no list of roles themselves (tests/accounts/test_role_sets.py checks).
# A name says what the people in it may do; two sets with the same members but a different
# reason keep their own names, so that one can change without the other.

# The municipality's own roles. They must use two-factor authentication, see "My tasks", pick
# the municipality's people in forms, and (everyone who works with the figures) the reports.
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

# Who starts an initiative or an application: residents and the professionals who help them.
INITIATOR_ROLES: frozenset[str] = frozenset({Role.RESIDENT, Role.PROFESSIONAL})

# Who facilitates initiatives: the officials' list, follow-up, stories to review.
FACILITATOR_ROLES: frozenset[str] = frozenset({Role.FACILITATOR, Role.FACILITATOR_COORDINATOR})

# Who oversees the facilitators' work as a whole: hand-overs, changes to a budget during the
# period (proposing and approving), every payment order and every letter in the post queue.
OVERSEER_ROLES: frozenset[str] = frozenset({Role.FACILITATOR_COORDINATOR, Role.ADMINISTRATOR})

# Who works through the application queue: the facilitators and the decision holders.
QUEUE_ROLES: frozenset[str] = FACILITATOR_ROLES | {Role.BUDGET_DECISION_HOLDER}

# Who exports payment orders and reads the bank's confirmations (SC-12).
PAYMENT_ROLES: frozenset[str] = QUEUE_ROLES | {Role.ADMINISTRATOR}

# Who reads the funds and budgets: the municipality's roles except the advice coordinator.
BUDGET_VIEWER_ROLES: frozenset[str] = STAFF_ROLES - {Role.ADVICE_COORDINATOR}

# Who sees the post queue: the facilitators (their initiatives' letters) and the overseers.
POST_QUEUE_ROLES: frozenset[str] = OVERSEER_ROLES | {Role.FACILITATOR}

# Who goes on a visit to an initiative: the facilitators and the professionals.
VISITOR_ROLES: frozenset[str] = FACILITATOR_ROLES | {Role.PROFESSIONAL}

# Who answers for continuity and sees every initiative at risk (a facilitator sees their own).
CONTINUITY_ROLES: frozenset[str] = OVERSEER_ROLES | {Role.READ_ONLY}

# Who reads the lead times of support requests (REP-16): the overseers and management.
SUPPORT_LEAD_TIME_ROLES: frozenset[str] = OVERSEER_ROLES | {Role.READ_ONLY}
# Who records and changes decisions in the Meetlat register; the read-only role sees them.
DECISION_EDITOR_ROLES: frozenset[str] = STAFF_ROLES - {Role.READ_ONLY}
DECISION_VIEWER_ROLES: frozenset[str] = DECISION_EDITOR_ROLES | {Role.READ_ONLY}

# The advice register. The municipality's side: who drafts, approves and publishes answers
# (editors), who reads everything, drafts included (internal), and who keeps watch over the
# whole agenda. The bodies' side: the roles that act for a body they are a member of.
ADVICE_EDITOR_ROLES: frozenset[str] = frozenset({Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR})
ADVICE_INTERNAL_ROLES: frozenset[str] = ADVICE_EDITOR_ROLES | {Role.READ_ONLY}
ADVICE_WATCHER_ROLES: frozenset[str] = frozenset({Role.ADVICE_COORDINATOR, Role.READ_ONLY})
BODY_ROLES: frozenset[str] = frozenset(
    {Role.ASD_MEMBER, Role.BO_PLUS_REPRESENTATIVE, Role.ASD_SECRETARY}
)
# Who works with the advice register (a body role shows it; the page checks membership).
ADVICE_REGISTER_ROLES: frozenset[str] = ADVICE_INTERNAL_ROLES | BODY_ROLES
# The advice report: aggregates only, from what the bodies already see.
ADVICE_REPORT_ROLES: frozenset[str] = STAFF_ROLES | BODY_ROLES
