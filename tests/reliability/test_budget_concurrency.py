"""R1: 200 approvals from 16 threads against a line that fits only 166 (real PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections

from budget import services
from budget.models import Award, BudgetLine
from burgerkracht.core.exceptions import DomainError
from tests.factories import UserFactory, open_line

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True),
]

AMOUNT = Decimal("30.00")
FITS = 166
ATTEMPTS = 200
THREADS = 16


def test_concurrent_approvals_never_overcommit(figure):
    assert connection.vendor == "postgresql"
    line, holder = open_line(allocation=str(AMOUNT * FITS))
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)

    def approve(n):
        try:
            services.approve_award(by=holder, line=line, amount=AMOUNT, description=f"#{n}")
            return "awarded"
        except DomainError:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(approve, range(ATTEMPTS)))

    line.refresh_from_db()
    over = max(Decimal("0"), line.committed - line.allocation - line.released)
    print(
        f"R1 approvals: {outcomes.count('awarded')} awarded, {outcomes.count('refused')} refused, "
        f"{over} euro over-committed"
    )
    figure("R1", attempts=ATTEMPTS, awards=outcomes.count("awarded"), cents_over=int(over * 100))
    assert outcomes.count("awarded") == FITS
    assert Award.objects.filter(line=line).count() == FITS
    assert line.committed == AMOUNT * FITS
    assert line.remaining == Decimal("0.00")
    assert over == Decimal("0")
    assert BudgetLine.objects.get(pk=line.pk).committed == sum(
        Award.objects.filter(line=line).values_list("amount", flat=True)
    )
