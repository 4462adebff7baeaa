"""Every movement of money goes through here: locked, checked, audited.

The rules of the seeds: "Laat het budget heel" (money moves between lines only as a logged
act with a reason) and "Regel van te voren de zeggenschap en verander die niet meer
(tenzij…)" (decision holders are fixed before the period opens; changing them afterwards is
a logged act with a reason).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.enums import FUND_TRANSITIONS, FundStatus, IntegrityAct, OutOfPurpose
from budget.models import ZERO, Award, BudgetLine, Fund, IntegrityEntry, LineType, Tranche
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.transitions import check, transition
from burgerkracht.core.ui.formatting import euro
from burgerkracht.core.validation.reasons import is_reason

if TYPE_CHECKING:
    from budget.models import Evaluation
    from burgerkracht.accounts.models import User
    from burgerkracht.core.models import Neighbourhood
    from initiatives.models import Initiative


def _audit(subject: models.Model, by: User, action: str, reason: str = "", **data: Any) -> None:
    AuditEvent.record(subject=subject, actor=by, action=action, reason=reason, data=data)


@transaction.atomic
def create_fund(*, by: User, name: str, starts_on: date, ends_on: date) -> Fund:
    fund = Fund(name=name, starts_on=starts_on, ends_on=ends_on)
    fund.full_clean()
    fund.save()
    _audit(fund, by, "fund.created")
    return fund


@transaction.atomic
def add_line(
    *, by: User, fund: Fund, type: LineType, name: str, allocation: Decimal,
    max_per_application: Decimal | None = None, holders: Iterable[User] = (),
    neighbourhood: Neighbourhood | None = None,
) -> BudgetLine:  # fmt: skip
    """Lines and their decision holders are fixed before the period opens."""
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if fund.status != FundStatus.PREPARING:
        raise DomainError(_("Lines are fixed before the period opens; move money instead."))
    line = BudgetLine(
        fund=fund, type=type, name=name, allocation=allocation,
        max_per_application=max_per_application, neighbourhood=neighbourhood,
    )  # fmt: skip
    line.full_clean()
    line.save()
    line.decision_holders.set(holders)
    _audit(line, by, "line.created", allocation=str(allocation), holders=[h.pk for h in holders])
    return line


@transaction.atomic
def open_fund(*, by: User, fund: Fund) -> Fund:
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    check(FUND_TRANSITIONS, fund.status, FundStatus.OPEN)
    without = [line.name for line in fund.lines.all() if not line.decision_holders.exists()]
    if without:
        raise DomainError(
            _("Every line needs a decision holder before the period opens: %(lines)s.")
            % {"lines": ", ".join(without)}
        )
    return transition(
        fund, FundStatus.OPEN, table=FUND_TRANSITIONS, by=by, action="fund.opened",
        stamps={"opened_at": timezone.now()}, update_fields=(),
    )  # fmt: skip


@transaction.atomic
def close_fund(*, by: User, fund: Fund, reason: str = "") -> Fund:
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    return transition(
        fund, FundStatus.CLOSED, table=FUND_TRANSITIONS, by=by, reason=reason,
        action="fund.closed", update_fields=(),
    )  # fmt: skip


@transaction.atomic
def approve_award(
    *, by: User, line: BudgetLine, amount: Decimal, description: str,
    initiative: Initiative | None = None,
    decider_kept: bool = False,
) -> Award:  # fmt: skip
    """Commit money against a line.

    The line's row is locked (SELECT … FOR UPDATE) so concurrent approvals queue up and each
    sees the balance the previous one left; the database constraint on the line is the last
    word: even a bug here cannot over-commit it. `decider_kept`: `by` is the decider of the
    application this award is for, who keeps deciding it after leaving the line (SC-15).
    """
    line = BudgetLine.objects.select_for_update().select_related("fund").get(pk=line.pk)
    if line.fund.status != FundStatus.OPEN:
        raise DomainError(_("Money can only be awarded while the fund is open."))
    if not decider_kept and not line.decision_holders.filter(pk=by.pk).exists():
        raise DomainError(_("Only a decision holder of this line can award from it."))
    if amount <= ZERO:
        raise DomainError(_("The amount must be more than zero."))
    if line.max_per_application is not None and amount > line.max_per_application:
        raise DomainError(
            _("This line gives at most %(max)s per application.")
            % {"max": euro(line.max_per_application)}
        )
    if amount > line.remaining:
        raise DomainError(
            _("Not enough money left on this line: %(remaining)s remaining.")
            % {"remaining": euro(line.remaining)}
        )
    BudgetLine.objects.filter(pk=line.pk).update(committed=F("committed") + amount)
    award = Award.objects.create(
        line=line, amount=amount, description=description, awarded_by=by, initiative=initiative
    )
    _audit(award, by, "award.approved", amount=str(amount), line=line.pk)
    return award


@transaction.atomic
def plan_tranche(
    *, by: User, award: Award, planned_on: date, amount: Decimal,
    after_evaluation: Evaluation | None = None,
) -> Tranche:  # fmt: skip
    """Plan a payment. One planned after an interim evaluation waits for its decision;
    any other may be paid from its date."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    planned = award.tranches.aggregate(total=Sum("amount"))["total"] or ZERO
    if planned + amount > award.amount:
        raise DomainError(_("The tranches add up to more than the award."))
    tranche = Tranche(
        award=award, planned_on=planned_on, amount=amount, after_evaluation=after_evaluation,
        released_at=None if after_evaluation else timezone.now(),
    )  # fmt: skip
    tranche.full_clean()
    tranche.save()
    _audit(award, by, "award.tranche_planned", amount=str(amount), planned_on=str(planned_on))
    return tranche


@transaction.atomic
def pay_tranche(*, by: User, tranche: Tranche, paid_on: date, bank_reference: str = "") -> Tranche:
    """Mark as paid by hand: the fallback next to the bank's confirmation file (SC-12)."""
    from budget.services.payments import mark_paid

    tranche = Tranche.objects.select_for_update().select_related("award").get(pk=tranche.pk)
    BudgetLine.objects.select_for_update().get(pk=tranche.award.line_id)
    return mark_paid(by=by, tranche=tranche, paid_on=paid_on, bank_reference=bank_reference)


@transaction.atomic
def release_tranche(*, by: User, tranche: Tranche) -> Tranche:
    """The evaluation it waited for went well enough: the tranche may be paid."""
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    if tranche.released_at or tranche.withheld_at:
        raise DomainError(_("This tranche has already been released or withheld."))
    tranche.released_at = timezone.now()
    tranche.save(update_fields=["released_at", "updated_at"])
    _audit(tranche.award, by, "award.tranche_released", amount=str(tranche.amount))
    return tranche


@transaction.atomic
def withhold_tranche(*, by: User, tranche: Tranche, reason: str) -> Tranche:
    """The tranche will not be paid; its money returns to the line when the award is
    settled (what was spent is at most what was paid)."""
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    if tranche.paid_on or tranche.withheld_at:
        raise DomainError(_("This tranche has already been paid or withheld."))
    if tranche.order_id:
        raise DomainError(_("This tranche has been sent to the finance department."))
    tranche.released_at, tranche.withheld_at = None, timezone.now()
    tranche.save(update_fields=["released_at", "withheld_at", "updated_at"])
    _audit(tranche.award, by, "award.tranche_withheld", reason=reason, amount=str(tranche.amount))
    return tranche


@transaction.atomic
def reduce_award(*, by: User, award: Award, amount: Decimal, reason: str) -> Award:
    """Fewer means: take `amount` off the tranches not paid yet, latest first, and give it
    back to the line at once."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    unpaid = list(
        award.tranches.select_for_update()
        .filter(paid_on__isnull=True, withheld_at__isnull=True, order__isnull=True)
        .order_by("-planned_on", "-pk")
    )
    open_amount = sum((t.amount for t in unpaid), ZERO)
    if award.settled_at is not None:
        raise DomainError(_("This award has been settled."))
    if amount <= ZERO or amount >= award.amount or amount > open_amount:
        raise DomainError(
            _("You can take off at most what is not paid yet: %(open)s.")
            % {"open": euro(min(open_amount, award.amount - Decimal("0.01")))}
        )
    line = BudgetLine.objects.select_for_update().get(pk=award.line_id)
    left = amount
    for tranche in unpaid:
        cut = min(left, tranche.amount)
        if cut == tranche.amount:
            tranche.delete()
        else:
            tranche.amount -= cut
            tranche.save(update_fields=["amount", "updated_at"])
        left -= cut
        if not left:
            break
    award.amount -= amount
    award.save(update_fields=["amount", "updated_at"])
    BudgetLine.objects.filter(pk=line.pk).update(committed=F("committed") - amount)
    _audit(award, by, "award.reduced", reason=reason, amount=str(amount))
    return award


@transaction.atomic
def settle_award(
    *, by: User, award: Award, spent: Decimal, reason: str = "", reclaim: bool = False
) -> Award:
    """Close the award: what was not spent returns to its line. With `reclaim`, money that
    was paid but not spent is to be paid back, so what was spent may be below what was paid."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.settled_at is not None:
        raise DomainError(_("This award has already been settled."))
    paid = award.tranches.filter(paid_on__isnull=False).aggregate(t=Sum("amount"))["t"] or ZERO
    if (spent < paid and not reclaim) or spent < ZERO or spent > award.amount:
        raise DomainError(
            _(
                "What was spent must lie between what was paid (%(paid)s) "
                "and the award (%(amount)s)."
            )
            % {"paid": euro(paid), "amount": euro(award.amount)}
        )
    BudgetLine.objects.select_for_update().get(pk=award.line_id)
    release = award.amount - spent
    award.settled_at = timezone.now()
    award.released_amount = release
    award.save(update_fields=["settled_at", "released_amount", "updated_at"])
    BudgetLine.objects.filter(pk=award.line_id).update(released=F("released") + release)
    _audit(award, by, "award.settled", reason=reason, released=str(release))
    return award


@transaction.atomic
def reallocate(
    *, by: User, from_line: BudgetLine, to_line: BudgetLine, amount: Decimal, reason: str,
    approved_by: User | None = None,
) -> IntegrityEntry:  # fmt: skip
    """Move money between two lines of one fund: a logged act with a mandatory reason. Once
    the period has opened a second person approves it (budget.services.changes)."""
    if not is_reason(reason):
        raise DomainError(_("Say why the money moves."))
    if from_line.pk == to_line.pk:
        raise DomainError(_("Choose two different lines."))
    # Lock in primary-key order so two opposite moves cannot deadlock.
    locked = {
        line.pk: line
        for line in BudgetLine.objects.select_for_update()
        .filter(pk__in=[from_line.pk, to_line.pk])
        .order_by("pk")
    }
    source, target = locked[from_line.pk], locked[to_line.pk]
    if source.fund_id != target.fund_id:
        raise DomainError(_("Money only moves between lines of the same fund."))
    if source.fund.status != FundStatus.PREPARING:
        _check_approver(by, approved_by)
    if amount <= ZERO:
        raise DomainError(_("The amount to move must be more than € 0."))
    if amount > source.remaining:
        raise DomainError(
            _("You can move at most what is left on the line: %(remaining)s.")
            % {"remaining": euro(source.remaining)}
        )
    BudgetLine.objects.filter(pk=source.pk).update(allocation=F("allocation") - amount)
    BudgetLine.objects.filter(pk=target.pk).update(allocation=F("allocation") + amount)
    entry = IntegrityEntry.objects.create(
        act=IntegrityAct.REALLOCATION, fund_id=source.fund_id, from_line=source, to_line=target,
        amount=amount, reason=reason.strip(), by=by, approved_by=approved_by,
    )  # fmt: skip
    _audit(
        source.fund, by, "fund.reallocated", reason=reason, amount=str(amount),
        approved_by=getattr(approved_by, "pk", None),
    )  # fmt: skip
    return entry


@transaction.atomic
def move_out_of_purpose(
    *, by: User, approved_by: User, line: BudgetLine, amount: Decimal, destination: str,
    destination_detail: str = "", reason: str,
) -> IntegrityEntry:  # fmt: skip
    """Money leaves the Samen Sterk purpose (to another scheme, the general budget, or cut):
    only what is still free on the line, with a reason and a second person's approval. The
    entry is what the reports show in red ("Laat het budget heel", SC-16)."""
    if not is_reason(reason):
        raise DomainError(_("Say why the money leaves Samen Sterk."))
    if destination not in OutOfPurpose.values:
        raise DomainError(_("Say where the money goes."))
    _check_approver(by, approved_by)
    line = BudgetLine.objects.select_for_update().get(pk=line.pk)
    if amount <= ZERO:
        raise DomainError(_("The amount to move must be more than € 0."))
    if amount > line.remaining:
        raise DomainError(
            _("You can move at most what is left on the line: %(remaining)s.")
            % {"remaining": euro(line.remaining)}
        )
    BudgetLine.objects.filter(pk=line.pk).update(allocation=F("allocation") - amount)
    entry = IntegrityEntry.objects.create(
        act=IntegrityAct.OUT_OF_PURPOSE, fund_id=line.fund_id, from_line=line, amount=amount,
        reason=reason.strip(), by=by, approved_by=approved_by, destination=destination,
        destination_detail=destination_detail.strip(),
    )  # fmt: skip
    _audit(
        line.fund, by, "fund.out_of_purpose", reason=reason, amount=str(amount),
        destination=destination, approved_by=approved_by.pk,
    )  # fmt: skip
    return entry


def _check_approver(by: User, approved_by: User | None) -> None:
    """The second pair of eyes on a change during the period (SC-15, SC-16)."""
    from budget.permissions import can_approve_budget_change

    if approved_by is None or not can_approve_budget_change(approved_by, by):
        raise DomainError(
            _("A second person approves this: an administrator or coordinator, not you.")
        )


@transaction.atomic
def change_decision_holder(
    *, by: User, line: BudgetLine, holder: User, add: bool, reason: str = "",
    approved_by: User | None = None,
) -> BudgetLine:  # fmt: skip
    """Before the period opens holders are simply set; afterwards every change is a logged
    act with a mandatory reason and a second person's approval ("tenzij…"), and an open line
    always keeps at least one holder."""
    line = BudgetLine.objects.select_for_update().select_related("fund").get(pk=line.pk)
    is_open = line.fund.status != FundStatus.PREPARING
    if is_open and not is_reason(reason):
        raise DomainError(_("The period has opened: say why who decides changes."))
    present = line.decision_holders.filter(pk=holder.pk).exists()
    if add == present:
        raise DomainError(
            _("Nothing changes: this person already is (or is not) a decision holder.")
        )
    if is_open and not add:
        check_not_last_holder(line, holder)
    if is_open:
        _check_approver(by, approved_by)
    if add:
        line.decision_holders.add(holder)
    else:
        line.decision_holders.remove(holder)
    if is_open:
        IntegrityEntry.objects.create(
            act=IntegrityAct.HOLDER_ADDED if add else IntegrityAct.HOLDER_REMOVED,
            fund=line.fund, to_line=line, holder=holder, reason=reason.strip(), by=by,
            approved_by=approved_by,
        )  # fmt: skip
    _audit(
        line, by, "line.holder_added" if add else "line.holder_removed", reason=reason,
        holder=holder.pk, approved_by=getattr(approved_by, "pk", None),
    )  # fmt: skip
    return line


def check_not_last_holder(line: BudgetLine, holder: User) -> None:
    """An open line always keeps someone who can decide on it (SC-15)."""
    others = line.decision_holders.exclude(pk=holder.pk).filter(is_active=True)
    if not others.exists():
        raise DomainError(
            _(
                "%(name)s is the only decision holder of %(line)s. Add another decision holder "
                "first: an open line always keeps someone who can decide."
            )
            % {"name": holder, "line": line.name}
        )
