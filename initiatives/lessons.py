"""The lessons library ("ter lering", F-S10): an official writes down a lesson, with an
optional handreiking; it is published to residents only with consent (who gave it, recorded
by whom and when) and can be taken off the public page again. One service moves the status
(`change_lesson_status`, through LESSON_TRANSITIONS); every step is in the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.files import uploads
from burgerkracht.core.models import AuditEvent, Neighbourhood
from burgerkracht.core.transitions import check, transition
from burgerkracht.core.validation.reasons import is_reason
from initiatives import permissions
from initiatives.enums import LESSON_TRANSITIONS, LessonStatus
from initiatives.models import Initiative, Lesson
from initiatives.support_enums import SupportStatus

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from burgerkracht.accounts.models import User
    from initiatives.support_models import SupportRequest

# A handreiking: a document, checked by content and scanned like every upload.
GUIDE_POLICY = uploads.Policy(
    uploads.DOCUMENTS.kinds,
    gettext_lazy("This kind of file cannot be added. Use PDF, Word (docx) or OpenDocument (odt)."),
)


@transaction.atomic
def write_lesson(
    *, by: User, title: str, text: str, theme: str, source: str,
    neighbourhood: Neighbourhood | None = None, initiative: Initiative | None = None,
    source_note: str = "", guide: UploadedFile | None = None, rule_domain: str = "",
    support_request: SupportRequest | None = None,
) -> Lesson:  # fmt: skip
    """A new lesson, for officials only until it is published with consent. From an
    answered `support_request` of `initiative` (its "Een les vastleggen" link)."""
    if not permissions.can_use_lessons(by):
        raise DomainError(_("You cannot write down a lesson."))
    if initiative is not None and not permissions.can_write_lesson_from(by, initiative):
        raise DomainError(_("You cannot write down a lesson from this initiative."))
    if support_request is not None and (
        initiative is None
        or support_request.initiative_id != initiative.pk
        or support_request.status != SupportStatus.ANSWERED
    ):
        raise DomainError(_("A lesson comes from an answered support request of this initiative."))
    lesson = Lesson(
        title=title.strip(), text=text.strip(), theme=theme, source=source,
        source_note=source_note.strip(), neighbourhood=neighbourhood, initiative=initiative,
        created_by=by, rule_domain=rule_domain, support_request=support_request,
    )  # fmt: skip
    if guide is not None:
        try:
            uploads.check_upload(guide, GUIDE_POLICY)
        except ValidationError as error:
            raise DomainError(error.messages[0]) from error
        lesson.guide_name = guide.name or "handreiking"
        lesson.guide.save(lesson.guide_name, guide, save=False)
    try:
        lesson.full_clean()
        lesson.save()
    except Exception:
        if lesson.guide:
            lesson.guide.storage.delete(lesson.guide.name)
        raise
    AuditEvent.record(
        subject=lesson, actor=by, action="lesson.written",
        data={"initiative": initiative.pk if initiative else None, "source": source,
              "guide": bool(lesson.guide), "rule_domain": rule_domain,
              "support_request": support_request.pk if support_request else None},
    )  # fmt: skip
    return lesson


@transaction.atomic
def change_lesson_status(
    *, lesson: Lesson, to: str, by: User, consent_from: str = "", reason: str = ""
) -> Lesson:
    """Publish (with the consent of `consent_from`, recorded now by `by`) or take a lesson
    off the public page again (with a reason)."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    check(LESSON_TRANSITIONS, lesson.status, to)
    if not permissions.can_publish_lesson(by, lesson):
        raise DomainError(_("You cannot publish this lesson."))
    consent_from, reason = consent_from.strip(), reason.strip()
    if to == LessonStatus.PUBLISHED:
        if not consent_from:
            raise DomainError(_("Say who gave consent to publish the lesson."))
        now = timezone.now()
        stamps = {"consent_from": consent_from, "consent_recorded_by": by,
                  "consent_recorded_at": now, "published_at": now}  # fmt: skip
        return transition(
            lesson, to, table=LESSON_TRANSITIONS, by=by, action="lesson.published",
            stamps=stamps, data={"consent_from": consent_from}, update_fields=(),
            clean_exclude=("guide",),
        )  # fmt: skip
    if not is_reason(reason):
        raise DomainError(_("Say why the lesson is taken off the public page."))
    return transition(
        lesson, to, table=LESSON_TRANSITIONS, by=by, reason=reason, action="lesson.unpublished",
        stamps={"published_at": None}, update_fields=(),
    )  # fmt: skip


def publish_lesson(*, lesson: Lesson, by: User, consent_from: str) -> Lesson:
    return change_lesson_status(
        lesson=lesson, to=LessonStatus.PUBLISHED, by=by, consent_from=consent_from
    )


def unpublish_lesson(*, lesson: Lesson, by: User, reason: str) -> Lesson:
    return change_lesson_status(lesson=lesson, to=LessonStatus.INTERNAL, by=by, reason=reason)
