"""Citizen initiatives, the people behind them, their timeline and their messages."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from burgerkracht.core import references
from burgerkracht.core.models import Neighbourhood, TimeStampedModel
from initiatives.enums import (
    PUBLIC_STATUSES,
    Channel,
    InitiativeStatus,
    InitiativeTheme,
    InitiatorRole,
    LeadSuccession,
    Result,
    Risk,
    Scale,
    UpdateKind,
)


def published_q(prefix: str = "") -> models.Q:
    """The condition of `published()`, for a query that reaches initiatives through `prefix`
    (e.g. "application__initiative__"): a join, never an IN over a subquery."""
    return models.Q(
        **{f"{prefix}publication_consent": True, f"{prefix}status__in": PUBLIC_STATUSES}
    )


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def published(self) -> InitiativeQuerySet:
        """What the public may see: consent given and past the intake."""
        return self.filter(published_q())


class Initiative(TimeStampedModel):
    # Step 1: the initiative in the initiators' own words.
    title = models.CharField(_("name of your initiative"), max_length=150)
    summary = models.TextField(_("what is it about?"), blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=InitiativeTheme.choices, blank=True)
    # Step 2: the content questions of the Methode Jet.
    why = models.TextField(_("why do you want this?"), blank=True)
    goal = models.TextField(_("what is the goal?"), blank=True)
    distance_to_goal = models.TextField(_("how far are you from that goal now?"), blank=True)
    actions_needed = models.TextField(_("what must you do to get closer?"), blank=True)
    # Step 3: for whom and where.
    scale = models.CharField(
        _("where does it happen?"), max_length=20, choices=Scale.choices, blank=True
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="initiatives", verbose_name=_("neighbourhoods")
    )
    target_group = models.TextField(_("who is it for?"), blank=True)
    expected_participants = models.PositiveIntegerField(
        _("how many people do you expect to take part?"), null=True, blank=True
    )
    # Step 5: what support is wanted, and may it be shown publicly.
    support_wanted = models.JSONField(_("what help would you like?"), default=list, blank=True)
    support_other = models.CharField(_("other help"), max_length=300, blank=True)
    publication_consent = models.BooleanField(
        _("the initiative may be shown on the public pages"), default=False
    )
    # Lifecycle.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.DRAFT,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    lessons = models.TextField(_("what did you learn?"), blank=True)
    # People on the municipality's side.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="initiatives_created",
        verbose_name=_("registered by"),
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives_assisted",
        verbose_name=_("registered with help from"),
    )
    channel = models.CharField(
        _("registered"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    # SC-11: a professional registers with a resident without e-mail and records the
    # resident's consent in their stead (the resident signs the printed consent form).
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives_facilitated",
        verbose_name=_("facilitator"),
    )
    backup_facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives_backed_up",
        verbose_name=_("backup facilitator"),
    )

    # SC-13: the lead stepped down and nobody has confirmed yet (flagged for the facilitator).
    lead_succession = models.CharField(
        _("lead initiator"),
        max_length=10,
        choices=LeadSuccession.choices,
        default=LeadSuccession.NONE,
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["facilitator", "status"]),
            models.Index(fields=["publication_consent", "status", "-created_at"]),
            # The public list, newest change first: walked in order, LIMIT 20 (target P2).
            models.Index(
                fields=["-status_changed_at", "-id"],
                condition=published_q(),
                name="initiative_public_recent",
            ),
            # The officials' list, newest sent in first, and its count (target P2).
            models.Index(
                fields=["-submitted_at"],
                condition=~Q(status=InitiativeStatus.DRAFT),
                name="initiative_sent_in_recent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=InitiativeStatus.ENDED, ended_at__isnull=False) & ~Q(result=""))
                | (~Q(status=InitiativeStatus.ENDED) & Q(ended_at__isnull=True)),
                name="initiative_ended_has_result",
                violation_error_message=_("An ended initiative has an end date and a result."),
            ),
            models.CheckConstraint(
                condition=~Q(facilitator=models.F("backup_facilitator")),
                name="initiative_backup_facilitator_differs",
                violation_error_message=_("The backup facilitator must be someone else."),
            ),
            models.CheckConstraint(
                condition=Q(status=InitiativeStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="initiative_submitted_at_after_draft",
                violation_error_message=_("A submitted initiative has a submission date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        """The reference number quoted in pages, e-mails and letters (``BI-2026-00042``)."""
        return references.reference(references.INITIATIVE, self)

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("initiatives:public-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.publication_consent and self.status in PUBLIC_STATUSES

    @property
    def support_labels(self) -> list[str]:
        from initiatives.enums import Support

        return [
            str(Support(value).label) for value in self.support_wanted if value in Support.values
        ]

    def risks(self, initiators: list[Initiator] | None = None) -> list[Risk]:
        """Continuity risks, computed from the people involved (never stored)."""
        if initiators is None:
            initiators = list(self.initiators.all())
        active = [i for i in initiators if i.is_active]
        risks = []
        if len(active) <= 1:
            risks.append(Risk.SINGLE_INITIATOR)
        if not any(i.is_backup for i in active):
            risks.append(Risk.NO_BACKUP_INITIATOR)
        if self.status != InitiativeStatus.DRAFT and self.backup_facilitator_id is None:
            risks.append(Risk.NO_BACKUP_FACILITATOR)
        if self.facilitator_id is not None and not self.facilitator.is_active:
            risks.append(Risk.FACILITATOR_GONE)
        if self.lead_succession != LeadSuccession.NONE:
            risks.append(Risk.LEAD_WANTED)
        return risks


class InitiatorQuerySet(models.QuerySet["Initiator"]):
    def active(self) -> InitiatorQuerySet:
        return self.filter(accepted_at__isnull=False, left_at__isnull=True)


class Initiator(TimeStampedModel):
    """A resident behind an initiative: the lead, or a co-initiator invited by e-mail."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="initiators",
        verbose_name=_("initiative"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiator_roles",
        verbose_name=_("person"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    role = models.CharField(_("role"), max_length=10, choices=InitiatorRole.choices)
    is_backup = models.BooleanField(_("backup initiator"), default=False)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    # SC-13: this (backup) initiator is asked to become the lead, since this moment.
    lead_offered_at = models.DateTimeField(_("asked to become lead at"), null=True, blank=True)
    # The motivation questions of the Methode Jet, per initiator and optional.
    interest = models.TextField(_("what is your interest?"), blank=True)
    dream = models.TextField(_("what is your dream?"), blank=True)
    allergy = models.TextField(_("what do you really not want (your 'allergy')?"), blank=True)
    contribution = models.TextField(_("what do you contribute?"), blank=True)

    objects = InitiatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiator")
        verbose_name_plural = _("initiators")
        ordering = ["role", "created_at"]
        indexes = [
            # Every dashboard looks up the open invitations to the person's address
            # (email__iexact is UPPER(email) = UPPER(%s)); open invitations are few.
            models.Index(
                Upper("email"),
                condition=Q(accepted_at__isnull=True, left_at__isnull=True),
                name="initiator_open_invitation",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(role=InitiatorRole.LEAD, left_at__isnull=True),
                name="initiator_one_lead",
                violation_error_message=_("An initiative has one lead initiator."),
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(is_backup=True, left_at__isnull=True),
                name="initiator_one_backup",
                violation_error_message=_("An initiative has one backup initiator."),
            ),
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(user__isnull=False, left_at__isnull=True),
                name="initiator_person_once",
                violation_error_message=_("This person is already an initiator."),
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(user__isnull=False),
                name="initiator_accepted_has_user",
                violation_error_message=_("An accepted invitation belongs to an account."),
            ),
            models.CheckConstraint(
                condition=~Q(role=InitiatorRole.LEAD, is_backup=True),
                name="initiator_lead_is_not_backup",
                violation_error_message=_("The lead initiator cannot be their own backup."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user) if self.user else self.email

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.left_at is None


class Update(models.Model):
    """A line on the initiative's timeline: a result, an obstacle or news."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="updates", verbose_name=_("initiative")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=UpdateKind.choices)
    text = models.TextField(_("what happened?"))
    is_signal = models.BooleanField(_("signal to the municipality"), default=False)
    signal_handled_at = models.DateTimeField(_("signal picked up at"), null=True, blank=True)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["is_signal", "signal_handled_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_signal=False) | Q(kind=UpdateKind.OBSTACLE),
                name="update_signal_is_obstacle",
                violation_error_message=_("Only an obstacle can be a signal to the municipality."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


class Message(models.Model):
    """A private message between the initiators and their facilitators."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="messages", verbose_name=_("initiative")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("from"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    body = models.TextField(_("message"))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:40]


class Handover(models.Model):
    """A facilitator's initiative passed on to someone else, with "het waarom": what the
    next person needs to know about earlier decisions and agreements."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("from"),
    )  # fmt: skip
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("to"),
    )  # fmt: skip
    note = models.TextField(_("handover note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(note=""), name="handover_has_note")]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.from_user} → {self.to_user or '—'}"


class AbstractInternalNote(models.Model):
    """An official's note: who wrote it, when, and the text. Never shown to the residents (not
    on their pages, in their e-mail or their data export). Append-only like the audit trail: a
    note cannot be changed or removed once saved; it goes only with its dossier, by the
    retention rules. Each subject has its own model, in the app that owns the subject:
    `InternalNote` below on an initiative, `budget.ApplicationNote` on an application."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("written by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    text = models.TextField(_("note"))

    class Meta:
        abstract = True
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("An internal note is append-only: it cannot be changed.")
        super().save(*args, **kwargs)


class InternalNote(AbstractInternalNote):
    """An official's note on an initiative itself (initiatives/retention.py)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="internal_notes",
        verbose_name=_("initiative"),
    )  # fmt: skip

    class Meta(AbstractInternalNote.Meta):
        indexes = [models.Index(fields=["initiative", "created_at"])]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="internal_note_has_text")]


from initiatives.lesson_models import Lesson  # noqa: E402,F401  (its own module)
from initiatives.partner_models import PartnerContribution  # noqa: E402,F401  (its own module)
from initiatives.post_models import InitiativePostItem  # noqa: E402,F401  (this one is full)
from initiatives.story_models import Story  # noqa: E402,F401  (its own module: this one is full)
from initiatives.support_models import (  # noqa: E402,F401  (support requests, WF-6)
    JagerAppointment,
    SupportHandoff,
    SupportRequest,
)
