"""The register: requests for advice, the advice with its numbered recommendations, and the
municipality's answer per recommendation."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advice.enums import (
    Adoption,
    AdviceKind,
    AdviceStatus,
    AnswerStatus,
    RequestStatus,
)
from advice.models.bodies import AdvisoryBody
from burgerkracht.core.models import TimeStampedModel

DOCUMENT_TYPES = ["pdf", "docx", "odt"]
USER = settings.AUTH_USER_MODEL


class AdviceRequest(TimeStampedModel):
    """A solicited advice: the municipality asks a body a question before a decision."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    body = models.ForeignKey(
        AdvisoryBody, on_delete=models.PROTECT, related_name="requests",
        verbose_name=_("asked of"),
    )  # fmt: skip
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("the question"))
    policy_document = models.FileField(
        _("policy document"), upload_to="private/advice/requests/", blank=True,
        validators=[FileExtensionValidator(DOCUMENT_TYPES)],
    )  # fmt: skip
    document_url = models.URLField(_("link to the policy document"), blank=True)
    department = models.CharField(_("requesting department"), max_length=200)
    requested_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("requested by"),
    )  # fmt: skip
    requested_on = models.DateField(_("date of the request"))
    deadline = models.DateField(_("deadline for the advice"))
    decision_moment = models.DateField(_("decision moment"), null=True, blank=True)
    decision_forum = models.CharField(
        _("decided by"), max_length=100, blank=True,
        help_text=_("For example: college van B&W, or the municipal council."),
    )  # fmt: skip
    time_agreement = models.TextField(
        _("agreements about time and effort"), blank=True,
        help_text=_("What effort is expected, and which consultations in the field."),
    )  # fmt: skip
    is_time_pressure = models.BooleanField(_("under time pressure"), default=False)
    pressure_reason = models.TextField(_("why there is so little time"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    lapsed_reason = models.TextField(_("why no advice came"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("requested_on")),
                name="request_deadline_after_request",
                violation_error_message=_("The deadline cannot be before the request."),
            ),
            models.CheckConstraint(
                condition=Q(is_time_pressure=False) | ~Q(pressure_reason=""),
                name="request_time_pressure_has_reason",
                violation_error_message=_("Say why there is so little time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("advice:request-detail", args=[self.pk])

    @property
    def lead_days(self) -> int:
        return (self.deadline - self.requested_on).days


class Advice(TimeStampedModel):
    """An advice of a body, solicited (with its request) or unsolicited."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    body = models.ForeignKey(
        AdvisoryBody, on_delete=models.PROTECT, related_name="advices",
        verbose_name=_("advisory body"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=12, choices=AdviceKind.choices)
    advice_request = models.OneToOneField(
        AdviceRequest, on_delete=models.PROTECT, null=True, blank=True,
        related_name="advice", verbose_name=_("request"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(
        _("the advice (document)"), upload_to="private/advice/documents/", blank=True,
        validators=[FileExtensionValidator(DOCUMENT_TYPES)],
    )  # fmt: skip
    received_on = models.DateField(_("date received"), null=True, blank=True)
    published_on = models.DateField(
        _("made public on"), null=True, blank=True,
        help_text=_("The first day the advice was on the website (Woo). It stays when the "
                    "advice is taken off and put back."),
    )  # fmt: skip
    response_due = models.DateField(_("answer due"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AdviceStatus.choices, default=AdviceStatus.CONCEPT,
        db_index=True,
    )  # fmt: skip
    is_public = models.BooleanField(
        _("published on the website"), default=False,
        help_text=_("The final advice, the published answer, the promises and the evaluation "
                    "are shown at /adviezen/."),
    )  # fmt: skip
    from_earlier_reaction = models.BooleanField(
        _("an earlier reaction, counted as the advice"), default=False
    )
    consent_note = models.TextField(
        _("the body's consent to count the earlier reaction as its advice"), blank=True
    )
    contact = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("contact person at the municipality"),
    )  # fmt: skip
    backup_contact = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("backup contact person"),
    )  # fmt: skip
    body_contact = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("contact person of the body"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("registered by"),
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advices")
        ordering = ["-received_on", "-pk"]
        # The register's default order: its first page is read from the index, not by
        # sorting every advice (12 ms → 1 ms at 10,000 advices, target P2).
        indexes = [models.Index(fields=["received_on", "id"], name="advice_received")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=AdviceKind.SOLICITED) | Q(advice_request__isnull=True),
                name="advice_unsolicited_has_no_request",
            ),
            models.CheckConstraint(
                condition=Q(contact__isnull=True) | ~Q(contact=models.F("backup_contact")),
                name="advice_backup_is_someone_else",
                violation_error_message=_("The backup must be someone else."),
            ),
            models.CheckConstraint(
                condition=Q(from_earlier_reaction=False) | ~Q(consent_note=""),
                name="advice_earlier_reaction_needs_consent",
                violation_error_message=_(
                    "Record the body's consent to count its earlier reaction as the advice."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("advice:advice-detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("advice:public-detail", args=[self.pk])

    def is_answer_overdue(self, today: date) -> bool:
        return (
            self.status == AdviceStatus.FINAL
            and self.response_due is not None
            and self.response_due < today
        )


class Recommendation(models.Model):
    """One numbered recommendation of an advice, and the municipality's answer to it. The
    answer fields stay internal until the answer is published."""

    advice = models.ForeignKey(
        Advice, on_delete=models.CASCADE, related_name="recommendations",
        verbose_name=_("advice"),
    )  # fmt: skip
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    adoption = models.CharField(_("answer"), max_length=16, choices=Adoption.choices, blank=True)
    reason = models.TextField(_("reasons"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["advice", "number"]
        constraints = [
            models.UniqueConstraint(fields=["advice", "number"], name="recommendation_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    @property
    def needs_reason(self) -> bool:
        return bool(self.adoption) and self.adoption != Adoption.ADOPTED


class Answer(TimeStampedModel):
    """The municipality's answer to one advice: an internal draft until the advice
    coordinator approves it, then published and sent."""

    advice = models.OneToOneField(
        Advice, on_delete=models.CASCADE, related_name="answer", verbose_name=_("advice")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT
    )
    introduction = models.TextField(_("introduction"), blank=True)
    explanations = models.TextField(
        _("explanations given"), blank=True,
        help_text=_("Explanation in the answer that should be looked at again later."),
    )  # fmt: skip
    summary_for_college = models.TextField(_("summary for the college"), blank=True)
    responded_by = models.CharField(
        _("answered on behalf of"), max_length=200, blank=True,
        help_text=_("For example: the college, the alderman for care, the department."),
    )  # fmt: skip
    decision = models.OneToOneField(
        "meetlat.Decision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("decision record"),
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("approved by"),
    )  # fmt: skip
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("published by"),
    )  # fmt: skip
    ris_link = models.URLField(_("link in the council information system"), blank=True)
    pdf = models.FileField(_("PDF of advice and answer"), upload_to="private/advice/pdf/",
                           blank=True)  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return str(self.advice)

    @property
    def is_published(self) -> bool:
        return self.status == AnswerStatus.PUBLISHED


class AnswerPromise(models.Model):
    """A promise as written in the draft answer. Publishing the answer turns every line into
    a Promise in the register; an adopted or partly adopted recommendation needs at least
    one."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="planned_promises",
        verbose_name=_("answer"),
    )  # fmt: skip
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, null=True, blank=True,
        related_name="planned_promises", verbose_name=_("recommendation"),
    )  # fmt: skip
    text = models.TextField(_("what the municipality promises"))
    department = models.CharField(_("department"), max_length=200)
    owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("promise in the answer")
        verbose_name_plural = _("promises in the answer")
        ordering = ["recommendation__number", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
