"""Money that leaves the Samen Sterk purpose (SC-16): only what is free, with a reason and a
second person's approval; the database refuses an incomplete entry."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from budget import services
from budget.enums import IntegrityAct, OutOfPurpose
from budget.models import BudgetLine, IntegrityEntry
from burgerkracht.core.exceptions import DomainError
from tests.factories import UserFactory, open_line

pytestmark = pytest.mark.django_db


def _move(line, by, approver, amount="100.00", reason="Bezuiniging 2027", **kwargs):
    return services.move_out_of_purpose(
        by=by, approved_by=approver, line=line, amount=Decimal(amount),
        destination=kwargs.pop("destination", OutOfPurpose.CUT), reason=reason, **kwargs,
    )  # fmt: skip


def test_move_takes_free_money_off_the_line_and_logs_who_approved():
    admin, coordinator = (
        UserFactory(role="administrator"),
        UserFactory(role="facilitator_coordinator"),
    )
    line, holder = open_line(allocation="1000.00")
    services.open_fund(by=admin, fund=line.fund)
    services.approve_award(by=holder, line=line, amount=Decimal("600.00"), description="Koor")

    entry = _move(
        line, admin, coordinator, amount="400.00",
        destination=OutOfPurpose.OTHER_SCHEME, destination_detail="Armoedefonds",
    )  # fmt: skip

    line.refresh_from_db()
    assert (line.allocation, line.remaining) == (Decimal("600.00"), Decimal("0.00"))
    assert (entry.act, entry.approved_by, entry.by, entry.destination_detail) == (
        IntegrityAct.OUT_OF_PURPOSE, coordinator, admin, "Armoedefonds",
    )  # fmt: skip
    assert entry.is_out_of_purpose


@pytest.mark.parametrize(
    ("approver_role", "same_person"),
    [("facilitator", False), ("budget_decision_holder", False), ("administrator", True)],
)
def test_move_needs_an_administrator_or_coordinator_who_is_not_the_proposer(
    approver_role, same_person
):
    admin = UserFactory(role="administrator")
    approver = admin if same_person else UserFactory(role=approver_role)
    line, _holder = open_line(allocation="500.00")

    with pytest.raises(DomainError):
        _move(line, admin, approver)

    assert BudgetLine.objects.get(pk=line.pk).allocation == Decimal("500.00")
    assert not IntegrityEntry.objects.exists()


@pytest.mark.parametrize(
    ("amount", "reason", "destination"),
    [("500.01", "Bezuiniging", OutOfPurpose.CUT), ("0", "Bezuiniging", OutOfPurpose.CUT),
     ("10", "  ", OutOfPurpose.CUT), ("10", "Bezuiniging", "elsewhere")],
)  # fmt: skip
def test_move_refuses_more_than_free_no_reason_or_no_destination(amount, reason, destination):
    line, _holder = open_line(allocation="500.00")

    with pytest.raises(DomainError):
        _move(line, UserFactory(role="administrator"), UserFactory(role="administrator"),
              amount=amount, reason=reason, destination=destination)  # fmt: skip

    assert BudgetLine.objects.get(pk=line.pk).allocation == Decimal("500.00")


def test_database_refuses_an_out_of_purpose_entry_without_approver_or_self_approved():
    admin = UserFactory(role="administrator")
    line, _holder = open_line()
    base = {
        "act": IntegrityAct.OUT_OF_PURPOSE, "fund": line.fund, "from_line": line,
        "amount": Decimal("5"), "reason": "x", "by": admin, "destination": OutOfPurpose.CUT,
    }  # fmt: skip

    for approver in (None, admin):
        with pytest.raises(IntegrityError), transaction.atomic():
            IntegrityEntry.objects.create(**base, approved_by=approver)
