"""Stories without money: telling one, publishing or declining it after a look, taking it
back. Every change is in the audit trail (who, and why when there is a reason); the author
is told by e-mail when someone else decides about their story."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.files import uploads
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import AuditEvent, Neighbourhood
from burgerkracht.core.transitions import transition
from burgerkracht.core.validation.reasons import is_reason
from initiatives import permissions
from initiatives.story_models import STORY_TRANSITIONS, Story, StoryStatus

# A photo: JPG or PNG, checked by content and scanned like every upload (docs/uploads.md).
PHOTO_POLICY = uploads.Policy(
    (uploads.JPEG, uploads.PNG), gettext_lazy("This kind of file cannot be added. Use JPG or PNG.")
)
PHOTO_SIDE = 1600  # the longest side of a stored photo, in pixels
MAX_PIXELS = 40_000_000  # larger images are not decoded at all


def clean_photo(upload) -> ContentFile:
    """The photo as a new file written by Pillow: turned the way the camera meant, at most
    PHOTO_SIDE pixels, and without EXIF, GPS position, camera model or other metadata.
    Raises ValidationError with a message for the person."""
    kind = uploads.check_upload(upload, PHOTO_POLICY)
    upload.seek(0)
    fmt = "PNG" if kind is uploads.PNG else "JPEG"
    try:
        with Image.open(upload, formats=[fmt]) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("This photo is too large. Use a smaller one."))
            image = ImageOps.exif_transpose(image)
            image.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
            if fmt == "JPEG" and image.mode != "RGB":
                image = image.convert("RGB")
            elif fmt == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            # No exif= argument: Pillow writes none, nor XMP, ICC or text chunks.
            image.save(out, fmt, quality=85) if fmt == "JPEG" else image.save(out, fmt)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This photo cannot be read. Try another one.")) from error
    return ContentFile(out.getvalue(), name=f"foto.{kind.extensions[0]}")


def _tell_author(story: Story, template: str, **context) -> None:
    link = absolute_url(reverse("initiatives:my-stories"))
    notify(recipients=[story.author], template=f"initiatives/{template}",
           context={"story": story, "link": link, **context})  # fmt: skip


@transaction.atomic
def tell_story(
    *, by, title: str, text: str, neighbourhood: Neighbourhood, consent: bool,
    photo=None, photo_alt: str = "",
) -> Story:  # fmt: skip
    """Save a resident's story, waiting for a look by a facilitator or coordinator."""
    if not permissions.can_tell_story(by):
        raise DomainError(_("Log in to tell your story."))
    if not consent:
        raise DomainError(_("Tick that your story may be shown on the website."))
    photo_alt = (photo_alt or "").strip()
    if photo is not None and not photo_alt:
        raise DomainError(_("Say in a few words what is on the photo."))
    story = Story(
        title=title.strip(), text=text.strip(), neighbourhood=neighbourhood, author=by,
        publication_consent=True, photo_alt=photo_alt if photo is not None else "",
    )  # fmt: skip
    if photo is not None:
        try:
            cleaned = clean_photo(photo)
        except ValidationError as error:
            raise DomainError(error.messages[0]) from error
        story.photo.save(cleaned.name, cleaned, save=False)
    try:
        story.full_clean()
        story.save()
    except Exception:
        if story.photo:
            story.photo.storage.delete(story.photo.name)
        raise
    data = {"neighbourhood": neighbourhood.pk, "photo": bool(story.photo)}
    AuditEvent.record(subject=story, actor=by, action="story.told", data=data)
    return story


@transaction.atomic
def publish_story(*, story: Story, by) -> Story:
    """One look, one step: a facilitator or coordinator puts the story on the public pages."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not permissions.can_review_story(by, story):
        raise DomainError(_("You cannot publish this story."))
    now = timezone.now()
    transition(
        story, StoryStatus.PUBLISHED, table=STORY_TRANSITIONS, by=by, action="story.published",
        stamps={"published_at": now, "decided_at": now, "published_by": by}, update_fields=(),
    )  # fmt: skip
    _tell_author(story, "story_published",
                 public_link=absolute_url(story.get_absolute_url()))  # fmt: skip
    return story


@transaction.atomic
def decline_story(*, story: Story, by, reason: str) -> Story:
    """Not published, with a reason the author reads (by e-mail and on their own page)."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not permissions.can_review_story(by, story):
        raise DomainError(_("You cannot decline this story."))
    reason = (reason or "").strip()
    if not is_reason(reason):
        raise DomainError(_("Tell the resident why the story is not published."))
    transition(
        story, StoryStatus.DECLINED, table=STORY_TRANSITIONS, by=by, reason=reason,
        action="story.declined",
        stamps={"declined_reason": reason, "decided_at": timezone.now()}, update_fields=(),
    )  # fmt: skip
    _tell_author(story, "story_declined", reason=reason)
    return story


@transaction.atomic
def withdraw_story(*, story: Story, by, reason: str = "") -> Story:
    """Off the public pages (or no longer waiting): by the author, or a published story by a
    facilitator or coordinator, who tells the author why."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not permissions.can_withdraw_story(by, story):
        raise DomainError(_("You cannot withdraw this story."))
    by_author = story.author_id == by.pk
    reason = (reason or "").strip()
    if not by_author and not is_reason(reason):
        raise DomainError(_("Tell the resident why the story is taken off the website."))
    transition(
        story, StoryStatus.WITHDRAWN, table=STORY_TRANSITIONS, by=by, reason=reason,
        action="story.withdrawn", stamps={"withdrawn_at": timezone.now()},
        data={"by_author": by_author}, update_fields=(),
    )  # fmt: skip
    if not by_author:
        _tell_author(story, "story_withdrawn", reason=reason)
    return story
