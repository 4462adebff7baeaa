"""Choices of the support requests and the jager (WF-6, F-S04). A leaf module: imports
nothing else from the project. Who may move a request is in initiatives/support_rules.py;
this is only what may follow what."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleDomain(models.TextChoices):
    """The rule domains of SC-07 ("regels uit veel domeinen", PP-06)."""

    PUBLIC_SPACE = "public_space", _("Public space (openbare ruimte)")
    ARBO = "arbo", _("Health and safety at work (Arbo)")
    WORK = "work", _("Work and displacement (werk/verdringing)")
    CARE = "care", _("Care and day activities (zorg/dagbesteding)")
    HOUSING = "housing", _("Housing (huisvesting)")
    PERMITS = "permits", _("Permits (vergunningen)")
    INSURANCE = "insurance", _("Insurance (verzekering)")
    OTHER = "other", _("Something else")


class SupportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    HANDED_OVER = "handed_over", _("Passed on, waiting for an answer")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A request that is passed on stays open (handed_over → handed_over is the next hand-off).
# Answered and withdrawn are final: asking again is a new request. The initiative's own
# status is never touched by a request (BR-08).
SUPPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    SupportStatus.OPEN: frozenset({SupportStatus.HANDED_OVER, SupportStatus.ANSWERED,
                                   SupportStatus.WITHDRAWN}),
    SupportStatus.HANDED_OVER: frozenset({SupportStatus.HANDED_OVER, SupportStatus.ANSWERED,
                                          SupportStatus.WITHDRAWN}),
    SupportStatus.ANSWERED: frozenset(),
    SupportStatus.WITHDRAWN: frozenset(),
}  # fmt: skip

WAITING: tuple[str, ...] = (SupportStatus.OPEN, SupportStatus.HANDED_OVER)
