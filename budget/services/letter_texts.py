"""Writing and activating the municipality's letter texts (issue #26). A version is never
changed: saving a text makes a new version, which is not used until it is made active."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.enums import LetterBlock
from budget.letter_defaults import default_text
from budget.models.letter_texts import LANGUAGES, LetterText
from budget.permissions import can_edit_letter_texts
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User


def _require_administrator(by: User) -> None:
    if not can_edit_letter_texts(by):
        raise DomainError(_("Only an administrator can change the texts of letters."))


@transaction.atomic
def write_letter_text(
    *, by: User, block: str, language: str, body: str, reason: str = ""
) -> LetterText:
    """A new version of the text of `block` in `language`; the active version stays active."""
    _require_administrator(by)
    LetterText.objects.select_for_update().filter(block=block, language=language).exists()
    latest = LetterText.objects.filter(block=block, language=language).aggregate(
        latest=Max("version")
    )["latest"]
    text = LetterText(
        block=block, language=language, body=body, version=(latest or 0) + 1, created_by=by
    )
    try:
        text.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    text.save()
    data = {"block": block, "language": language, "version": text.version}
    AuditEvent.record(subject=text, actor=by, action="letter_text.write", reason=reason, data=data)
    return text


@transaction.atomic
def activate_letter_text(*, by: User, text: LetterText, reason: str = "") -> LetterText:
    """Make `text` the version letters are made with from now on. Letters made before keep
    the version they were made with."""
    _require_administrator(by)
    text = LetterText.objects.select_for_update().get(pk=text.pk)
    if text.is_active:
        return text
    LetterText.objects.select_for_update().filter(
        block=text.block, language=text.language, is_active=True
    ).update(is_active=False)
    text.is_active, text.activated_at = True, timezone.now()
    text.save(update_fields=["is_active", "activated_at"])
    AuditEvent.record(subject=text, actor=by, action="letter_text.activate", reason=reason,
                      data={"block": text.block, "language": text.language,
                            "version": text.version})  # fmt: skip
    return text


def ensure_default_letter_texts(model: Any = LetterText) -> int:  # or the migration's model
    """Version 1 of every block in every language, active, where a block has no version yet.
    Idempotent: run by the data migration and the demo."""
    made = 0
    for block in LetterBlock.values:
        for language, _label in LANGUAGES:
            if model.objects.filter(block=block, language=language).exists():
                continue
            model.objects.create(
                block=block, language=language, version=1, is_active=True,
                activated_at=timezone.now(), body=default_text(block, language),
            )  # fmt: skip
            made += 1
    return made


def active_texts(language: str) -> dict[str, LetterText]:
    return {
        text.block: text for text in LetterText.objects.filter(language=language, is_active=True)
    }
