"""Forms of the budget app. Validation only, no saving."""

from budget.forms.changes import (
    HolderProposalForm,
    OutOfPurposeForm,
    RefusalForm,
)
from budget.forms.ledger import FundForm, HolderForm, LineForm, ReallocationForm

__all__ = [
    "FundForm",
    "HolderForm",
    "HolderProposalForm",
    "LineForm",
    "OutOfPurposeForm",
    "ReallocationForm",
    "RefusalForm",
]
