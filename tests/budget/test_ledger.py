from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from budget import services
from budget.models import BudgetLine, IntegrityEntry
from burgerkracht.core.exceptions import DomainError
from tests.factories import UserFactory, open_line

pytestmark = pytest.mark.django_db


def _opened(**kwargs):
    line, holder = open_line(**kwargs)
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    return BudgetLine.objects.get(pk=line.pk), holder


def test_award_commits_and_remaining_is_derived():
    line, holder = _opened(allocation="1000.00")

    services.approve_award(by=holder, line=line, amount=Decimal("250.00"), description="Koor")

    line.refresh_from_db()
    assert (line.allocation, line.committed, line.released, line.remaining) == (
        Decimal("1000.00"), Decimal("250.00"), Decimal("0.00"), Decimal("750.00"),
    )  # fmt: skip


def test_award_above_remaining_is_refused_with_the_remaining_amount():
    line, holder = _opened(allocation="100.00")

    with pytest.raises(DomainError) as refused:
        services.approve_award(by=holder, line=line, amount=Decimal("100.01"), description="x")

    assert "100,00" in refused.value.message
    assert BudgetLine.objects.get(pk=line.pk).committed == Decimal("0.00")


def test_database_refuses_overcommitment_even_past_the_service():
    line, _holder = _opened(allocation="100.00")

    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=line.pk).update(committed=F("allocation") + Decimal("0.01"))


def test_only_a_decision_holder_of_the_line_can_award():
    line, _holder = _opened()
    _other_line, other_holder = _opened()

    for outsider in (UserFactory(role="facilitator"), other_holder):
        with pytest.raises(DomainError):
            services.approve_award(by=outsider, line=line, amount=Decimal("1"), description="x")


def test_maximum_per_application_is_respected():
    line, holder = _opened(max_per_application="500.00")

    with pytest.raises(DomainError):
        services.approve_award(by=holder, line=line, amount=Decimal("500.01"), description="x")
    services.approve_award(by=holder, line=line, amount=Decimal("500.00"), description="x")


def test_no_awards_before_the_period_opens():
    line, holder = open_line()

    with pytest.raises(DomainError):
        services.approve_award(by=holder, line=line, amount=Decimal("1"), description="x")


def test_lines_are_fixed_once_the_period_opened():
    line, _holder = _opened()

    with pytest.raises(DomainError):
        open_line(fund=line.fund)


def test_settlement_returns_unspent_money_to_the_line():
    line, holder = _opened(allocation="1000.00")
    award = services.approve_award(by=holder, line=line, amount=Decimal("400.00"), description="x")
    tranche = services.plan_tranche(by=holder, award=award, planned_on=date(2027, 3, 1),
                                    amount=Decimal("300.00"))  # fmt: skip
    services.pay_tranche(by=holder, tranche=tranche, paid_on=date(2027, 3, 2))

    services.settle_award(by=holder, award=award, spent=Decimal("300.00"))

    line.refresh_from_db()
    assert (line.committed, line.released, line.paid, line.remaining) == (
        Decimal("400.00"), Decimal("100.00"), Decimal("300.00"), Decimal("700.00"),
    )  # fmt: skip


def test_settlement_cannot_claim_less_than_was_paid():
    line, holder = _opened()
    award = services.approve_award(by=holder, line=line, amount=Decimal("400.00"), description="x")
    tranche = services.plan_tranche(by=holder, award=award, planned_on=date(2027, 3, 1),
                                    amount=Decimal("300.00"))  # fmt: skip
    services.pay_tranche(by=holder, tranche=tranche, paid_on=date(2027, 3, 2))

    with pytest.raises(DomainError):
        services.settle_award(by=holder, award=award, spent=Decimal("299.99"))


def test_reallocation_moves_money_and_logs_why():
    admin = UserFactory(role="administrator")
    line, _holder = open_line(allocation="1000.00", name="Wijk A")
    other, _ = open_line(fund=line.fund, allocation="200.00", name="Wijk B")
    services.open_fund(by=admin, fund=line.fund)

    with pytest.raises(DomainError):
        services.reallocate(
            by=admin, from_line=line, to_line=other, amount=Decimal("50"), reason=" "
        )
    coordinator = UserFactory(role="facilitator_coordinator")
    services.reallocate(by=admin, from_line=line, to_line=other, amount=Decimal("300.00"),
                        reason="Wijk B heeft meer aanvragen", approved_by=coordinator)  # fmt: skip

    line.refresh_from_db()
    other.refresh_from_db()
    entry = IntegrityEntry.objects.get()
    assert (line.allocation, other.allocation) == (Decimal("700.00"), Decimal("500.00"))
    assert (entry.act, entry.amount, entry.reason, entry.by) == (
        "reallocation", Decimal("300.00"), "Wijk B heeft meer aanvragen", admin,
    )  # fmt: skip


def test_changing_decision_holders_after_opening_needs_a_reason_and_is_logged():
    admin = UserFactory(role="administrator")
    line, holder = _opened()
    newcomer = UserFactory(role="budget_decision_holder")

    with pytest.raises(DomainError):
        services.change_decision_holder(by=admin, line=line, holder=newcomer, add=True)
    services.change_decision_holder(by=admin, line=line, holder=newcomer, add=True,
                                    reason="Wethouder met ziekteverlof",
                                    approved_by=UserFactory(role="administrator"))  # fmt: skip

    entry = IntegrityEntry.objects.get()
    assert (entry.act, entry.holder, entry.reason) == (
        "holder_added",
        newcomer,
        "Wethouder met ziekteverlof",
    )
    assert set(line.decision_holders.all()) == {holder, newcomer}
