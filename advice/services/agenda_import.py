"""The bulk import of an agenda's promises from a CSV or XLSX file (SC-10).

Two steps, like the payment files: reading the file changes nothing and shows, row by row,
what WILL be created or why the row is wrong; confirming creates every row in one
transaction, or none. The rows travel from the preview to the confirmation signed (the
browser cannot change them) and are checked again under a lock of the agenda, so two
confirmations of the same file never create it twice. A topic that is already on the agenda
(same text, whatever the capitals) is an error of its row: importing the same file twice is
refused with that message, never silently doubled (docs/decisions/0016)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from advice import agenda_files, permissions
from advice.enums import PromiseSource
from advice.forms.answer import municipal_staff
from advice.models import Agenda, Promise
from advice.services.common import audit
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.forms import TEXT_LIMIT
from burgerkracht.core.required import required

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User

SALT = "advice.agenda-import"
MAX_AGE = 60 * 60  # a preview is good for an hour
MAX_ROWS = 1000


@dataclass
class CheckedRow:
    line: int
    text: str
    phase: str
    owner_email: str
    owner: Any
    department: str
    due_on: date | None
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    agenda: Agenda
    filename: str
    rows: list[CheckedRow]
    token: str  # the signed rows, for the confirmation

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def is_valid(self) -> bool:
        return self.error_count == 0


def _row_errors(row: dict, owner: Any, taken: set[str], seen: dict[str, int]) -> list[str]:
    errors = []
    key = row["text"].lower()
    if not row["text"]:
        errors.append(_("The text is empty."))
    elif len(row["text"]) > TEXT_LIMIT:
        errors.append(_("The text is too long: at most %(max)d characters.") % {"max": TEXT_LIMIT})
    elif key in taken:
        errors.append(_("This topic is already on the agenda."))
    elif key in seen:
        errors.append(_("The same topic as line %(line)d.") % {"line": seen[key]})
    if len(row["phase"]) > 100:
        errors.append(_("The phase is too long: at most 100 characters."))
    if not row["owner"]:
        errors.append(_("The owner is empty: write the e-mail address of a member of staff."))
    elif owner is None:
        errors.append(
            _("Unknown owner: %(email)s is not an active member of staff.")
            % {"email": row["owner"]}
        )
    if not row["department"]:
        errors.append(_("The department is empty."))
    elif len(row["department"]) > 200:
        errors.append(_("The department is too long: at most 200 characters."))
    if not row["due_on"]:
        errors.append(
            _("The deadline “%(value)s” is not a date: write dd-mm-jjjj.")
            % {"value": row["raw_due_on"]}
            if row["raw_due_on"]
            else _("The deadline is empty.")
        )
    return errors


def check_rows(agenda: Agenda, rows: list[dict]) -> list[CheckedRow]:
    """Every row with what is wrong with it, in two queries (owners, the agenda's topics)."""
    emails = {row["owner"] for row in rows if row["owner"]}
    owners = {
        u.email.lower(): u
        for u in municipal_staff().annotate(lower=Lower("email")).filter(lower__in=emails)
    }
    taken = {t.lower() for t in agenda.promises.values_list("text", flat=True)}
    seen: dict[str, int] = {}
    checked = []
    for row in rows:
        owner = owners.get(row["owner"])
        errors = _row_errors(row, owner, taken, seen)
        if row["text"]:
            seen.setdefault(row["text"].lower(), row["line"])
        checked.append(CheckedRow(
            line=row["line"], text=row["text"], phase=row["phase"], owner_email=row["owner"],
            owner=owner, department=row["department"],
            due_on=date.fromisoformat(row["due_on"]) if row["due_on"] else None, errors=errors,
        ))  # fmt: skip
    return checked


def read_import(*, by: User, agenda: Agenda, filename: str, content: bytes) -> ImportPreview:
    """Read the file and check every row; nothing is created."""
    if not permissions.can_manage_promises(by):
        raise DomainError(_("You may not import an agenda."))
    try:
        rows = agenda_files.read_agenda(content, filename)
    except ValueError as error:
        if str(error) == "columns":
            raise DomainError(
                _("The file needs the columns onderwerp, fase, eigenaar, afdeling and deadline.")
            ) from error
        raise DomainError(_("This file cannot be read: upload a CSV or XLSX file.")) from error
    if not rows:
        raise DomainError(_("The file has no rows."))
    if len(rows) > MAX_ROWS:
        raise DomainError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    data = agenda_files.as_dicts(rows)
    token = signing.dumps({"agenda": agenda.pk, "file": filename[:200], "rows": data}, salt=SALT,
                          compress=True)  # fmt: skip
    return ImportPreview(agenda, filename, check_rows(agenda, data), token)


@transaction.atomic
def confirm_import(*, by: User, agenda: Agenda, token: str) -> list[Promise]:
    """Create every row of the previewed file in one go — or nothing, when any row is wrong
    (checked again now, under a lock of the agenda)."""
    if not permissions.can_manage_promises(by):
        raise DomainError(_("You may not import an agenda."))
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as error:
        raise DomainError(_("The preview has expired; read the file again.")) from error
    if payload["agenda"] != agenda.pk:
        raise DomainError(_("This file was read for another agenda."))
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    checked = check_rows(agenda, payload["rows"])
    if any(row.errors for row in checked):
        raise DomainError(_("Some rows are wrong, so nothing has been imported. Read the file "
                            "again to see which."))  # fmt: skip
    created = []
    for row in checked:
        promise = Promise(
            text=row.text, source_kind=PromiseSource.AGENDA, agenda=agenda, phase=row.phase,
            owner=row.owner, department=row.department, due_on=required(row.due_on),
        )  # fmt: skip
        promise.full_clean()
        promise.save()
        created.append(promise)
    audit(agenda, by, "agenda.imported", payload["file"], rows=len(created))
    return created
