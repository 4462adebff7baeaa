"""Forms of the budget app. Validation only, no saving."""

from budget.forms.ledger import FundForm, HolderForm, LineForm, ReallocationForm

__all__ = ["FundForm", "HolderForm", "LineForm", "ReallocationForm"]
