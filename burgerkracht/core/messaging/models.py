"""The delivery of messages: the outbox every e-mail passes through, and the reminders written
once before they are sent (burgerkracht.core.messaging.reminders). Part of the core app's models."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from burgerkracht.core.enums import OutboxStatus, ReminderStatus


class OutboxMessageQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self) -> OutboxMessageQuerySet:
        return self.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now())


class OutboxMessage(models.Model):
    """An e-mail waiting for, or past, delivery. All mail passes through here."""

    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    subject = models.CharField(_("subject"), max_length=998)
    from_email = models.CharField(_("from"), max_length=254)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status=OutboxStatus.SENT, sent_at__isnull=False)
                    | (~models.Q(status=OutboxStatus.SENT) & models.Q(sent_at__isnull=True))
                ),
                name="outbox_sent_at_iff_sent",
                violation_error_message=_("A sent message has a sending time, and only then."),
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("admin:core_outboxmessage_change", args=[self.pk])


class Reminder(models.Model):
    """One reminder about one due item, to one person, for one date: written before it is sent.

    The unique constraint makes a second sweep, a second beat process or a crashed worker
    harmless: the reminder exists once, and it is marked sent in the same transaction that
    puts its e-mail in the outbox (burgerkracht.core.messaging.reminders).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("item"))
    item = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("to"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.QUEUED
    )
    # When a sweep last handed it to the broker; a row queued long ago is handed over again.
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Why a reminder was not sent (for operators): see reminders.SKIP_REASONS.
    note = models.CharField(_("why not sent"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_on", "-pk"]
        indexes = [
            models.Index(
                fields=["queued_at"],
                condition=models.Q(status=ReminderStatus.QUEUED),
                name="reminder_queued",
            ),
            models.Index(fields=["content_type", "kind", "due_on"], name="reminder_kind_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "recipient", "due_on"],
                name="reminder_once",
                violation_error_message=_("This reminder already exists."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=ReminderStatus.SENT, sent_at__isnull=False)
                    | (~models.Q(status=ReminderStatus.SENT) & models.Q(sent_at__isnull=True))
                ),
                name="reminder_sent_at_iff_sent",
                violation_error_message=_("A sent reminder has a sending time, and only then."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("admin:core_reminder_change", args=[self.pk])
