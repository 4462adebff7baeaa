"""Permission-matrix entries: changes during the open period need a second person (SC-15,
SC-16). Administrators and facilitator coordinators propose and approve; the proposer sees
their own proposal (to withdraw it) but cannot approve it (tests/budget/test_change_views.py).
A decision holder, of this line or another, a facilitator, a resident and the read-only
council do not."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import OTHERS, Entry, only

PROPOSERS = (Role.ADMINISTRATOR, Role.FACILITATOR_COORDINATOR)

ENTRIES: dict = {
    "budget:changes": Entry(
        only(*PROPOSERS), why="the proposals to approve: administrators and coordinators"
    ),
    "budget:change": Entry(
        only(*PROPOSERS),
        kwargs=lambda w: {"pk": w.budget_change.pk},
        own={"budget_change.proposed_by": 200, "holder": 403},
        subject=OTHERS,
        why="the line's own decision holder does not approve changes to who decides",
    ),
    "budget:out-of-purpose": Entry(
        only(*PROPOSERS),
        kwargs=lambda w: {"pk": w.fund.pk},
        why="SC-16: proposing money out of Samen Sterk, for a second person to approve",
    ),
    # Once the period is open, moving money and changing who decides are proposals.
    "budget:reallocate": Entry(only(*PROPOSERS), kwargs=lambda w: {"pk": w.fund.pk}),
    "budget:holders": Entry(only(*PROPOSERS), kwargs=lambda w: {"pk": w.line.pk}),
}
