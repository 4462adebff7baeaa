"""Proposals to change the budget during the open period, approved by a second person
("Regel van te voren de zeggenschap en verander die niet meer (tenzij…)", SC-15; money out
of the Samen Sterk purpose, SC-16)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget.enums import ChangeKind, ChangeStatus, OutOfPurpose
from budget.models.ledger import BudgetLine, Fund, IntegrityEntry, money
from burgerkracht.core.ui.formatting import euro


class BudgetChange(models.Model):
    """One proposal: who proposed what and why, and who approved or refused it, when."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(_("what"), max_length=20, choices=ChangeKind.choices)
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="changes", verbose_name=_("line")
    )
    to_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("to line"),
    )  # fmt: skip
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("decision holder"),
    )  # fmt: skip
    # Who decides the line's open applications after the change: for a removal, the holder
    # who takes over the removed holder's applications; for an addition, the new holder when
    # they take over all of them. Empty: every application keeps its decider.
    reassign_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("takes over the open applications"),
    )  # fmt: skip
    amount = money(_("amount"), null=True, blank=True)
    destination = models.CharField(
        _("where the money goes"), max_length=20, choices=OutOfPurpose.choices, blank=True
    )
    destination_detail = models.CharField(_("which scheme or budget"), max_length=200, blank=True)
    reason = models.TextField(_("why"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("proposed by"),
    )  # fmt: skip
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("why refused"), blank=True)
    entry = models.OneToOneField(
        IntegrityEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="change"
    )

    class Meta:
        verbose_name = _("budget change")
        verbose_name_plural = _("budget changes")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="change_has_reason"),
            models.CheckConstraint(
                condition=~Q(decided_by=F("proposed_by")), name="change_decided_by_someone_else"
            ),
            models.CheckConstraint(
                condition=Q(status=ChangeStatus.PROPOSED, decided_at__isnull=True)
                | Q(status=ChangeStatus.WITHDRAWN, decided_at__isnull=False)
                | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="change_decision_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status=ChangeStatus.REFUSED) | ~Q(refusal_reason=""),
                name="change_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=[ChangeKind.ADD_HOLDER, ChangeKind.REMOVE_HOLDER])
                | Q(holder__isnull=False),
                name="change_holder_names_holder",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=[ChangeKind.REALLOCATION, ChangeKind.OUT_OF_PURPOSE])
                | Q(amount__gt=0),
                name="change_money_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.line.name}"

    def get_absolute_url(self) -> str:
        return reverse("budget:change", args=[self.pk])

    @property
    def summary(self) -> str:
        """What changes, in one line: the person and line, or the amount and where it goes."""
        if self.kind in (ChangeKind.ADD_HOLDER, ChangeKind.REMOVE_HOLDER):
            text = f"{self.holder} · {self.line.name}"
            if self.reassign_to_id:
                text += " — " + _("%(name)s takes over the open applications") % {
                    "name": self.reassign_to
                }
            return text
        if self.kind == ChangeKind.REALLOCATION:
            return f"{euro(self.amount)}: {self.line.name} → {self.to_line.name}"
        detail = f" ({self.destination_detail})" if self.destination_detail else ""
        return f"{euro(self.amount)}: {self.line.name} → {self.get_destination_display()}{detail}"

    @property
    def is_open(self) -> bool:
        return self.status == ChangeStatus.PROPOSED
