"""The budget app's models: the ledger, and the applications that draw on it."""

from budget.models.application import (
    MAX_LEAD_RESIDENTS,
    MAX_SIGNS,
    Application,
    Attachment,
    CostLine,
    LeadResident,
    Letter,
    ProfessionalAdvice,
    ResultSign,
)
from budget.models.changes import BudgetChange
from budget.models.followup import (
    Accountability,
    Evaluation,
    SignObservation,
    SignResult,
    Spending,
)
from budget.models.ledger import (
    ZERO,
    Award,
    BudgetLine,
    Fund,
    IntegrityEntry,
    LineType,
    Tranche,
    money,
)
from budget.models.letter_texts import LetterText
from budget.models.notes import ApplicationNote
from budget.models.payments import PaymentImport, PaymentOrder
from budget.models.post import ApplicationPostItem

__all__ = [
    "MAX_LEAD_RESIDENTS",
    "MAX_SIGNS",
    "ZERO",
    "Accountability",
    "Application",
    "ApplicationNote",
    "ApplicationPostItem",
    "Attachment",
    "Award",
    "BudgetChange",
    "BudgetLine",
    "CostLine",
    "Evaluation",
    "Fund",
    "IntegrityEntry",
    "LeadResident",
    "Letter",
    "LetterText",
    "LineType",
    "PaymentImport",
    "PaymentOrder",
    "ProfessionalAdvice",
    "ResultSign",
    "SignObservation",
    "SignResult",
    "Spending",
    "Tranche",
    "money",
]  # fmt: skip
