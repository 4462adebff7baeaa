"""Internal notes (aantekeningen) of officials on an initiative or one of its applications.

Kept apart from `Message`, which the residents read: a note is never on a resident's page,
in their e-mail or in their data export. Append-only: `add_note` is the only write.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from initiatives import permissions
from initiatives.models import Initiative, InternalNote


@transaction.atomic
def add_note(*, by, text: str, initiative: Initiative | None = None, application=None):
    """Save a note on the initiative, or (with `application`) on that application. The
    audit trail records who and on what, never the text."""
    if (initiative is None) == (application is None):
        raise ValueError("A note is on an initiative or on an application, not both.")
    if application is not None:
        from budget import permissions as budget_permissions

        allowed = budget_permissions.can_add_note(by, application)
        subject, initiative = application, application.initiative
    else:
        allowed = permissions.can_add_note(by, initiative)
        subject = initiative
    if not allowed:
        raise DomainError(_("You cannot add a note here."))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the note first."))
    note = InternalNote(initiative=initiative, application=application, author=by, text=text)
    note.full_clean()
    note.save()
    action = "application.note_added" if application is not None else "initiative.note_added"
    AuditEvent.record(subject=subject, actor=by, action=action, data={"note": note.pk})
    return note


def notes_of(*, initiative: Initiative | None = None, application=None) -> QuerySet:
    """The notes on the initiative itself, or on one application, oldest first."""
    if application is not None:
        return InternalNote.objects.filter(application=application).select_related("author")
    return InternalNote.objects.filter(
        initiative=initiative, application__isnull=True
    ).select_related("author")
