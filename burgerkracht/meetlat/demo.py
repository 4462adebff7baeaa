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
        answers = {
            1: ("fully", ""),
            2: ("partly", "De uitvoering krijgt meer ruimte, maar nog niet overal."),
            3: ("fully", ""),
            4: ("partly", "We gebruikten onderzoek uit andere gemeenten; eigen cijfers ontbreken."),
            5: ("fully", ""),
            6: ("fully", ""),
        }
        if state == "partial":
            answers = {k: v for k, v in answers.items() if k <= 3}
        services.save_meetlat(decision=decision, by=by, answers=answers)
        if state == "complete":
            services.finalise_decision(decision=decision, by=by, reason="Collegebesluit")
