"""The demo login per role: the first e-mail of that role in seed_demo's USERS."""

from __future__ import annotations

from burgerkracht.accounts.roles import Role
from burgerkracht.seeding.demo.core import USERS

# The demo login per role (the first one listed, e.g. facilitator@example.org).
LOGIN: dict[str, str] = {}
for _email, _name, _role, _neighbourhood in USERS:
    LOGIN.setdefault(_role, _email)

RESIDENT = LOGIN[Role.RESIDENT]
PROFESSIONAL = LOGIN[Role.PROFESSIONAL]
FACILITATOR = LOGIN[Role.FACILITATOR]
COORDINATOR = LOGIN[Role.FACILITATOR_COORDINATOR]
HOLDER = LOGIN[Role.BUDGET_DECISION_HOLDER]
ASD_MEMBER = LOGIN[Role.ASD_MEMBER]
BO_PLUS = LOGIN[Role.BO_PLUS_REPRESENTATIVE]
ASD_SECRETARY = LOGIN[Role.ASD_SECRETARY]
ADVICE_COORDINATOR = LOGIN[Role.ADVICE_COORDINATOR]
READ_ONLY = LOGIN[Role.READ_ONLY]
ADMINISTRATOR = LOGIN[Role.ADMINISTRATOR]
ANONYMOUS = None
