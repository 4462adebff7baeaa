"""Internal notes of officials on an application (ApplicationNote): the same kind of note as
on an initiative, written through initiatives.notes.save_note, allowed by this app's rule
(permissions.can_add_note)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from budget import permissions
from budget.models import Application, ApplicationNote
from burgerkracht.core.exceptions import DomainError
from initiatives.notes import save_note


@transaction.atomic
def add_note(*, by, text: str, application: Application) -> ApplicationNote:
    """Save a note on the application. The audit trail records who and on what, never the
    text."""
    if not permissions.can_add_note(by, application):
        raise DomainError(_("You cannot add a note here."))
    note = ApplicationNote(application=application, author=by, text=text)
    return save_note(note, subject=application, action="application.note_added")


def notes_of(application: Application) -> QuerySet[ApplicationNote]:
    """The notes on the application, oldest first."""
    return ApplicationNote.objects.filter(application=application).select_related("author")
