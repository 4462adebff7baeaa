"""Internal notes of officials on an application: written by initiatives.notes (one model, one
list of notes per dossier), allowed by this app's rule (permissions.can_add_note)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from budget import permissions
from budget.models import Application
from burgerkracht.core.exceptions import DomainError
from initiatives.models import InternalNote
from initiatives.notes import save_note


@transaction.atomic
def add_note(*, by, text: str, application: Application) -> InternalNote:
    """Save a note on the application. The audit trail records who and on what, never the
    text."""
    if not permissions.can_add_note(by, application):
        raise DomainError(_("You cannot add a note here."))
    return save_note(by=by, text=text, initiative=application.initiative, subject=application,
                     application=application, action="application.note_added")  # fmt: skip
