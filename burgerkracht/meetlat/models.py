"""The Meetlat (six principles, versioned), decision records with the accountability triad,
and the register of policy decisions made outside the portal's own workflows."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from burgerkracht.core.models import TimeStampedModel
from burgerkracht.core.privacy.fields import EncryptedTextField
from burgerkracht.meetlat.enums import DecisionKind, DecisionStatus, MeetlatAnswer


class MeetlatVersion(TimeStampedModel):
    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=100)
    subtitle = models.TextField(_("subtitle"), blank=True)
    note = models.TextField(_("why this version"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Meetlat version")
        verbose_name_plural = _("Meetlat versions")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    @classmethod
    def current(cls) -> MeetlatVersion:
        return cls.objects.filter(published_at__isnull=False).order_by("-number").first()


class Principle(models.Model):
    version = models.ForeignKey(MeetlatVersion, on_delete=models.PROTECT, related_name="principles")
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("principle"), max_length=200)
    explanation = models.TextField(_("explanation"))

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="principle_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading}"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def for_subject(self, subject: models.Model) -> DecisionQuerySet:
        return self.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
        )


class Decision(TimeStampedModel):
    """A decision with its reasons, the accountability triad and the Meetlat review.

    Any app's record can be its subject (a grant application, an advice answer, a policy
    decision); the app points at its own record and calls `services.finalise_decision`.
    """

    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    title = models.CharField(_("what is decided"), max_length=250)
    outcome = models.CharField(_("outcome"), max_length=250, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    is_public = models.BooleanField(_("public once final"), default=False)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    department = models.CharField(_("department"), max_length=120, blank=True)
    meetlat_version = models.ForeignKey(
        MeetlatVersion, on_delete=models.PROTECT, related_name="decisions"
    )
    # The accountability triad: financial, legal and resident input, side by side.
    financial_accountability = models.TextField(_("financial accountability"), blank=True)
    legal_accountability = models.TextField(_("legal accountability"), blank=True)
    resident_input_who = EncryptedTextField(_("which residents were involved"), blank=True)
    resident_input_how = EncryptedTextField(_("how they were involved"), blank=True)
    resident_input_result = models.TextField(_("what was done with their input"), blank=True)
    # Principle 6: a reflection later on.
    reflection_due = models.DateField(_("reflect on"), null=True, blank=True)
    reflection = models.TextField(_("what we learned"), blank=True)
    reflection_changes = models.TextField(_("what we change"), blank=True)
    reflected_at = models.DateTimeField(_("reflected at"), null=True, blank=True)
    reflected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(_("final since"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pdf = models.FileField(_("PDF"), upload_to="private/decisions/", blank=True)

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["status", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.FINAL, finalised_at__isnull=False)
                | (~Q(status=DecisionStatus.FINAL) & Q(finalised_at__isnull=True)),
                name="decision_final_has_date",
                violation_error_message=_("A final decision has a date, and only then."),
            ),
            models.CheckConstraint(
                condition=Q(reflected_at__isnull=True) | Q(status=DecisionStatus.FINAL),
                name="decision_reflected_once_final",
                violation_error_message=_("Only a final decision is reflected on."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetlat:decision-detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.status == DecisionStatus.FINAL


class PrincipleAnswer(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="answers")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="answers")
    answer = models.CharField(_("answer"), max_length=10, choices=MeetlatAnswer.choices)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("Meetlat answer")
        verbose_name_plural = _("Meetlat answers")
        ordering = ["principle__number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "principle"], name="answer_once"),
            # Every answer, "fully" too, says how the decision honours the principle. Added
            # NOT VALID (migration 0005): answers stored before this rule keep their place.
            models.CheckConstraint(
                condition=~Q(explanation=""),
                name="answer_explained",
                violation_error_message=_("Explain every answer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.principle.number}: {self.get_answer_display()}"


class PolicyDecision(TimeStampedModel):
    """A decision taken outside the portal's workflows (beleidsvoorstel, collegebesluit)."""

    title = models.CharField(_("title"), max_length=250)
    date = models.DateField(_("date"))
    department = models.CharField(_("department"), max_length=120)
    reference = models.CharField(_("reference or document number"), max_length=120, blank=True)
    document_url = models.URLField(_("link to the document"), blank=True)
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="policy_decision"
    )

    class Meta:
        verbose_name = _("policy decision")
        verbose_name_plural = _("policy decisions")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title
