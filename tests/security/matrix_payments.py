"""Permission-matrix entries: payment orders and the bank's confirmations (SC-12).

Who may: `can_pay`'s people (facilitators, decision holders, coordinators) and the
administrators. Which payments follows the subject: the list shows an official only the
tranches of their initiatives and lines; an order's file is for who sent it (and the
coordinators and administrators), a confirmation file for who read it: for another official
they are not there (404). The bank account is the residents' (the lead's) until the first
payment order."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import OTHERS, Entry, only

PAYMENT_ROLES = (
    Role.FACILITATOR, Role.FACILITATOR_COORDINATOR, Role.BUDGET_DECISION_HOLDER,
    Role.ADMINISTRATOR,
)  # fmt: skip
SEE_ALL = (Role.FACILITATOR_COORDINATOR, Role.ADMINISTRATOR)
NOT_THERE = {"other_facilitator": 404, "other_holder": 404}

ENTRIES: dict = {
    "budget:payment-orders": Entry(
        only(*PAYMENT_ROLES),
        why="the page itself; which payments are on it follows the subject (test_payment_views)",
    ),
    "budget:payment-import": Entry(only(*PAYMENT_ROLES)),
    "budget:payment-order-file": Entry(
        {**only(*SEE_ALL), Role.FACILITATOR: 404, Role.BUDGET_DECISION_HOLDER: 404},
        kwargs=lambda w: {"pk": w.payment_order.pk, "fmt": "xlsx"},
        own={"facilitator": 200, "lead": 403},
        subject=NOT_THERE,
        why="an order's file: who sent it, coordinators and administrators; others: not there",
    ),
    "budget:payment-import-preview": Entry(
        {**only(*PAYMENT_ROLES, status=404)},
        kwargs=lambda w: {"pk": w.payment_import.pk},
        own={"facilitator": 200, "lead": 403},
        subject=NOT_THERE,
        why="a confirmation file is previewed and applied by who read it (their rights)",
    ),
    "budget:bank-account": Entry(
        only(),
        kwargs=lambda w: {"pk": w.app_granted.pk},
        own={"lead": 200, "co": 403, "facilitator": 403, "holder": 403},
        subject=OTHERS,
        why="the residents' lead gives the bank account, until the first payment order",
    ),
}
