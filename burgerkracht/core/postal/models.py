"""The post queue (SC-11): letters and notices for people who get them on paper. Part of the
core app's models (imported by core.models). How an item is made:
burgerkracht.core.postal.letters."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.enums import PostKind, PostStatus
from burgerkracht.core.postal.subjects import subjects_of


class PostItem(models.Model):
    """One envelope: the letter as it was made when the notice went out, addressed to the
    address of that moment (a snapshot), waiting for an official to print and post it.

    What the letter is about (an initiative, an application) is kept by the app that owns
    it, in a link model with a one-to-one to this item (core.postal.subjects): it decides which
    facilitator sees the letter in the queue and where it shows once posted. Core keeps no key
    to a domain app, so its migrations depend on none."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="post_items",
        verbose_name=_("to"),
    )
    address_lines = models.JSONField(_("address"), default=list, blank=True)
    # No street, postal code or town when the letter was made: the official must find it.
    address_missing = models.BooleanField(_("address missing"), default=False)
    subject = models.CharField(_("subject"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.QUEUED
    )
    pdf = models.FileField(_("PDF"), upload_to="private/post/")
    pages = models.PositiveSmallIntegerField(_("pages"), default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )

    class Meta:
        verbose_name = _("letter by post")
        verbose_name_plural = _("post queue")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="post_status_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status=PostStatus.POSTED, posted_at__isnull=False)
                    | (~models.Q(status=PostStatus.POSTED) & models.Q(posted_at__isnull=True))
                ),
                name="post_posted_at_iff_posted",
                violation_error_message=_("A posted letter has a posting time, and only then."),
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("core:post-item-pdf", args=[self.pk])

    @property
    def about(self) -> Any:
        """The most specific subject of the letter (its application, else its initiative)."""
        return next(reversed(subjects_of(self)), None)
