"""R1, extended: many concurrent money operations of every kind on a few lines of one fund —
awards with their payments, payments, reductions (fewer means and less professional support),
settlements, moves between the lines and out of Samen Sterk — and afterwards every running
total of the ledger equals the sum of the rows it stands for, to the cent (real PostgreSQL).

Per line: `committed` is the sum of its awards, `released` the sum of what settled awards gave
back, `paid` the sum of the paid payments, `allocation` the opening allocation plus and minus
the moves in the integrity log; no line is ever over-committed (also checked while it runs);
per award the payments never add up to more than the award; per application the cost lines
went down by exactly what the less-support reductions say they took off.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest
from django.db import OperationalError, connection, connections
from django.db.models import Sum

from budget import services
from budget.enums import ApplicationStatus, IntegrityAct, OutOfPurpose
from budget.models import Application, Award, BudgetLine, CostLine, IntegrityEntry, Tranche
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from tests.factories import UserFactory, application_in, open_line

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True),
    # A transaction test empties the tables after itself: the Meetlat's principles (which
    # every grant decision refers to) are put back first.
    pytest.mark.usefixtures("reference_data"),
]

LINES = 3
OPENING = Decimal("6000.00")
THREADS = 6
OPERATIONS = 40  # per thread
GRANTS_PER_LINE = 3
CENT = Decimal("0.01")


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) * CENT


class Ledger:
    """The operations the threads draw from; each picks its rows fresh and lets the service
    lock and check them (a refusal is a normal outcome under contention)."""

    def __init__(self, lines, holder, admin, applications):
        self.lines, self.holder, self.admin = lines, holder, admin
        self.applications = applications

    def award(self, rng):
        line = rng.choice(self.lines)
        amount = _amount(rng, 20, 400)
        award = services.approve_award(by=self.holder, line=line, amount=amount,
                                       description="Gelijktijdig")  # fmt: skip
        first = (amount / 2).quantize(CENT)
        for part in (first, amount - first):
            services.plan_tranche(by=self.holder, award=award, planned_on=date(2027, 3, 1),
                                  amount=part)  # fmt: skip

    def pay(self, rng, grants: bool = False):
        tranche = self._pick(Tranche.objects.filter(
            paid_on__isnull=True, released_at__isnull=False, award__settled_at__isnull=True,
            award__application__isnull=not grants,
        ), rng)  # fmt: skip
        services.pay_tranche(by=self.holder, tranche=tranche, paid_on=date(2027, 3, 2))

    def pay_grant(self, rng):
        """A grant's one payment, rarer: once paid, nothing of it can be taken off."""
        self.pay(rng, grants=True)

    def reduce(self, rng):
        award = self._pick(Award.objects.filter(settled_at__isnull=True), rng)
        services.reduce_award(by=self.holder, award=award, amount=_amount(rng, 1, 60),
                              reason="Minder mensen")  # fmt: skip

    def less_support(self, rng):
        application = rng.choice(self.applications)
        cost_line = rng.choice(list(application.cost_lines.all()))
        services.reduce_professional_support(
            by=self.holder, application=application, cost_line=cost_line,
            amount=_amount(rng, 1, 40), reason="Minder professionele steun",
        )  # fmt: skip

    def settle(self, rng):
        # A grant's award is settled with its accountability, after the period: not here.
        award = self._pick(Award.objects.filter(settled_at__isnull=True, application=None), rng)
        paid = award.tranches.filter(paid_on__isnull=False).aggregate(t=Sum("amount"))["t"]
        spent = min(award.amount, (paid or Decimal(0)) + _amount(rng, 0, 20))
        services.settle_award(by=self.holder, award=award, spent=spent, reason="Verantwoord")

    def reallocate(self, rng):
        source, target = rng.sample(self.lines, 2)
        services.reallocate(by=self.holder, from_line=source, to_line=target,
                            amount=_amount(rng, 1, 150), reason="Schuiven",
                            approved_by=self.admin)  # fmt: skip

    def out_of_purpose(self, rng):
        services.move_out_of_purpose(
            by=self.holder, approved_by=self.admin, line=rng.choice(self.lines),
            amount=_amount(rng, 1, 60), destination=rng.choice(OutOfPurpose.values),
            reason="Bezuiniging",
        )  # fmt: skip

    @staticmethod
    def _pick(queryset, rng):
        pks = list(queryset.values_list("pk", flat=True))
        if not pks:
            raise DomainError("nothing to pick")
        return queryset.model.objects.get(pk=rng.choice(pks))


KINDS = ("award", "award", "pay", "pay", "pay_grant", "reduce", "less_support", "less_support",
         "settle", "reallocate", "out_of_purpose")  # fmt: skip


def _over_committed(line_pks) -> list:
    return [
        (line.pk, line.committed, line.allocation, line.released)
        for line in BudgetLine.objects.filter(pk__in=line_pks)
        if line.committed > line.allocation + line.released
    ]


def test_concurrent_money_operations_keep_every_ledger_sum_exact(figure):
    assert connection.vendor == "postgresql"
    first, holder = open_line(allocation=str(OPENING))
    lines = [first] + [
        open_line(allocation=str(OPENING), fund=first.fund, holders=[holder])[0]
        for _ in range(LINES - 1)
    ]
    admin = UserFactory(role="administrator")
    services.open_fund(by=admin, fund=first.fund)
    applications = [
        application_in(ApplicationStatus.GRANTED, line=line)
        for line in lines
        for _ in range(GRANTS_PER_LINE)
    ]
    costs_before = {a.pk: sum(c.amount for c in a.cost_lines.all()) for a in applications}
    ledger = Ledger(lines, holder, admin, applications)
    line_pks = [line.pk for line in lines]
    outcomes, over_seen, lock = Counter(), [], threading.Lock()

    def run(seed):
        rng = random.Random(seed)
        try:
            for _ in range(OPERATIONS):
                kind = rng.choice(KINDS)
                for _attempt in range(3):
                    try:
                        getattr(ledger, kind)(rng)
                        result = "done"
                    except DomainError:
                        result = "refused"
                    except OperationalError as error:  # a deadlock, rolled back: try again
                        assert "deadlock" in str(error), error
                        with lock:
                            outcomes["deadlock"] += 1
                        continue
                    break
                with lock:
                    outcomes[(kind, result)] += 1
                over = _over_committed(line_pks)
                if over:
                    with lock:
                        over_seen.extend(over)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(run, range(THREADS)))

    cents_off, problems = 0, []

    def check(what, stored, expected):
        nonlocal cents_off
        if stored != expected:
            problems.append(f"{what}: stored {stored}, rows say {expected}")
            cents_off += int(abs(stored - expected) / CENT)

    zero = Decimal("0.00")
    for line in BudgetLine.objects.filter(pk__in=line_pks):
        awards = Award.objects.filter(line=line)
        moves = IntegrityEntry.objects.filter(fund=line.fund)
        incoming = moves.filter(act=IntegrityAct.REALLOCATION, to_line=line)
        outgoing = moves.filter(from_line=line, act__in=(IntegrityAct.REALLOCATION,
                                                         IntegrityAct.OUT_OF_PURPOSE))  # fmt: skip
        total = lambda queryset, field="amount": queryset.aggregate(t=Sum(field))["t"] or zero  # noqa: E731
        check(f"line {line.pk} committed", line.committed, total(awards))
        check(f"line {line.pk} released", line.released,
              total(awards.filter(settled_at__isnull=False), "released_amount"))  # fmt: skip
        check(f"line {line.pk} paid", line.paid,
              total(Tranche.objects.filter(award__line=line, paid_on__isnull=False)))  # fmt: skip
        check(f"line {line.pk} allocation", line.allocation,
              OPENING + total(incoming) - total(outgoing))  # fmt: skip
        assert line.committed <= line.allocation + line.released, line
    for award in Award.objects.filter(line__in=line_pks):
        planned = award.tranches.aggregate(t=Sum("amount"))["t"] or zero
        assert planned <= award.amount, (award.pk, planned, award.amount)
    for application in Application.objects.filter(pk__in=[a.pk for a in applications]):
        taken = sum(
            Decimal(e.data["old"]) - Decimal(e.data["new"])
            for e in AuditEvent.objects.for_subject(application).filter(
                action="application.support_reduced"
            )
        )
        now = CostLine.objects.filter(application=application).aggregate(t=Sum("amount"))["t"]
        check(f"application {application.pk} cost lines", now, costs_before[application.pk] - taken)

    done = sum(n for key, n in outcomes.items() if key != "deadlock" and key[1] == "done")
    print(f"R1 ledger sums: {done} operations done, {dict(outcomes)}, {cents_off} cents off 0")
    figure("R1", ledger_operations=done, ledger_deadlocks=outcomes["deadlock"],
           ledger_cents_off=cents_off)  # fmt: skip
    assert problems == []
    assert over_seen == []
    assert cents_off == 0
    # Every kind of operation really ran, not only its refusals.
    kinds_done = {key[0] for key, n in outcomes.items() if key != "deadlock" and key[1] == "done"}
    assert kinds_done == set(KINDS), outcomes
