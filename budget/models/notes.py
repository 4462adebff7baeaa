"""Officials' internal notes on an application: the same kind of note as on an initiative
(initiatives.models.AbstractInternalNote), owned by this app, so the foreign key runs from
budget to what it stands on (docs/architecture.md)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budget.models.application import Application
from initiatives.models import AbstractInternalNote


class ApplicationNote(AbstractInternalNote):
    """An official's note on one Samen Sterk application; it goes with the application's
    dossier (budget/retention.py)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="internal_notes",
        verbose_name=_("application"),
    )  # fmt: skip

    class Meta(AbstractInternalNote.Meta):
        indexes = [models.Index(fields=["application", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="application_note_has_text")
        ]
