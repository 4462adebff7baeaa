"""Data for the Samen Sterk and budget report tests: grants made through the services, with
known amounts, decision dates, wijken, lines and results. The expected figures are computed
from the `Grant` records kept here, never through budget.report_selectors."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from budget import services
from budget.enums import ApplicationStatus
from budget.models import Accountability, Application
from tests.factories import (
    InitiatorFactory,
    NeighbourhoodFactory,
    UserFactory,
    application_in,
    decide,
    fill_accountability,
    open_line,
)

S = ApplicationStatus


@dataclass
class Grant:
    application: Application
    amount: Decimal
    decided_on: date
    neighbourhood: str | None
    line: str
    result: str | None = None  # "yes" / "partly" / "no" once settled
    participants: int = 0
    people: set[int] = field(default_factory=set)  # user pks of the accepted initiators

    @property
    def closed(self) -> bool:
        return self.result is not None


def at_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def make_grant(line, *, amount, decided_on, neighbourhood=None, outcome="granted", lead=None,
               initiative_of=None) -> Application:  # fmt: skip
    """A grant decided through the services, then dated `decided_on`."""
    holder = line.decision_holders.first()
    application = application_in(S.AWAITING_DECISION, line=line, lead=lead)
    if initiative_of is not None:  # a follow-up grant for the same initiative
        Application.objects.filter(pk=application.pk).update(initiative=initiative_of.initiative_id)
        application.refresh_from_db()
    if outcome == "granted":  # granted in full: the amount asked for
        Application.objects.filter(pk=application.pk).update(requested_amount=amount)
    decide(application, holder, outcome=outcome, amount=str(amount))
    services.publish_decision(application=application, by=holder)
    Application.objects.filter(pk=application.pk).update(
        published_at=at_noon(decided_on), neighbourhood=neighbourhood
    )
    return Application.objects.get(pk=application.pk)


def settle(application, *, result, participants):
    accountability = Accountability.objects.get(application=application)
    lead = application.initiative.created_by
    accountability = fill_accountability(accountability, lead, reached=result)
    Accountability.objects.filter(pk=accountability.pk).update(participants=participants)
    services.settle_accountability(
        accountability=Accountability.objects.get(pk=accountability.pk),
        by=UserFactory(role="facilitator"),
    )


def people_of(application) -> set[int]:
    return set(
        application.initiative.initiators.filter(accepted_at__isnull=False).values_list(
            "user_id", flat=True
        )
    )


def scenario() -> list[Grant]:
    """Five grants on two lines of one fund in 2026 and 2027, one rejected application.

    g1 Haven, line A, € 500, 1-3-2026, settled yes, 11 people
    g2 Haven, line A, € 300 (partly granted), 1-5-2026, settled partly, 7 people
    g3 no wijk, line B, € 1000, 1-2-2027, settled no, 4 people; its lead was co-initiator
       of g1's initiative, so not a new initiator in 2027
    g4 Noord, line B, € 200, 1-3-2027, running, with an accountability sent in (not closed),
       lead plus one co-initiator
    g5 Haven, line A, € 400, 1-4-2027: a follow-up grant for g1's initiative
    """
    haven = NeighbourhoodFactory(name="Haven", slug="haven")
    noord = NeighbourhoodFactory(name="Noord", slug="noord")
    line_a, _holder = open_line(allocation="5000.00", name="Lijn A")
    line_b, _ = open_line(allocation="5000.00", name="Lijn B", fund=line_a.fund)
    grants = []
    g1 = make_grant(line_a, amount="500.00", decided_on=date(2026, 3, 1), neighbourhood=haven)
    co = UserFactory(role="resident")
    InitiatorFactory(initiative=g1.initiative, user=co)
    g2 = make_grant(line_a, amount="300.00", decided_on=date(2026, 5, 1), neighbourhood=haven,
                    outcome="partly_granted")  # fmt: skip
    g3 = make_grant(line_b, amount="1000.00", decided_on=date(2027, 2, 1), lead=co)
    g4 = make_grant(line_b, amount="200.00", decided_on=date(2027, 3, 1), neighbourhood=noord)
    InitiatorFactory(initiative=g4.initiative)
    g5 = make_grant(line_a, amount="400.00", decided_on=date(2027, 4, 1), neighbourhood=haven,
                    initiative_of=g1)  # fmt: skip
    rejected = make_grant(line_a, amount="100.00", decided_on=date(2027, 4, 2), neighbourhood=haven,
                          outcome="rejected")  # fmt: skip
    assert rejected.status == S.REJECTED
    settle(g1, result="yes", participants=11)
    settle(g2, result="partly", participants=7)
    settle(g3, result="no", participants=4)
    fill_accountability(
        Accountability.objects.get(application=g4), g4.initiative.created_by, reached="yes"
    )
    specs = [
        (g1, "500.00", date(2026, 3, 1), "Haven", "Lijn A", "yes", 11),
        (g2, "300.00", date(2026, 5, 1), "Haven", "Lijn A", "partly", 7),
        (g3, "1000.00", date(2027, 2, 1), None, "Lijn B", "no", 4),
        (g4, "200.00", date(2027, 3, 1), "Noord", "Lijn B", None, 0),
        (g5, "400.00", date(2027, 4, 1), "Haven", "Lijn A", None, 0),
    ]
    for app, amount, day, neighbourhood, line, result, participants in specs:
        app = Application.objects.get(pk=app.pk)
        grants.append(Grant(app, Decimal(amount), day, neighbourhood, line, result, participants,
                            people_of(app)))  # fmt: skip
    return grants


# --- Expected figures, in plain Python ---------------------------------------------------------


def median(amounts) -> Decimal | None:
    if not amounts:
        return None
    return Decimal(statistics.median(amounts)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def share(part: int, whole: int) -> int | None:
    """The portal's one rounding rule, written out: a whole percent, halves up."""
    if not whole:
        return None
    return int((Decimal(100 * part) / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected(grants: list[Grant]) -> dict:
    closed = [g for g in grants if g.closed]
    return {
        "initiatives": len({g.application.initiative_id for g in grants}),
        "grants": len(grants),
        "granted": sum((g.amount for g in grants), Decimal("0.00")),
        "median": median([g.amount for g in grants]),
        "closed": len(closed),
        "yes": sum(g.result == "yes" for g in closed),
        "partly": sum(g.result == "partly" for g in closed),
        "no": sum(g.result == "no" for g in closed),
        "share": share(sum(g.result == "yes" for g in closed), len(closed)),
        "participants": sum(g.participants for g in closed),
    }


def expected_new(all_grants: list[Grant], chosen: list[Grant], start: date | None) -> int:
    """People of the chosen grants whose first grant of all (any initiative they initiate)
    was decided on or after `start`."""
    first: dict[int, date] = {}
    for g in all_grants:
        for person in g.people:
            first[person] = min(first.get(person, g.decided_on), g.decided_on)
    people = {person for g in chosen for person in g.people}
    return sum(1 for person in people if start is None or first[person] >= start)


def euro(amount: Decimal) -> str:
    """€ 1,234.50 as the page shows it in English (written out here, not imported)."""
    return f"€ {amount:,.2f}"
