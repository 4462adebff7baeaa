"""Demo support requests (SC-07, Servicepunt Stedenwijk): five requests across rule domains,
each with its responsible decider, one passed on, one answered, and a jager with a mandate.
Idempotent: nothing is added to an initiative that has requests. Through the services."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from burgerkracht.accounts.models import User
from burgerkracht.core.enums import OrganisationType
from burgerkracht.core.models import Organisation
from initiatives import support
from initiatives.models import Initiative

DEPARTMENTS = ["Gemeente Almere, Openbare ruimte", "Gemeente Almere, Werk en Inkomen",
               "Gemeente Almere, Vergunningen", "Gemeente Almere, Wonen"]  # fmt: skip
# (question, domain, department, decider, e-mail)
REQUESTS = [
    ("Mogen we de stoep voor het servicepunt gebruiken voor een bankje en plantenbakken?",
     "public_space", "Gemeente Almere, Openbare ruimte", "Ruud Verhoef", "r.verhoef"),
    ("Wie beslist over een tijdelijke werkvergunning voor vrijwilligers met een uitkering?",
     "work", "Gemeente Almere, Werk en Inkomen", "Samira Amrani", "s.amrani"),
    ("Welke Arbo-regels gelden voor de vrijwilligers in de werkplaats?",
     "arbo", "Gemeente Almere, Werk en Inkomen", "Henk de Groot", "h.degroot"),
    ("Kan de begeleiding vanuit de dagbesteding twee ochtenden per week meedraaien?",
     "care", "Wijkteam Stedenwijk", "Ingrid Mulder", "i.mulder"),
    ("Mogen we de lege winkelruimte aan het plein huren als servicepunt?",
     "housing", "Gemeente Almere, Wonen", "Johan Smit", "j.smit"),
]  # fmt: skip


@transaction.atomic
def seed() -> None:
    facilitator = User.objects.get(email="facilitator@example.org")
    coordinator = User.objects.get(email="coordinator@example.org")
    initiative = (
        Initiative.objects.filter(status="active", facilitator=facilitator).order_by("pk").first()
    )
    if initiative is None or initiative.support_requests.exists():
        return
    for name in DEPARTMENTS:
        Organisation.objects.get_or_create(name=name, defaults={"type": OrganisationType.MUNICIPAL})
    made = []
    for question, domain, organisation, decider, local in REQUESTS:
        made.append(support.ask_support(
            by=facilitator, initiative=initiative, question=question, domain=domain,
            organisation=Organisation.objects.get(name=organisation), decider_name=decider,
            decider_email=f"{local}@almere.nl",
        ))  # fmt: skip
    support.hand_over_request(
        request=made[1], by=facilitator, to_name="Kees Teamleider", to_email="k.bos@almere.nl",
        note="De afdeling Werk en Inkomen gaf de vraag door aan het team Participatie.",
    )  # fmt: skip
    support.answer_request(
        request=made[0], by=facilitator, answer="Ja, met een melding vooraf bij de wijkbeheerder.",
        what_it_took="Eén gesprek met de wijkbeheerder ter plaatse.",
    )  # fmt: skip
    support.appoint_jager(
        initiative=initiative, by=coordinator, jager=coordinator, money_limit=Decimal("2500"),
        mandate="Afspraken maken met Wonen, Werk en Inkomen en het wijkteam over het servicepunt.",
        departments=list(Organisation.objects.filter(name__in=DEPARTMENTS)),
    )  # fmt: skip
