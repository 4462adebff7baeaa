"""Four eyes on a change during the open period (SC-15 "tenzij…", SC-16).

An administrator or facilitator coordinator proposes: a decision holder added to or removed
from a line, money moved between lines, or money moved out of the Samen Sterk purpose, with a
reason. The proposal waits; another administrator or coordinator approves it (the change is
then made by the ledger service, with both names on the budget-integrity log) or refuses it
with a reason; the proposer may withdraw it. Before the period opens none of this applies:
the administrator sets holders and moves money directly.

Who decides an application follows the application, not the line: `Application.decider` is
set when the check is complete (the first active holder of the line by name), and kept when
the line's holders change, until an approved change reassigns it. Each reassignment tells the
applicant who decides now.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.enums import (
    CHANGE_TRANSITIONS,
    OPEN_STATUSES,
    ChangeKind,
    ChangeStatus,
    FundStatus,
    OutOfPurpose,
)
from budget.models import ZERO, Application, BudgetChange, BudgetLine
from budget.services import ledger
from budget.services.application import audit, initiator_users, link
from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import OVERSEER_ROLES, Role
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.required import required
from burgerkracht.core.transitions import check, transition
from burgerkracht.core.ui.formatting import euro
from burgerkracht.core.validation.reasons import is_reason


def _audit(change: BudgetChange, by: User, action: str, reason: str = "") -> None:
    AuditEvent.record(
        subject=change, actor=by, action=action, reason=reason,
        data={"kind": change.kind, "line": change.line_id},
    )  # fmt: skip


def _open_line(line: BudgetLine) -> BudgetLine:
    line = BudgetLine.objects.select_related("fund").get(pk=line.pk)
    if line.fund.status != FundStatus.OPEN:
        raise DomainError(
            _("Only while the period is open does a change need approval; change it directly.")
        )
    return line


def _check_proposer(by: User) -> None:
    from budget.permissions import can_propose_budget_change

    if not can_propose_budget_change(by):
        raise DomainError(_("Only an administrator or coordinator can propose this."))


def _create(*, by: User, line: BudgetLine, kind: str, reason: str, **fields: Any) -> BudgetChange:
    if not is_reason(reason):
        raise DomainError(_("Say why this should change."))
    change = BudgetChange.objects.create(
        fund_id=line.fund_id, line=line, kind=kind, reason=reason.strip(), proposed_by=by,
        **fields,
    )  # fmt: skip
    _audit(change, by, "change.proposed", reason=change.reason)
    notify(
        recipients=approvers(exclude=by),
        template="budget/change_proposed",
        context={"change": change, "link": absolute_url(change.get_absolute_url())},
    )  # fmt: skip
    return change


def approvers(*, exclude: User | None = None) -> QuerySet[User]:
    """Everyone who may approve a proposal of `exclude`."""
    people = User.objects.filter(groups__name__in=OVERSEER_ROLES, is_active=True).distinct()
    return people.exclude(pk=exclude.pk) if exclude is not None else people


@transaction.atomic
def propose_holder_change(
    *, by: User, line: BudgetLine, holder: User, add: bool, reason: str,
    reassign_to: User | None = None,
) -> BudgetChange:  # fmt: skip
    """Add or remove decision holder `holder` on `line`. `reassign_to`: on a removal, the
    remaining holder who takes over the removed holder's open applications; on an addition,
    the new holder themself when they take over all the line's open applications."""
    _check_proposer(by)
    line = _open_line(line)
    present = line.decision_holders.filter(pk=holder.pk).exists()
    if add == present:
        raise DomainError(
            _("Nothing changes: this person already is (or is not) a decision holder.")
        )
    if add and not holder.has_role(Role.BUDGET_DECISION_HOLDER):
        raise DomainError(_("Only someone with the role of budget decision holder can decide."))
    if not add:
        ledger.check_not_last_holder(line, holder)
        if reassign_to is not None and (
            reassign_to.pk == holder.pk or not line.decision_holders.filter(pk=reassign_to.pk)
        ):
            raise DomainError(_("Choose another decision holder of this line to take over."))
    elif reassign_to is not None and reassign_to.pk != holder.pk:
        raise DomainError(_("Only the new decision holder can take over the applications."))
    kind = ChangeKind.ADD_HOLDER if add else ChangeKind.REMOVE_HOLDER
    return _create(
        by=by, line=line, kind=kind, reason=reason, holder=holder, reassign_to=reassign_to
    )


def _check_free(line: BudgetLine, amount: Decimal | None) -> None:
    if amount is None or amount <= ZERO:
        raise DomainError(_("The amount to move must be more than € 0."))
    if amount > line.remaining:
        raise DomainError(
            _("You can move at most what is left on the line: %(remaining)s.")
            % {"remaining": euro(line.remaining)}
        )


@transaction.atomic
def propose_reallocation(
    *, by: User, from_line: BudgetLine, to_line: BudgetLine, amount: Decimal, reason: str
) -> BudgetChange:
    _check_proposer(by)
    line = _open_line(from_line)
    if to_line.pk == line.pk:
        raise DomainError(_("Choose two different lines."))
    if to_line.fund_id != line.fund_id:
        raise DomainError(_("Money only moves between lines of the same fund."))
    _check_free(line, amount)
    return _create(
        by=by, line=line, kind=ChangeKind.REALLOCATION, reason=reason, to_line=to_line,
        amount=amount,
    )  # fmt: skip


@transaction.atomic
def propose_out_of_purpose(
    *, by: User, line: BudgetLine, amount: Decimal, destination: str, destination_detail: str = "",
    reason: str,
) -> BudgetChange:  # fmt: skip
    """Money out of the Samen Sterk purpose (SC-16): at most what is still free on the line."""
    _check_proposer(by)
    line = _open_line(line)
    if destination not in OutOfPurpose.values:
        raise DomainError(_("Say where the money goes."))
    _check_free(line, amount)
    return _create(
        by=by, line=line, kind=ChangeKind.OUT_OF_PURPOSE, reason=reason, amount=amount,
        destination=destination, destination_detail=destination_detail.strip(),
    )  # fmt: skip


def _locked(change: BudgetChange, to: str) -> BudgetChange:
    change = (
        BudgetChange.objects.select_for_update(of=("self",))
        .select_related("line", "to_line", "holder", "reassign_to", "proposed_by")
        .get(pk=change.pk)
    )
    check(CHANGE_TRANSITIONS, change.status, to)
    return change


def _decide(change: BudgetChange, by: User, status: str, action: str, reason: str = "") -> None:
    transition(
        change, status, table=CHANGE_TRANSITIONS, by=by, reason=reason, action=action,
        stamps={"decided_by": by, "decided_at": timezone.now(), "refusal_reason": reason},
        update_fields=("entry",),
    )  # fmt: skip


@transaction.atomic
def approve_change(*, by: User, change: BudgetChange) -> BudgetChange:
    """The second person approves: the change is made now, with both names on the log."""
    from budget.permissions import can_approve_budget_change

    change = _locked(change, ChangeStatus.APPROVED)
    if not can_approve_budget_change(by, change.proposed_by):
        raise DomainError(
            _("A second person approves this: an administrator or coordinator, not you.")
        )
    proposer = change.proposed_by
    if change.kind in (ChangeKind.ADD_HOLDER, ChangeKind.REMOVE_HOLDER):
        add = change.kind == ChangeKind.ADD_HOLDER
        if not add and change.reassign_to_id:
            _reassign(change, by, deciders=[required(change.holder_id)])
        ledger.change_decision_holder(
            by=proposer, line=change.line, holder=required(change.holder), add=add,
            reason=change.reason,
            approved_by=by,
        )  # fmt: skip
        if add and change.reassign_to_id:
            _reassign(change, by, deciders=None)
        change.entry = change.line.fund.integrity_log.filter(
            holder=change.holder, to_line=change.line
        ).first()
    elif change.kind == ChangeKind.REALLOCATION:
        change.entry = ledger.reallocate(
            by=proposer, from_line=change.line, to_line=required(change.to_line),
            amount=change.amount, reason=change.reason, approved_by=by,
        )  # fmt: skip
    else:
        change.entry = ledger.move_out_of_purpose(
            by=proposer, approved_by=by, line=change.line, amount=change.amount,
            destination=change.destination, destination_detail=change.destination_detail,
            reason=change.reason,
        )  # fmt: skip
    _decide(change, by, ChangeStatus.APPROVED, "change.approved")
    return change


@transaction.atomic
def refuse_change(*, by: User, change: BudgetChange, reason: str) -> BudgetChange:
    from budget.permissions import can_approve_budget_change

    change = _locked(change, ChangeStatus.REFUSED)
    if not can_approve_budget_change(by, change.proposed_by):
        raise DomainError(
            _("A second person refuses this: an administrator or coordinator, not you.")
        )
    if not is_reason(reason):
        raise DomainError(_("Say why you refuse this change."))
    _decide(change, by, ChangeStatus.REFUSED, "change.refused", reason.strip())
    notify(
        recipients=[change.proposed_by], template="budget/change_refused",
        context={"change": change, "link": absolute_url(change.get_absolute_url())},
    )  # fmt: skip
    return change


@transaction.atomic
def withdraw_change(*, by: User, change: BudgetChange, reason: str = "") -> BudgetChange:
    change = _locked(change, ChangeStatus.WITHDRAWN)
    if change.proposed_by_id != by.pk:
        raise DomainError(_("Only the person who proposed it can withdraw it."))
    return transition(
        change, ChangeStatus.WITHDRAWN, table=CHANGE_TRANSITIONS, by=by, reason=reason,
        action="change.withdrawn", stamps={"decided_at": timezone.now()}, update_fields=(),
    )  # fmt: skip


def _reassign(change: BudgetChange, by: User, *, deciders: list[int] | None) -> int:
    """Open applications of the change's line go to `change.reassign_to`: those decided by
    one of `deciders`, or all of them (None). Each applicant is told who decides now."""
    to = required(change.reassign_to)
    applications = (
        Application.objects.select_for_update(of=("self",))
        .filter(line=change.line, status__in=OPEN_STATUSES)
        .exclude(decider=to)
        .select_related("initiative")
    )
    if deciders is not None:
        applications = applications.filter(decider_id__in=deciders)
    count = 0
    for application in applications:
        previous = application.decider_id
        application.decider = to
        application.save(update_fields=["decider", "updated_at"])
        audit(
            application, by, "application.decider_changed", reason=change.reason,
            **{"from": previous, "to": to.pk, "change": change.pk},
        )  # fmt: skip
        notify(
            recipients=initiator_users(application), template="budget/decider_changed",
            context={"application": application, "decider": to, "link": link(application)},
        )  # fmt: skip
        count += 1
    return count


def first_decider(line: BudgetLine) -> User | None:
    """Who decides an application that goes to `line`: its first active holder by name."""
    return line.decision_holders.filter(is_active=True).order_by("full_name", "email", "pk").first()
