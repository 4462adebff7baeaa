"""Choices of the budget ledger. A leaf: imports nothing from the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FundStatus(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("fund status", "Being prepared")
    OPEN = "open", pgettext_lazy("fund status", "Open")
    CLOSED = "closed", pgettext_lazy("fund status", "Closed")


FUND_TRANSITIONS: dict[str, frozenset[str]] = {
    FundStatus.PREPARING: frozenset({FundStatus.OPEN}),
    FundStatus.OPEN: frozenset({FundStatus.CLOSED}),
    FundStatus.CLOSED: frozenset(),
}


class IntegrityAct(models.TextChoices):
    """The logged acts of the budget-integrity log ("Laat het budget heel")."""

    REALLOCATION = "reallocation", _("Money moved between lines")
    HOLDER_ADDED = "holder_added", _("Decision holder added")
    HOLDER_REMOVED = "holder_removed", _("Decision holder removed")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("application status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("application status", "Sent in")
    IN_ASSESSMENT = "in_assessment", pgettext_lazy("application status", "Being checked")
    AWAITING_DECISION = (
        "awaiting_decision",
        pgettext_lazy("application status", "Waiting for the decision"),
    )
    GRANTED = "granted", pgettext_lazy("application status", "Granted")
    PARTLY_GRANTED = "partly_granted", pgettext_lazy("application status", "Partly granted")
    REJECTED = "rejected", pgettext_lazy("application status", "Not granted")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")


_S = ApplicationStatus
# draft → submitted → in assessment → awaiting decision → granted | partly granted | rejected.
# The facilitator can hand an incomplete application back (→ draft); the decision holder can
# hand it back for more checking (→ in assessment); residents can withdraw until it is decided.
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.DRAFT: frozenset({_S.SUBMITTED, _S.WITHDRAWN}),
    _S.SUBMITTED: frozenset({_S.IN_ASSESSMENT, _S.WITHDRAWN}),
    _S.IN_ASSESSMENT: frozenset({_S.DRAFT, _S.AWAITING_DECISION, _S.WITHDRAWN}),
    _S.AWAITING_DECISION: frozenset(
        {_S.IN_ASSESSMENT, _S.GRANTED, _S.PARTLY_GRANTED, _S.REJECTED, _S.WITHDRAWN}
    ),
    _S.GRANTED: frozenset(),
    _S.PARTLY_GRANTED: frozenset(),
    _S.REJECTED: frozenset(),
    _S.WITHDRAWN: frozenset(),
}
DECIDED_STATUSES = frozenset({_S.GRANTED, _S.PARTLY_GRANTED, _S.REJECTED})
OPEN_STATUSES = frozenset({_S.SUBMITTED, _S.IN_ASSESSMENT, _S.AWAITING_DECISION})


class Outcome(models.TextChoices):
    """What the decision holder decides; the application's status follows from it."""

    GRANT = "granted", _("Grant")
    PARTLY = "partly_granted", _("Grant in part")
    REJECT = "rejected", _("Do not grant")


class LetterKind(models.TextChoices):
    GRANT = "grant", _("Grant letter")
    REJECTION = "rejection", _("Rejection letter")
    AMENDMENT = "amendment", _("Amendment letter")


# The steps of the application, in order: (number, title). Views and templates read this.
APPLICATION_STEPS: list[tuple[int, str]] = [
    (1, _("The result you want")),
    (2, _("Goal and means")),
    (3, _("Who takes part")),
    (4, _("Money")),
    (5, _("Time and backup")),
    (6, _("Attachments")),
]
