"""Demo data of SC-10: the working group ViP (a body of kind "other") and the Lokale
Inclusie Agenda it handed to the wethouder in 2018, with topics in three phases — some done,
one not kept with its reason, one overdue — and a commitment of a wethouder on its own.

Idempotent: the agenda's title marks that it was seeded."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from advice.enums import BodyKind, Kept, MemberRole, PromiseSource, PromiseStatus
from advice.models import AdvisoryBody, Agenda, Membership
from advice.services import followup, promises
from burgerkracht.accounts.models import User

LIA_TITLE = "Lokale Inclusie Agenda"
# (text, phase, owner e-mail, department, due in days from today, status, note, verdict)
TOPICS = [
    ("Toegankelijke stembureaus in alle wijken", "Fase 1 (2019)", "coordinator@example.org",
     "Burgerzaken", -400, PromiseStatus.DONE, "Alle stembureaus zijn nagelopen en aangepast.",
     (Kept.KEPT, "")),
    ("Informatie over de Wmo in eenvoudige taal", "Fase 1 (2019)", "coordinator@example.org",
     "Communicatie", -380, PromiseStatus.DONE, "De folders en de website zijn herschreven.", None),
    ("Een gebarentolk bij elke raadsvergadering", "Fase 1 (2019)", "facilitator@example.org",
     "Griffie", -300, PromiseStatus.ON_TRACK, "Eerst een proef met drie vergaderingen.",
     (Kept.NOT_KEPT, "De raad vond de kosten te hoog; er is alleen een tolk op verzoek.")),
    ("Toegankelijke speeltuinen in elke wijk", "Fase 2 (2021)", "facilitator@example.org",
     "Openbare Ruimte", -20, PromiseStatus.ON_TRACK,
     "Drie van de vijf speeltuinen zijn aangepast.", None),
    ("Eén loket voor alle vragen over meedoen", "Fase 2 (2021)", "coordinator@example.org",
     "Sociaal Domein", 90, PromiseStatus.ON_TRACK, "Het loket opent na de zomer.", None),
    ("De werkgroep prioriteert zelf onderwerpen bij de begroting", "Fase 3 (2023)",
     "advies-coordinator@example.org", "Financiën", 200, PromiseStatus.NEW, "", None),
    ("Inclusie als vaste eis bij elke aanbesteding", "Fase 3 (2023)",
     "advies-coordinator@example.org", "Inkoop", 300, PromiseStatus.NEW, "", None),
]  # fmt: skip


def seed(boss: User, member: User) -> None:
    """`member` (an ASD member) is also in ViP: a double hat, shown on both bodies."""
    vip, _created = AdvisoryBody.objects.get_or_create(
        slug="vip",
        defaults={"name": "Werkgroep ViP", "short_name": "ViP", "kind": BodyKind.OTHER,
                  "description": "Werkgroep van inwoners met een beperking: volgt de "
                                 "Lokale Inclusie Agenda."},
    )  # fmt: skip
    Membership.objects.get_or_create(
        body=vip, user=member, ended_on=None,
        defaults={"role": MemberRole.MEMBER, "started_on": date(2018, 1, 1)},
    )  # fmt: skip
    if Agenda.objects.filter(title=LIA_TITLE).exists():
        return
    today = timezone.localdate()
    lia = promises.create_agenda(
        by=boss, title=LIA_TITLE, body=vip, handed_to="Wethouder Jansen",
        handed_over_on=date(2018, 11, 12),
        description="De werkgroep ViP verdiepte 58 onderwerpen. De wethouder zegde toe dat de "
        "gemeente de agenda in fasen uitvoert en dat de werkgroep zelf onderwerpen kan "
        "prioriteren bij de begroting.",
    )  # fmt: skip
    for text, phase, email, department, days, status, note, verdict in TOPICS:
        promise = promises.create_promise(
            by=boss, text=text, source_kind=PromiseSource.AGENDA, agenda=lia, phase=phase,
            owner=User.objects.get(email=email), department=department,
            due_on=today + timedelta(days=days),
        )  # fmt: skip
        if status != PromiseStatus.NEW:
            followup.update_promise(promise=promise, by=promise.owner, note=note, status=status)
        if verdict:
            promises.judge_promise(promise=promise, by=boss, kept=verdict[0], reason=verdict[1])
    promises.create_promise(
        by=boss, text="Elke wijk krijgt een ontmoetingsplek die iedereen kan bereiken.",
        source_kind=PromiseSource.COMMITMENT,
        source_description="Wethouder Jansen in de raadsvergadering van 12 maart",
        owner=User.objects.get(email="coordinator@example.org"), department="Sociaal Domein",
        due_on=today + timedelta(days=180),
    )  # fmt: skip
