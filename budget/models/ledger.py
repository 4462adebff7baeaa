"""The Samen Sterk ledger: funds, budget lines, awards (commitments), tranches, and the
budget-integrity log. Remaining money is derived, never typed in."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budget.enums import FundStatus, IntegrityAct, OutOfPurpose
from burgerkracht.core.models import Neighbourhood, TimeStampedModel
from burgerkracht.core.ui.formatting import day, euro

ZERO = Decimal("0.00")


def money(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class Fund(TimeStampedModel):
    """A fund for one period, such as "Samen Sterk 2027"."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=FundStatus.choices, default=FundStatus.PREPARING
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="fund_period_forward",
                violation_error_message=_("The period must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("budget:overview", args=[self.pk])


class LineType(models.Model):
    """Kinds of budget line (smeerolie per wijk, stedelijk, …): data, not code."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    per_neighbourhood = models.BooleanField(_("one line per wijk"), default=False)

    class Meta:
        verbose_name = _("kind of budget line")
        verbose_name_plural = _("kinds of budget line")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BudgetLine(TimeStampedModel):
    """A sub-budget with its allocation and its decision holders, fixed before the period.

    `committed` and `released` are running totals kept by the services under a row lock, in
    the same transaction as the award or settlement they count; the check constraint below
    makes over-commitment impossible whatever the code above it does.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="lines")
    type = models.ForeignKey(LineType, on_delete=models.PROTECT, related_name="lines")
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, null=True, blank=True, related_name="budget_lines"
    )
    name = models.CharField(_("name"), max_length=120)
    allocation = money(_("allocation"), validators=[MinValueValidator(ZERO)])
    committed = money(_("committed"), default=ZERO, editable=False)
    released = money(_("released again"), default=ZERO, editable=False)
    paid = money(_("paid"), default=ZERO, editable=False)
    max_per_application = money(
        _("maximum per application"), null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    decision_holders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="budget_lines_decided",
        verbose_name=_("decision holders"),
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["fund", "type__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "name"], name="line_name_once_per_fund"),
            models.CheckConstraint(
                condition=Q(committed__lte=F("allocation") + F("released")),
                name="line_never_overcommitted",
                violation_error_message=_("A budget line can never commit more than it has."),
            ),
            models.CheckConstraint(
                condition=Q(allocation__gte=0, committed__gte=0, released__gte=0, paid__gte=0)
                & Q(released__lte=F("committed")),
                name="line_totals_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund} · {self.name}"

    @property
    def remaining(self) -> Decimal:
        return self.allocation - self.committed + self.released

    @property
    def public_name(self) -> str:
        return public_line_name(self.name, self.neighbourhood.name if self.neighbourhood else None)


def public_line_name(name: str, neighbourhood: str | None) -> str:
    """A budget line as residents know it (issue #24, B1): a wijk's line by its wijk,
    "Wijkbudget Filmwijk", never the municipality's own name for it ("Smeerolie Filmwijk");
    a line for the whole city by its name ("Stedelijk")."""
    if neighbourhood:
        return gettext("Wijk budget %(wijk)s") % {"wijk": neighbourhood}
    return name


class Award(TimeStampedModel):
    """A commitment against a line: money promised to an initiative."""

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="awards")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.PROTECT, null=True, blank=True,
        related_name="awards",
    )  # fmt: skip
    description = models.CharField(_("what for"), max_length=250)
    amount = money(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    released_amount = money(_("returned to the line"), default=ZERO)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, released_amount__gte=0)
                & Q(released_amount__lte=F("amount")),
                name="award_release_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(settled_at__isnull=False) | Q(released_amount=0),
                name="award_release_only_at_settlement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({euro(self.amount)})"


class Tranche(TimeStampedModel):
    """A planned part-payment of an award; paid once."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="tranches")
    planned_on = models.DateField(_("planned pay date"))
    amount = money(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    # A tranche planned after an interim evaluation waits for that evaluation's decision:
    # released (it may be paid), or withheld (it will not be paid).
    after_evaluation = models.ForeignKey(
        "budget.Evaluation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="tranches", verbose_name=_("waits for the evaluation"),
    )  # fmt: skip
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    withheld_at = models.DateTimeField(_("withheld at"), null=True, blank=True)
    # SC-12: the payment order sent to the finance department, and the bank's own reference
    # of the payment once it is paid (from the confirmation file or typed in by hand).
    order = models.ForeignKey(
        "budget.PaymentOrder", on_delete=models.PROTECT, null=True, blank=True,
        related_name="tranches", verbose_name=_("payment order"),
    )  # fmt: skip
    ordered_on = models.DateField(_("payment order sent on"), null=True, blank=True)
    order_reference = models.CharField(
        _("payment reference"), max_length=30, null=True, blank=True, unique=True
    )
    bank_reference = models.CharField(_("bank's reference"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["planned_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_positive"),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True) | Q(withheld_at__isnull=True),
                name="tranche_released_or_withheld",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(released_at__isnull=False),
                name="tranche_paid_only_when_released",
            ),
            models.CheckConstraint(
                condition=Q(order__isnull=True)
                | Q(
                    released_at__isnull=False,
                    ordered_on__isnull=False,
                    order_reference__isnull=False,
                ),
                name="tranche_ordered_only_when_released",
            ),
        ]

    @property
    def state(self) -> str:
        """waiting → released → ordered → paid; or withheld (never paid)."""
        if self.paid_on:
            return "paid"
        if self.withheld_at:
            return "withheld"
        if self.order_id:
            return "ordered"
        return "released" if self.released_at else "waiting"

    def __str__(self) -> str:
        return f"{day(self.planned_on)}: {euro(self.amount)}"


class IntegrityEntry(models.Model):
    """One line of the budget-integrity log: money moved, or who decides changed, and why."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    act = models.CharField(_("what"), max_length=20, choices=IntegrityAct.choices)
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="integrity_log")
    from_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = money(_("amount"), null=True, blank=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("why"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A change during the period needs a second person: the approver (SC-15, SC-16).
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("approved by"),
    )  # fmt: skip
    # Money that leaves the Samen Sterk purpose: where it goes.
    destination = models.CharField(
        _("where the money goes"), max_length=20, choices=OutOfPurpose.choices, blank=True
    )
    destination_detail = models.CharField(_("which scheme or budget"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("budget-integrity entry")
        verbose_name_plural = _("budget-integrity log")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="integrity_has_reason"),
            models.CheckConstraint(
                condition=~Q(approved_by=F("by")), name="integrity_approver_is_someone_else"
            ),
            models.CheckConstraint(
                condition=~Q(act=IntegrityAct.OUT_OF_PURPOSE)
                | (
                    Q(approved_by__isnull=False, from_line__isnull=False, amount__gt=0)
                    & ~Q(destination="")
                ),
                name="integrity_out_of_purpose_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_act_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_out_of_purpose(self) -> bool:
        return self.act == IntegrityAct.OUT_OF_PURPOSE
