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
