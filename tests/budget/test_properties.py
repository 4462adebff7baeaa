"""Property test: any sequence of awards, payments, settlements and reallocations keeps
every line's books right: allocation - committed + released = remaining >= 0, the running
totals equal the sums of the rows, and the fund's total allocation never changes."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget import services
from budget.models import Award, BudgetLine, Tranche
from burgerkracht.core.exceptions import DomainError
from tests.factories import UserFactory, open_line

pytestmark = pytest.mark.django_db

AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("400"), places=2)
OPERATION = st.one_of(
    st.tuples(st.just("award"), st.integers(0, 2), AMOUNTS),
    st.tuples(st.just("pay"), st.integers(0, 50), AMOUNTS),
    st.tuples(st.just("settle"), st.integers(0, 50), st.floats(0, 1)),
    st.tuples(st.just("move"), st.tuples(st.integers(0, 2), st.integers(0, 2)), AMOUNTS),
)


def _check_books(lines, total_allocation):
    for line in BudgetLine.objects.filter(pk__in=[x.pk for x in lines]):
        awards = Award.objects.filter(line=line)
        committed = awards.aggregate(t=Sum("amount"))["t"] or Decimal("0")
        released = awards.aggregate(t=Sum("released_amount"))["t"] or Decimal("0")
        paid = Tranche.objects.filter(award__line=line, paid_on__isnull=False).aggregate(
            t=Sum("amount")
        )["t"] or Decimal("0")
        assert (line.committed, line.released, line.paid) == (committed, released, paid)
        assert line.remaining == line.allocation - committed + released
        assert line.remaining >= 0
    assert sum(x.allocation for x in BudgetLine.objects.filter(pk__in=[x.pk for x in lines])) == (
        total_allocation
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=st.lists(OPERATION, max_size=25))
def test_any_sequence_keeps_the_books_right(operations):
    with transaction.atomic():
        admin = UserFactory(role="administrator")
        coordinator = UserFactory(role="facilitator_coordinator")
        first, holder = open_line(allocation="1000.00", name="A")
        lines = [
            first,
            open_line(fund=first.fund, allocation="500.00", holders=[holder], name="B")[0],
            open_line(fund=first.fund, allocation="0.00", holders=[holder], name="C")[0],
        ]
        services.open_fund(by=admin, fund=first.fund)
        total = Decimal("1500.00")
        for kind, target, value in operations:
            awards = list(Award.objects.filter(line__fund=first.fund).order_by("pk"))
            try:
                if kind == "award":
                    services.approve_award(by=holder, line=lines[target], amount=value,
                                           description="x")  # fmt: skip
                elif kind == "pay" and awards:
                    award = awards[target % len(awards)]
                    tranche = services.plan_tranche(
                        by=holder, award=award, planned_on=date(2027, 5, 1), amount=value
                    )
                    services.pay_tranche(by=holder, tranche=tranche, paid_on=date(2027, 5, 2))
                elif kind == "settle" and awards:
                    award = awards[target % len(awards)]
                    paid = award.tranches.filter(paid_on__isnull=False).aggregate(
                        t=Sum("amount"))["t"] or Decimal("0")  # fmt: skip
                    spent = (paid + (award.amount - paid) * Decimal(str(value))).quantize(
                        Decimal("0.01")
                    )
                    services.settle_award(by=holder, award=award, spent=min(spent, award.amount))
                elif kind == "move":
                    source, destination = target
                    services.reallocate(
                        by=admin,
                        from_line=lines[source],
                        to_line=lines[destination],
                        amount=value,
                        reason="herverdeling",
                        approved_by=coordinator,
                    )
            except DomainError:
                pass  # refused by a rule: the books must still be right
            _check_books(lines, total)
        transaction.set_rollback(True)
