"""A handful of policy decisions with complete and incomplete Meetlat reviews."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from burgerkracht.accounts.models import User
from burgerkracht.meetlat import services
from burgerkracht.meetlat.models import PolicyDecision

COMPLETE = {
    "reasons": "Bewoners gaven aan dat de regeling te ingewikkeld was. We maken hem eenvoudiger.",
    "financial_accountability": "Past binnen het budget Sociaal Domein 2027; geen extra kosten.",
    "legal_accountability": "Wijziging van de subsidieregeling; bezwaar blijft mogelijk.",
    "resident_input_who": "Initiatiefnemers uit vijf wijken en de Adviesraad Sociaal Domein.",
    "resident_input_how": "Twee bijeenkomsten en een schriftelijke reactie, vóór het voorstel.",
    "resident_input_result": "Drie van hun vier voorstellen zijn overgenomen; de vierde niet, "
    "omdat die in strijd is met de Wmo.",
}

ANSWERS = {
    1: ("fully", "Bewoners schreven mee aan het voorstel; hun ervaring is het vertrekpunt."),
    2: ("partly", "De uitvoering krijgt meer ruimte, maar nog niet overal."),
    3: ("fully", "Uitvoerders en beleidsmakers stelden het voorstel samen op."),
    4: ("partly", "We gebruikten onderzoek uit andere gemeenten; eigen cijfers ontbreken."),
    5: ("fully", "Het gewenste effect staat vooraf beschreven, met meetbare resultaten."),
    6: ("fully", "Over een jaar kijken we met de bewoners terug op uitkomst en proces."),
}

SAMEN_STERK = "Wijziging regels Samen Sterk"
OVERDUE = "Spelregels bewonersavonden Samen Sterk"
SAMEN_STERK_ANSWERS = {
    1: (
        "fully",
        "De nieuwe regels gaan uit van wat bewoners zelf nodig hebben, niet van het formulier.",
    ),
    2: (
        "partly",
        "Facilitators krijgen meer ruimte om af te wijken; het maximum per lijn blijft nog vast.",
    ),
    3: ("fully", "De wijziging is samen met facilitators en initiatiefnemers opgesteld."),
    4: (
        "na",
        "Er is geen onderzoek naar deze regeling; we gebruikten de ervaringen van het eerste jaar.",
    ),
    5: ("fully", "We willen dat een aanvraag binnen zes weken rond is, en meten dat."),
    6: ("fully", "Na een half jaar kijken we met bewoners terug op de uitkomst en het proces."),
}

DECISIONS = [
    ("Vereenvoudiging aanvraag Samen Sterk", "Sociaal Domein", "complete", True),
    ("Nieuwe locatie buurthuis Haven", "Wijkzaken", "complete", True),
    ("Uitvoeringsplan Lokale Inclusie Agenda", "Sociaal Domein", "partial", False),
    ("Subsidieafspraak wijkteams 2027", "Zorg en Welzijn", "empty", False),
    ("Projectblad Buurtvoorlichters", "Wijkzaken", "complete", False),
]


@transaction.atomic
def seed() -> None:
    by = User.objects.get(email="advies-coordinator@example.org")
    for n, (title, department, state, public) in enumerate(DECISIONS):
        if PolicyDecision.objects.filter(title=title).exists():
            continue
        policy = services.create_policy_decision(
            by=by, title=title, date=timezone.localdate() - timedelta(days=30 * n),
            department=department, reference=f"BW-2026-{100 + n}",
        )  # fmt: skip
        decision = policy.decision
        if state == "empty":
            continue
        services.update_decision(
            decision=decision, by=by, outcome="Vastgesteld zoals voorgesteld.",
            decided_by="College van B&W", decided_on=policy.date, is_public=public,
            reflection_due=policy.date + timedelta(days=365), **COMPLETE,
        )  # fmt: skip
        answers = ANSWERS
        if state == "partial":
            answers = {k: v for k, v in answers.items() if k <= 3}
        services.save_meetlat(decision=decision, by=by, answers=answers)
        if state == "complete":
            services.finalise_decision(decision=decision, by=by, reason="Collegebesluit")
    _samen_sterk_rules(by)


def _samen_sterk_rules(by: User) -> None:
    """SC-17: the policy decision "Wijziging regels Samen Sterk", all six principles reflected
    on, its later reflection due in ten days; and an older decision whose reflection is
    overdue. Both are the coordinator's own (advies-coordinator@)."""
    today = timezone.localdate()
    for title, decided, due, department in (
        (SAMEN_STERK, today - timedelta(days=170), today + timedelta(days=10), "Sociaal Domein"),
        (OVERDUE, today - timedelta(days=200), today - timedelta(days=20), "Wijkzaken"),
    ):
        if PolicyDecision.objects.filter(title=title).exists():
            continue
        policy = services.create_policy_decision(
            by=by, title=title, date=decided, department=department, reference="BW-2026-210"
        )
        decision = policy.decision
        services.update_decision(
            decision=decision, by=by, outcome="Vastgesteld zoals voorgesteld.",
            decided_by="College van B&W", decided_on=decided, is_public=True, **COMPLETE,
        )  # fmt: skip
        services.save_meetlat(
            decision=decision, by=by, answers=SAMEN_STERK_ANSWERS, reflection_due=due
        )
        services.finalise_decision(decision=decision, by=by, reason="Collegebesluit")
