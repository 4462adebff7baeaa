"""Choices of decisions and the Meetlat. A leaf: imports nothing from the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DecisionKind(models.TextChoices):
    POLICY = "policy", _("Policy decision")
    GRANT = "grant", _("Grant decision")
    CONTINUATION = "continuation", _("Continuation decision")
    ADVICE_RESPONSE = "advice_response", _("Answer to an advice")
    OTHER = "other", pgettext_lazy("decision kind", "Other")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("decision status", "Internal draft")
    FINAL = "final", pgettext_lazy("decision status", "Final")


TRANSITIONS: dict[str, frozenset[str]] = {
    DecisionStatus.DRAFT: frozenset({DecisionStatus.FINAL}),
    DecisionStatus.FINAL: frozenset(),
}


class MeetlatAnswer(models.TextChoices):
    FULLY = "fully", _("Fully")
    PARTLY = "partly", _("Partly")
    NOT = "not", _("Not")
    NOT_APPLICABLE = "na", _("Not applicable")


# Principle 6, "We leren en verbeteren", asks for a later reflection.
REFLECTION_PRINCIPLE = 6
