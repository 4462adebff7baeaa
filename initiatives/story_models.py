"""Stories without money ("Vertel je verhaal", F-S11, SC-19): a resident tells what works in
their wijk without applying for anything; a facilitator or coordinator publishes it after a
look. Imported in initiatives/models.py. Statuses follow STORY_TRANSITIONS; only the
services in initiatives/stories.py change them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.models import Neighbourhood, TimeStampedModel


class StoryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a look")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Not published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Who may move a story where is in initiatives/permissions.py; this is only what may follow
# what. A declined or withdrawn story stays as it is: telling it again is a new story.
STORY_TRANSITIONS: dict[str, frozenset[str]] = {
    StoryStatus.SUBMITTED: frozenset({StoryStatus.PUBLISHED, StoryStatus.DECLINED,
                                      StoryStatus.WITHDRAWN}),
    StoryStatus.PUBLISHED: frozenset({StoryStatus.WITHDRAWN}),
    StoryStatus.DECLINED: frozenset(),
    StoryStatus.WITHDRAWN: frozenset(),
}  # fmt: skip


def story_photo_path(instance: Story, filename: str) -> str:
    """Private storage under a random name; served only through initiatives:story-photo."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/stories/{uuid.uuid4().hex}.{suffix}"


class Story(TimeStampedModel):
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("your story"))
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="stories", verbose_name=_("wijk")
    )
    # Stored as Pillow wrote it again: no EXIF, GPS position or camera model of the original.
    photo = models.FileField(_("photo"), upload_to=story_photo_path, blank=True)
    photo_alt = models.CharField(_("what is on the photo"), max_length=200, blank=True)
    publication_consent = models.BooleanField(
        _("the story may be shown on the public pages"), default=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="stories",
        verbose_name=_("told by"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=12, choices=StoryStatus.choices,
        default=StoryStatus.SUBMITTED, db_index=True,
    )  # fmt: skip
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("published by"),
    )  # fmt: skip
    declined_reason = models.TextField(_("why it was not published"), blank=True)
    decided_at = models.DateTimeField(_("looked at on"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "neighbourhood", "published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(publication_consent=True), name="story_has_consent",
                violation_error_message=_("A story is only sent in with consent to publish."),
            ),
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""), name="story_photo_has_alt"
            ),
            models.CheckConstraint(
                condition=~Q(status=StoryStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="story_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=StoryStatus.DECLINED) | ~Q(declined_reason=""),
                name="story_declined_has_reason",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:story", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in STORY_TRANSITIONS[self.status]
