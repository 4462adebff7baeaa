"""A fund whose money moved (SC-16, "Laat het budget heel"), made through the services with
known amounts and dates, for the selector, report, public-page and journey tests.

Fund "Samen Sterk <year>" (2027 unless asked; open) with three lines:
- Stedelijk € 5.000 (city-wide);
- Smeerolie Filmwijk € 800 (Filmwijk); on 3 March 2027 € 600 moves here from Stedelijk, and
  € 1.250 is awarded from it: budget € 1.400, € 150 still available;
- Smeerolie Muziekwijk € 3.000 (Muziekwijk); € 400 is awarded, and on 1 June 2027 € 2.000 is
  cut (bezuinigd), proposed by the administrator and approved by the coordinator.
The officials' names are known, so a test can check that a public page never shows them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from budget import services
from budget.enums import OutOfPurpose
from budget.models import BudgetLine, Fund, IntegrityEntry, LineType
from tests.factories import NeighbourhoodFactory, UserFactory

D = Decimal
OFFICIALS = ("Bea Beheerder", "Corrie Coordinator", "Harm Houder")


@dataclass
class Moved:
    fund: Fund
    city: BudgetLine
    film: BudgetLine
    music: BudgetLine
    admin: object
    coordinator: object
    cut: IntegrityEntry


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def budget_that_moved(*, cut: bool = True, year: int = 2027) -> Moved:
    admin = UserFactory(role="administrator", full_name=OFFICIALS[0], email="bea@example.org")
    coordinator = UserFactory(role="facilitator_coordinator", full_name=OFFICIALS[1])
    holder = UserFactory(role="budget_decision_holder", full_name=OFFICIALS[2])
    fund = services.create_fund(
        by=admin, name=f"Samen Sterk {year}", starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
    )  # fmt: skip
    per_neighbourhood = LineType.objects.get(name="Smeerolie (per wijk)")
    film = NeighbourhoodFactory(name="Filmwijk", slug="filmwijk")
    music = NeighbourhoodFactory(name="Muziekwijk", slug="muziekwijk")

    def line(name, allocation, neighbourhood=None, kind=per_neighbourhood):
        return services.add_line(
            by=admin, fund=fund, type=kind, name=name, neighbourhood=neighbourhood,
            allocation=D(allocation), holders=[holder],
        )  # fmt: skip

    city = line("Stedelijk", "5000", kind=LineType.objects.get(name="Stedelijk"))
    film_line = line("Smeerolie Filmwijk", "800", film)
    music_line = line("Smeerolie Muziekwijk", "3000", music)
    services.open_fund(by=admin, fund=fund)
    moved = services.reallocate(
        by=admin, from_line=city, to_line=film_line, amount=D("600"),
        reason="Meer aanvragen in Filmwijk.", approved_by=coordinator,
    )  # fmt: skip
    IntegrityEntry.objects.filter(pk=moved.pk).update(created_at=at(datetime.date(year, 3, 3)))
    services.approve_award(by=holder, line=film_line, amount=D("1250"), description="Koor")
    services.approve_award(by=holder, line=music_line, amount=D("400"), description="Buurtfeest")
    entry = None
    if cut:
        entry = services.move_out_of_purpose(
            by=admin, approved_by=coordinator, line=music_line, amount=D("2000"),
            destination=OutOfPurpose.CUT, reason="Bezuiniging sociaal domein.",
        )  # fmt: skip
        IntegrityEntry.objects.filter(pk=entry.pk).update(created_at=at(datetime.date(year, 6, 1)))
    return Moved(fund, city, film_line, music_line, admin, coordinator, entry)
