"""What comes after the answer: promises with their progress, the evaluation of each
advice, the college-body meetings, and the factsheet of roles and authorities."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advice.enums import (
    OPEN_PROMISE,
    AdviceEvaluationStatus,
    Kept,
    Party,
    PromiseSource,
    PromiseStatus,
)
from advice.models.agendas import Agenda
from advice.models.bodies import AdvisoryBody
from advice.models.register import Advice, Recommendation
from burgerkracht.core.models import TimeStampedModel

USER = settings.AUTH_USER_MODEL


class Promise(TimeStampedModel):
    """A toezegging, owned by a department and a person, due on a date: made in an answer to
    an advice, or on its own — a commitment of a wethouder or the college, a topic of an
    agenda, or something else — with its source described."""

    advice = models.ForeignKey(
        Advice,
        on_delete=models.CASCADE,
        related_name="promises",
        verbose_name=_("advice"),
        null=True,
        blank=True,
    )
    source_kind = models.CharField(
        _("source"), max_length=12, choices=PromiseSource.choices, default=PromiseSource.ANSWER
    )
    source_description = models.CharField(
        _("where it was promised"), max_length=300, blank=True,
        help_text=_("For example: Wethouder Jansen in the council meeting of 12 March."),
    )  # fmt: skip
    agenda = models.ForeignKey(
        Agenda, on_delete=models.PROTECT, null=True, blank=True, related_name="promises",
        verbose_name=_("agenda"),
    )  # fmt: skip
    phase = models.CharField(_("phase"), max_length=100, blank=True)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="promises", verbose_name=_("recommendation"),
    )  # fmt: skip
    text = models.TextField(_("the promise"))
    department = models.CharField(_("department"), max_length=200)
    owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="advice_promises",
        verbose_name=_("owner"),
    )  # fmt: skip
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PromiseStatus.choices, default=PromiseStatus.NEW,
        db_index=True,
    )  # fmt: skip
    drop_reason = models.TextField(_("why it was dropped"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PromiseStatus.DROPPED) | ~Q(drop_reason=""),
                name="promise_dropped_has_reason",
                violation_error_message=_("Say why the promise is dropped."),
            ),
            # From an answer: its advice. Otherwise no advice, and an agenda or a description.
            models.CheckConstraint(
                condition=Q(advice__isnull=False, source_kind=PromiseSource.ANSWER)
                | (
                    Q(advice__isnull=True)
                    & ~Q(source_kind=PromiseSource.ANSWER)
                    & (Q(agenda__isnull=False) | ~Q(source_description=""))
                ),
                name="promise_has_advice_or_other_source",
                violation_error_message=_("A promise comes from an advice or another source."),
            ),
            models.CheckConstraint(
                condition=Q(source_kind=PromiseSource.AGENDA, agenda__isnull=False)
                | (~Q(source_kind=PromiseSource.AGENDA) & Q(agenda__isnull=True)),
                name="promise_agenda_kind_has_agenda",
                violation_error_message=_("A promise of an agenda belongs to that agenda."),
            ),
            models.UniqueConstraint(
                Lower("text"),
                "agenda",
                condition=Q(agenda__isnull=False),
                name="promise_once_per_agenda",
                violation_error_message=_("This topic is already on the agenda."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("advice:promise-detail", args=[self.pk])

    def is_overdue(self, today: date) -> bool:
        return self.status in OPEN_PROMISE and self.due_on < today

    @property
    def is_standalone(self) -> bool:
        """Not from an answer: judged on its own, not at an advice's evaluation."""
        return self.advice_id is None


class PromiseNote(models.Model):
    """Progress on a promise, written by its owner or the coordinator."""

    promise = models.ForeignKey(
        Promise, on_delete=models.CASCADE, related_name="notes", verbose_name=_("promise")
    )
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)
    author = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    text = models.TextField(_("progress"))
    status = models.CharField(
        _("status after this note"), max_length=10, choices=PromiseStatus.choices
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class AdviceEvaluation(TimeStampedModel):
    """The evaluation of one advice, some months after the answer (BR-52), filled in by the
    body and the municipality together. Doing it closes the advice's loop."""

    advice = models.OneToOneField(
        Advice, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("advice")
    )
    due_on = models.DateField(_("planned for"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AdviceEvaluationStatus.choices,
        default=AdviceEvaluationStatus.PLANNED,
    )  # fmt: skip
    held_on = models.DateField(_("held on"), null=True, blank=True)
    participants = models.TextField(_("who took part"), blank=True)
    what_happened = models.TextField(_("what the municipality did with the advice"), blank=True)
    effect = models.TextField(_("the effect on policy and practice"), blank=True)
    body_appraisal = models.TextField(_("the advisory body's appraisal"), blank=True)
    lessons = models.TextField(_("lessons for next time"), blank=True)
    completed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("completed by"),
    )  # fmt: skip
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation of an advice")
        verbose_name_plural = _("evaluations of advices")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return str(self.advice)

    def get_absolute_url(self) -> str:
        return reverse("advice:evaluation", args=[self.advice_id])


class PromiseVerdict(models.Model):
    """Per promise: kept or not, and why. For a promise of an advice it is given at the
    advice's evaluation; a promise on its own gets it from the advice coordinator
    (`evaluation` empty, `given_by`/`given_at` set)."""

    evaluation = models.ForeignKey(
        AdviceEvaluation, on_delete=models.CASCADE, related_name="verdicts",
        verbose_name=_("evaluation"), null=True, blank=True,
    )  # fmt: skip
    promise = models.OneToOneField(
        Promise, on_delete=models.CASCADE, related_name="verdict", verbose_name=_("promise")
    )
    kept = models.CharField(_("kept?"), max_length=10, choices=Kept.choices)
    note = models.TextField(_("explanation"), blank=True)
    given_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("given by"),
    )  # fmt: skip
    given_at = models.DateTimeField(_("given at"), null=True, blank=True)

    class Meta:
        verbose_name = _("verdict on a promise")
        verbose_name_plural = _("verdicts on promises")
        constraints = [
            models.CheckConstraint(
                condition=Q(kept=Kept.KEPT) | ~Q(note=""),
                name="verdict_not_kept_has_note",
                violation_error_message=_("Explain why the promise was not (fully) kept."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.promise}: {self.get_kept_display()}"


class Meeting(TimeStampedModel):
    """An overleg of the college with an advisory body (at least twice a year, BR-54)."""

    body = models.ForeignKey(
        AdvisoryBody, on_delete=models.PROTECT, related_name="meetings",
        verbose_name=_("advisory body"),
    )  # fmt: skip
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    participants = models.TextField(_("participants"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    agreements = models.TextField(_("agreements made"), blank=True)
    advices = models.ManyToManyField(
        Advice, blank=True, related_name="meetings", verbose_name=_("advices discussed")
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("planned by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("advice:meeting-detail", args=[self.pk])


class FactsheetVersion(models.Model):
    """A version of the factsheet of roles and authorities. Every new version says why it
    changed ("het waarom", BR-56); old versions stay readable."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    valid_from = models.DateField(_("valid from"))
    why = models.TextField(_("why it changed"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("published by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("factsheet version")
        verbose_name_plural = _("factsheet versions")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.number}"

    @classmethod
    def current(cls) -> FactsheetVersion | None:
        return cls.objects.first()


class FactsheetEntry(models.Model):
    version = models.ForeignKey(
        FactsheetVersion, on_delete=models.CASCADE, related_name="entries",
        verbose_name=_("version"),
    )  # fmt: skip
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    tasks = models.TextField(_("tasks"))
    powers = models.TextField(_("powers"))
    agreements = models.TextField(_("agreements"), blank=True)

    class Meta:
        verbose_name = _("factsheet entry")
        verbose_name_plural = _("factsheet entries")
        ordering = ["version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="factsheet_party_once")
        ]

    def __str__(self) -> str:
        return self.get_party_display()
