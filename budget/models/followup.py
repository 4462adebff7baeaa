"""What happens after a grant: interim evaluations with a visit, and the accountability
afterwards (verantwoording achteraf). "Evalueer tussentijd, ga op bezoek en vraag om een
verantwoording achteraf." Statuses follow the tables in `budget.enums`; only the services
change them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget.enums import (
    AccountabilityStatus,
    Capacity,
    Continuation,
    EvaluationStatus,
    MeetingKind,
    MetAgain,
    NextStep,
    Reached,
)
from budget.models.application import Application, CostLine, ResultSign
from budget.models.ledger import ZERO, Award, money
from burgerkracht.core.models import TimeStampedModel
from burgerkracht.core.privacy.fields import EncryptedTextField
from burgerkracht.core.ui.formatting import euro


def _user(name: str, **kwargs) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=name, **kwargs,
    )  # fmt: skip


class Evaluation(TimeStampedModel):
    """One interim evaluation of a grant, on a date agreed in the decision, with a visit."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="evaluations"
    )
    planned_on = models.DateField(_("evaluation date"))
    status = models.CharField(
        _("status"), max_length=12, choices=EvaluationStatus.choices,
        default=EvaluationStatus.PLANNED,
    )  # fmt: skip
    # The visit: planned by the facilitator, who goes.
    visit_on = models.DateField(_("visit date"), null=True, blank=True)
    visitors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="evaluation_visits",
        verbose_name=_("who goes"),
    )  # fmt: skip
    # What the facilitator writes down.
    meeting = models.CharField(_("how you met"), max_length=12, choices=MeetingKind.choices,
                               blank=True)  # fmt: skip
    held_on = models.DateField(_("held on"), null=True, blank=True)
    present = EncryptedTextField(_("who was there"), blank=True)
    participants_now = models.PositiveIntegerField(_("people taking part now"), null=True,
                                                   blank=True)  # fmt: skip
    going_well = EncryptedTextField(_("what goes well"), blank=True)
    hard = EncryptedTextField(_("what is hard"), blank=True)
    own_capacity = models.CharField(
        _("what the residents can do themselves"), max_length=8, choices=Capacity.choices,
        blank=True,
    )  # fmt: skip
    recorded_by = _user(_("written down by"))
    recorded_at = models.DateTimeField(_("written down at"), null=True, blank=True)
    # The residents' own view.
    resident_view = EncryptedTextField(_("the residents' view"), blank=True)
    resident_view_by = _user(_("view written by"))
    # The continuation decision: an internal draft until it is made final.
    outcome = models.CharField(_("outcome"), max_length=14, choices=Continuation.choices,
                               blank=True)  # fmt: skip
    extra_amount = money(_("extra money"), null=True, blank=True,
                         validators=[MinValueValidator(ZERO)])  # fmt: skip
    reduce_by = money(_("less money"), null=True, blank=True,
                      validators=[MinValueValidator(ZERO)])  # fmt: skip
    new_agreements = models.TextField(_("the new agreements"), blank=True)
    # Less professional support: the cost line that is the support (cost lines have no kind:
    # the decision holder chooses it), and its amount before the decision took `reduce_by`
    # off it, so the dossier and the amended letter show old and new.
    cost_line = models.ForeignKey(
        "budget.CostLine", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("the professional support (cost line)"),
    )  # fmt: skip
    cost_line_was = money(_("cost line before"), null=True, blank=True)
    decision = models.OneToOneField(
        "meetlat.Decision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="evaluation",
    )  # fmt: skip
    decided_by = _user(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    extra_award = models.OneToOneField(
        Award, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluation"
    )

    class Meta:
        verbose_name = _("interim evaluation")
        verbose_name_plural = _("interim evaluations")
        ordering = ["planned_on", "pk"]
        indexes = [models.Index(fields=["status", "planned_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=EvaluationStatus.DECIDED, decided_at__isnull=False)
                | (~Q(status=EvaluationStatus.DECIDED) & Q(decided_at__isnull=True)),
                name="evaluation_decided_at_iff_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.initiative} · {self.planned_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("budget:evaluation", args=[self.pk])

    @property
    def is_end_evaluation(self) -> bool:
        """A one-off event's only evaluation, after the event, instead of interim ones."""
        return self.application.is_one_off


class SignObservation(models.Model):
    """Sign by sign: what was seen of the result the residents described."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE,
                                   related_name="observations")  # fmt: skip
    sign = models.ForeignKey(ResultSign, on_delete=models.CASCADE, related_name="+")
    seen = models.TextField(_("what was seen"))

    class Meta:
        verbose_name = _("what was seen of a sign")
        verbose_name_plural = _("what was seen of the signs")
        ordering = ["sign__position"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "sign"], name="observation_once"),
        ]

    def __str__(self) -> str:
        return self.seen[:60]


class Accountability(TimeStampedModel):
    """The residents' light accountability afterwards: "tellen en vertellen"."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="accountability"
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=AccountabilityStatus.choices,
        default=AccountabilityStatus.OPEN,
    )  # fmt: skip
    result_reached = models.CharField(_("was the result reached?"), max_length=8,
                                      choices=Reached.choices, blank=True)  # fmt: skip
    what_got_in_the_way = EncryptedTextField(_("what got in the way"), blank=True)
    participants = models.PositiveIntegerField(_("how many people took part"), null=True,
                                               blank=True)  # fmt: skip
    activities = models.PositiveIntegerField(_("how many times you came together"), null=True,
                                             blank=True)  # fmt: skip
    resident_input = models.TextField(_("how residents shaped it"), blank=True)
    story = models.TextField(_("your story"), blank=True)
    story_public = models.BooleanField(_("the story may be shown on the website"), default=False)
    lessons = models.TextField(_("what others can learn from it"), blank=True)
    # Only for a one-off event: did people meet again afterwards?
    met_again = models.CharField(_("did people meet again after the event?"), max_length=8,
                                 choices=MetAgain.choices, blank=True)  # fmt: skip
    met_again_story = models.TextField(_("how they met again"), blank=True)
    next_step = models.CharField(_("what comes next"), max_length=12, choices=NextStep.choices,
                                 blank=True)  # fmt: skip
    submitted_at = models.DateTimeField(_("sent in at"), null=True, blank=True)
    submitted_by = _user(_("sent in by"))
    question = models.TextField(_("what the facilitator asks for"), blank=True)
    spent = money(_("spent"), null=True, blank=True)
    paid_back = money(_("to be paid back"), default=ZERO)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    settled_by = _user(_("settled by"))
    settle_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("accountability afterwards")
        verbose_name_plural = _("accountability afterwards")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=AccountabilityStatus.SETTLED, settled_at__isnull=False)
                | (~Q(status=AccountabilityStatus.SETTLED) & Q(settled_at__isnull=True)),
                name="accountability_settled_at_iff_settled",
            ),
            models.CheckConstraint(condition=Q(paid_back__gte=0), name="paid_back_not_negative"),
        ]

    def __str__(self) -> str:
        return str(self.application.initiative)

    def get_absolute_url(self) -> str:
        return reverse("budget:accountability", args=[self.pk])

    @property
    def total_spent(self):
        return sum((s.spent for s in self.spending.all()), ZERO)


class SignResult(models.Model):
    """At the end, sign by sign: was it reached?"""

    accountability = models.ForeignKey(Accountability, on_delete=models.CASCADE,
                                       related_name="sign_results")  # fmt: skip
    sign = models.ForeignKey(ResultSign, on_delete=models.CASCADE, related_name="+")
    reached = models.CharField(_("reached"), max_length=8, choices=Reached.choices)

    class Meta:
        verbose_name = _("result per sign")
        verbose_name_plural = _("results per sign")
        ordering = ["sign__position"]
        constraints = [
            models.UniqueConstraint(fields=["accountability", "sign"], name="sign_result_once"),
        ]

    def __str__(self) -> str:
        return f"{self.sign}: {self.get_reached_display()}"


class Spending(models.Model):
    """What the money went to, per cost line of the application."""

    accountability = models.ForeignKey(Accountability, on_delete=models.CASCADE,
                                       related_name="spending")  # fmt: skip
    cost_line = models.ForeignKey(CostLine, on_delete=models.CASCADE, related_name="+")
    spent = money(_("spent"), validators=[MinValueValidator(ZERO)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        ordering = ["cost_line__position"]
        constraints = [
            models.UniqueConstraint(fields=["accountability", "cost_line"], name="spending_once"),
            models.CheckConstraint(condition=Q(spent__gte=0), name="spending_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.cost_line}: {euro(self.spent)}"
