"""The lessons library ("ter lering", F-S10, PP-24): "Initiatieven zijn op zich uniek maar
gedeelten zijn zeer bruikbaar voor anderen." An official writes down a lesson from an
accountability, a closure, a failed initiative or an answered support request, with an
optional handreiking (a how-to document). Officials search all lessons; residents see the
ones published with consent. Imported in initiatives/models.py; only initiatives/lessons.py
writes, and only through LESSON_TRANSITIONS for the status."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.models import Neighbourhood, TimeStampedModel
from initiatives.enums import LESSON_TRANSITIONS, InitiativeTheme, LessonSource, LessonStatus
from initiatives.support_enums import RuleDomain


def guide_path(instance: Lesson, filename: str) -> str:
    """Private storage under a random name; served only through initiatives:lesson-guide."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/lessons/{uuid.uuid4().hex}.{suffix}"


class Lesson(TimeStampedModel):
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("the lesson"))
    theme = models.CharField(_("theme"), max_length=20, choices=InitiativeTheme.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, null=True, blank=True, related_name="lessons",
        verbose_name=_("wijk"),
    )  # fmt: skip
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="lesson_set", verbose_name=_("initiative"),
    )  # fmt: skip
    source = models.CharField(_("where the lesson comes from"), max_length=16,
                              choices=LessonSource.choices)  # fmt: skip
    # A generic pointer for sources without a link of their own.
    source_note = models.CharField(_("which one"), max_length=200, blank=True)
    # The answered support request the lesson comes from (its "Een les vastleggen" link).
    support_request = models.ForeignKey(
        "initiatives.SupportRequest", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="lessons", verbose_name=_("support request"),
    )  # fmt: skip
    # Optional: the rule domain the lesson is about, so the library can be searched by it.
    rule_domain = models.CharField(
        _("rule domain"), max_length=20, choices=RuleDomain.choices, blank=True
    )
    guide = models.FileField(_("handreiking"), upload_to=guide_path, blank=True)
    guide_name = models.CharField(_("file name"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("written down by"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=LessonStatus.choices,
        default=LessonStatus.INTERNAL, db_index=True,
    )  # fmt: skip
    # Consent to publish: who gave it (the initiators, in their words), recorded by whom, when.
    consent_from = models.CharField(_("consent given by"), max_length=200, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("consent recorded by"),
    )  # fmt: skip
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "theme"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=LessonStatus.PUBLISHED)
                | (~Q(consent_from="") & Q(consent_recorded_at__isnull=False)
                   & Q(published_at__isnull=False)),
                name="lesson_published_with_consent",
                violation_error_message=_("A lesson is only published with consent."),
            ),
            models.CheckConstraint(
                condition=Q(guide="") | ~Q(guide_name=""), name="lesson_guide_has_name"
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:lesson", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in LESSON_TRANSITIONS[self.status]
