"""SC-12: two officials import the same bank confirmation file at the same moment (real
PostgreSQL, two threads): every tranche is paid once, and the line's `paid` total is the sum
of its paid tranches."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from threading import Barrier

import pytest
from django.db import connection, connections

from budget import services
from budget.models import BudgetLine, Tranche
from burgerkracht.core.models import AuditEvent
from tests.budget.payment_helpers import TODAY, csv_file, granted_with_account
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True),
    # A transaction test empties the tables after itself: the Meetlat's principles (which
    # every grant decision refers to) are put back first.
    pytest.mark.usefixtures("reference_data"),
]

GRANTS = 4


def test_the_same_confirmation_file_imported_twice_at_once_pays_every_tranche_once():
    assert connection.vendor == "postgresql"
    grants = [granted_with_account() for _ in range(GRANTS)]
    holders = [holder for _application, holder, _facilitator in grants]
    coordinator = UserFactory(role="facilitator_coordinator")
    for holder in holders:
        services.order_payments(by=holder, today=TODAY)
    ordered = list(Tranche.objects.filter(order__isnull=False).order_by("pk"))
    assert len(ordered) == GRANTS
    content = csv_file(
        [[t.order_reference, "2027-03-05", f"TX-{t.pk}", str(t.amount)] for t in ordered]
    )
    readers = [grants[0][2], coordinator]  # a facilitator of one grant, and a coordinator
    imports = [
        services.read_payment_file(by=user, filename="bank.csv", content=content)
        for user in readers
    ]
    barrier = Barrier(2)

    def confirm(n):
        try:
            barrier.wait()
            done = services.confirm_payment_file(by=readers[n], payment_import=imports[n])
            return done.summary["counts"]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(confirm, range(2)))

    paid = Tranche.objects.filter(pk__in=[t.pk for t in ordered], paid_on__isnull=False)
    assert paid.count() == GRANTS
    assert all(t.paid_on == date(2027, 3, 5) for t in paid)
    # Each tranche is paid by exactly one of the two imports; the other finds it paid.
    assert sum(r.get("paid", 0) for r in results) == GRANTS
    paid_events = AuditEvent.objects.filter(action="award.tranche_paid").count()
    assert paid_events == GRANTS
    for application, _holder, _facilitator in grants:
        line = BudgetLine.objects.get(pk=application.line_id)
        tranches = Tranche.objects.filter(award__line=line, paid_on__isnull=False)
        assert line.paid == sum((t.amount for t in tranches), Decimal("0.00"))
        assert line.paid == Decimal("300.00")
