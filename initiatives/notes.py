"""Internal notes (aantekeningen) of officials on an initiative or one of its applications.

Kept apart from `Message`, which the residents read: a note is never on a resident's page,
in their e-mail or in their data export. Append-only: `save_note` is the only write; it is
called by `add_note` here for a note on the initiative (`InternalNote`) and by
`budget.notes.add_note` for a note on an application (`budget.ApplicationNote`), each after
asking its own app's `can_add_note`.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from initiatives import permissions
from initiatives.models import AbstractInternalNote, Initiative, InternalNote

Note = TypeVar("Note", bound=AbstractInternalNote)


@transaction.atomic
def add_note(*, by, text: str, initiative: Initiative) -> InternalNote:
    """Save a note on the initiative itself. The audit trail records who and on what, never
    the text."""
    if not permissions.can_add_note(by, initiative):
        raise DomainError(_("You cannot add a note here."))
    note = InternalNote(initiative=initiative, author=by, text=text)
    return save_note(note, subject=initiative, action="initiative.note_added")


def save_note(note: Note, *, subject: Model, action: str) -> Note:
    """Write a new note once the caller has asked its permission (in the caller's
    transaction), and record `action` on `subject` with the note's id."""
    note.text = (note.text or "").strip()
    if not note.text:
        raise DomainError(_("Write the note first."))
    note.full_clean()
    note.save()
    AuditEvent.record(subject=subject, actor=note.author, action=action, data={"note": note.pk})
    return note


def notes_of(initiative: Initiative) -> QuerySet[InternalNote]:
    """The notes on the initiative itself, oldest first."""
    return InternalNote.objects.filter(initiative=initiative).select_related("author")
