"""Internal notes (aantekeningen) of officials on an initiative or one of its applications.

Kept apart from `Message`, which the residents read: a note is never on a resident's page,
in their e-mail or in their data export. Append-only: `save_note` is the only write; it is
called by `add_note` here for a note on the initiative and by `budget.notes.add_note` for a
note on an application, each after asking its own app's `can_add_note`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from initiatives import permissions
from initiatives.models import Initiative, InternalNote


@transaction.atomic
def add_note(*, by, text: str, initiative: Initiative) -> InternalNote:
    """Save a note on the initiative itself. The audit trail records who and on what, never
    the text."""
    if not permissions.can_add_note(by, initiative):
        raise DomainError(_("You cannot add a note here."))
    return save_note(by=by, text=text, initiative=initiative, subject=initiative,
                     action="initiative.note_added")  # fmt: skip


def save_note(
    *, by, text: str, initiative: Initiative, subject: Model, action: str, application=None
) -> InternalNote:
    """Write the note once the caller has asked its permission (the caller's transaction)."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the note first."))
    note = InternalNote(initiative=initiative, application=application, author=by, text=text)
    note.full_clean()
    note.save()
    AuditEvent.record(subject=subject, actor=by, action=action, data={"note": note.pk})
    return note


def notes_of(*, initiative: Initiative | None = None, application=None) -> QuerySet:
    """The notes on the initiative itself, or on one application, oldest first."""
    if application is not None:
        return InternalNote.objects.filter(application=application).select_related("author")
    return InternalNote.objects.filter(
        initiative=initiative, application__isnull=True
    ).select_related("author")
