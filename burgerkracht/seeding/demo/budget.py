"""A Samen Sterk fund with a line for every wijk and the four other kinds, opened, with
applications in every status (budget_applications), a settlement, logged reallocations and one
move out of Samen Sterk (SC-16)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from budget import services
from budget.enums import OutOfPurpose
from budget.models import Fund, LineType
from burgerkracht.accounts.models import User
from burgerkracht.core.models import Neighbourhood
from burgerkracht.seeding.demo import budget_applications as demo_applications
from burgerkracht.seeding.demo import budget_followup as demo_followup
from burgerkracht.seeding.demo import budget_payments as demo_payments
from burgerkracht.seeding.demo import budget_public as demo_public

OTHER_LINES = [
    ("Stedelijk", "Stedelijk", Decimal("40000"), Decimal("5000")),
    ("Kwetsbare ouderen", "Kwetsbare ouderen", Decimal("25000"), Decimal("2500")),
    ("Locaties", "Locaties", Decimal("15000"), None),
    ("Incidenteel / outreach", "Incidenteel / outreach", Decimal("10000"), Decimal("1000")),
]


@transaction.atomic
def seed() -> None:
    from budget.services.letter_texts import ensure_default_letter_texts

    ensure_default_letter_texts()  # the letters' wording, version 1 (idempotent)
    name = "Samen Sterk 2027"
    if Fund.objects.filter(name=name).exists():
        return
    admin = User.objects.get(email="beheer@example.org")
    holder = User.objects.get(email="zeggenschap@example.org")
    fund = services.create_fund(
        by=admin, name=name, starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    per_neighbourhood = LineType.objects.get(name="Smeerolie (per wijk)")
    lines = {}
    for neighbourhood in Neighbourhood.objects.filter(is_active=True).order_by("name"):
        lines[neighbourhood.name] = services.add_line(
            by=admin, fund=fund, type=per_neighbourhood, name=f"Smeerolie {neighbourhood.name}",
            neighbourhood=neighbourhood, allocation=Decimal("3000"),
            max_per_application=Decimal("1000"), holders=[holder],
        )  # fmt: skip
    for line_name, type_name, allocation, maximum in OTHER_LINES:
        lines[line_name] = services.add_line(
            by=admin, fund=fund, type=LineType.objects.get(name=type_name), name=line_name,
            allocation=allocation, max_per_application=maximum, holders=[holder],
        )  # fmt: skip
    services.open_fund(by=admin, fund=fund)
    walk = services.approve_award(
        by=holder, line=lines["Stedenwijk"], amount=Decimal("650"),
        description="Wandelgroep Stedenwijk",
    )  # fmt: skip
    services.settle_award(by=holder, award=walk, spent=Decimal("540"), reason="Afgerond")
    coordinator = User.objects.get(email="coordinator@example.org")
    services.approve_change(
        by=coordinator,
        change=services.propose_reallocation(
            by=admin, from_line=lines["Locaties"], to_line=lines["Incidenteel / outreach"],
            amount=Decimal("2500"), reason="Buurtvoorlichters bereiken meer mensen dan verwacht.",
        ),
    )  # fmt: skip
    demo_applications.seed()
    demo_followup.seed()
    demo_payments.seed()
    demo_public.seed()
    _budget_stays_whole(admin, coordinator, lines)
    _changes(admin, coordinator, lines)


def _budget_stays_whole(admin, coordinator, lines) -> None:
    """SC-16: Filmwijk gets money from Stedelijk (the public pages explain its budget), and
    € 500 of Muziekwijk is cut, approved by the coordinator: red in every report."""
    services.approve_change(
        by=coordinator,
        change=services.propose_reallocation(
            by=admin, from_line=lines["Stedelijk"], to_line=lines["Filmwijk"],
            amount=Decimal("600"), reason="In Filmwijk komen meer aanvragen dan verwacht.",
        ),
    )  # fmt: skip
    services.approve_change(
        by=coordinator,
        change=services.propose_out_of_purpose(
            by=admin, line=lines["Muziekwijk"], amount=Decimal("500"),
            destination=OutOfPurpose.CUT,
            reason="Bezuiniging van de gemeenteraad op het sociaal domein.",
        ),
    )  # fmt: skip


def _changes(admin, coordinator, lines) -> None:
    """SC-15/SC-16 on the walk: a second decision holder for Waterwijk, approved; and money
    out of Samen Sterk that waits for approval."""
    second = User.objects.get(email="zeggenschap2@example.org")
    services.approve_change(
        by=coordinator,
        change=services.propose_holder_change(
            by=admin, line=lines["Waterwijk"], holder=second, add=True,
            reason="Anouk Visser beslist over veel wijken; Ahmed Yilmaz neemt Waterwijk mee.",
        ),
    )  # fmt: skip
    services.propose_out_of_purpose(
        by=admin, line=lines["Stedelijk"], amount=Decimal("1000"), destination=OutOfPurpose.CUT,
        reason="De gemeenteraad bezuinigt op het sociaal domein.",
    )  # fmt: skip
