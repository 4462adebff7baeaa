"""Demo data of the advice register, all through the services: both bodies with their members
and BO+ organisations (youth not represented: a gap), signals, a solicited advice under time
pressure (SC-05) whose answer is still an internal draft, an unsolicited advice with four
recommendations whose published answer rejects two, promises in every status, an advice
evaluated and closed, a college-ASD meeting and a second factsheet version.

Idempotent: the advice of the answered example marks that the register was seeded."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from advice.enums import Adoption, Kept, MemberRole, Party, PromiseStatus
from advice.models import (
    Advice,
    AdvisoryBody,
    BodyOrganisation,
    FactsheetVersion,
    Membership,
    TargetGroup,
    Theme,
)
from advice.services import answer as answers
from advice.services import followup, register
from burgerkracht.accounts.models import User
from burgerkracht.core.models import Organisation
from burgerkracht.meetlat import services as meetlat
from burgerkracht.seeding.demo import advice_agenda as demo_agenda

# SC-05: asked on 6 December, due 1 January, decided by the college on 7 January.
PRESSURE_TITLE = "Reactie op de wijziging van de Verordening maatschappelijke ondersteuning"
PRESSURE_DATES = (date(2025, 12, 6), date(2026, 1, 1), date(2026, 1, 7))
ANSWERED_TITLE = "Armoede onder werkenden: regelingen bereiken hen niet"
CLOSED_TITLE = "Eenzaamheid onder ouderen: ontmoeting dichtbij huis"
FACTSHEET_WHY = (
    "Na het eerste jaar: de gemeente zegt toe elk advies binnen acht weken per aanbeveling "
    "te beantwoorden, en het BO+ let nadrukkelijk op de stem van jongeren, die nu ontbreekt."
)

# BO+ member organisations: (name, themes, groups). No one speaks for youth (Jeugd): a gap.
BO_PLUS = [
    ("Stichting De Schoor", ["Zorg en ondersteuning", "Wonen"],
     ["GGZ-cliënten", "Mensen met een beperking"]),
    ("Cliëntenraad Samen", ["Armoede", "Werk en inkomen"], ["Minima", "Chronisch zieken"]),
    ("Vrijwilligerscentrale", ["Eenzaamheid", "Inclusie"], ["Mantelzorgers"]),
    ("Ouderenbond Haven", ["Eenzaamheid", "Dienstverlening en toegang"], ["Ouderen"]),
]  # fmt: skip

SIGNALS = [
    ("Cliëntenraad Samen", "Armoede", "Werkende ouders missen de toeslagen",
     "Ouders met een klein inkomen uit werk weten niet dat ze recht hebben op de "
     "meedoenregeling. De folders gaan alleen naar mensen met een uitkering.", True, True),
    ("Cliëntenraad Samen", "Armoede", "Aanvraagformulier bijzondere bijstand te lang",
     "Het formulier telt twaalf pagina's; wie werkt, heeft overdag geen tijd voor het loket.",
     True, True),
    ("Ouderenbond Haven", "Eenzaamheid", "Buurthuis Haven dicht op zondag",
     "Juist op zondag zitten ouderen alleen thuis. Er is geen plek om elkaar te zien.",
     False, False),
]  # fmt: skip

DECISION = {
    "reasons": "De gemeente neemt het advies serieus en beantwoordt elke aanbeveling apart.",
    "financial_accountability": "Binnen het budget Sociaal Domein; geen extra middelen.",
    "legal_accountability": "Participatiewet en de Verordening maatschappelijke ondersteuning.",
    "resident_input_who": "De Adviesraad Sociaal Domein en de organisaties van het BO+.",
    "resident_input_how": "Het advies zelf, en een gesprek met de adviesraad over het antwoord.",
    "resident_input_result": "Twee aanbevelingen zijn (deels) overgenomen; bij de andere "
    "twee staat waarom niet.",
}


def _complete_decision(decision, by, outcome: str) -> None:
    meetlat.update_decision(
        decision=decision, by=by, outcome=outcome,
        reflection_due=timezone.localdate() + timedelta(days=365), **DECISION,
    )  # fmt: skip
    meetlat.save_meetlat(
        decision=decision, by=by,
        answers={
            p.number: ("fully", "Het besluit volgt dit principe helemaal.")
            for p in decision.meetlat_version.principles.all()
        },
    )  # fmt: skip


def _people() -> dict[str, User]:
    emails = {
        "member": "asd-lid@example.org",
        "secretary": "asd-secretaris@example.org",
        "bo_plus": "boplus@example.org",
        "coordinator": "advies-coordinator@example.org",
        "backup": "coordinator@example.org",
    }
    return {key: User.objects.get(email=email) for key, email in emails.items()}


def _bodies(people: dict[str, User]) -> tuple[AdvisoryBody, AdvisoryBody]:
    asd = AdvisoryBody.objects.get(slug="asd")
    bo_plus = AdvisoryBody.objects.get(slug="bo-plus")
    for name, themes, groups in BO_PLUS:
        member, created = BodyOrganisation.objects.get_or_create(
            body=bo_plus, organisation=Organisation.objects.get(name=name),
            defaults={"joined_on": date(2024, 1, 1)},
        )  # fmt: skip
        if created:
            member.themes.set(Theme.objects.filter(name__in=themes))
            member.groups.set(TargetGroup.objects.filter(name__in=groups))
    elders = BodyOrganisation.objects.get(body=bo_plus, organisation__name="Ouderenbond Haven")
    for body, key, role, organisation in (
        (asd, "member", MemberRole.MEMBER, None),
        (asd, "secretary", MemberRole.SECRETARY, None),
        (bo_plus, "bo_plus", MemberRole.REPRESENTATIVE, elders),
    ):
        Membership.objects.get_or_create(
            body=body, user=people[key], ended_on=None,
            defaults={"role": role, "organisation": organisation, "started_on": date(2024, 1, 1)},
        )  # fmt: skip
    return asd, bo_plus


@transaction.atomic
def seed() -> None:
    people = _people()
    asd, bo_plus = _bodies(people)
    demo_agenda.seed(people["coordinator"], people["member"])  # SC-10, idempotent itself
    if Advice.objects.filter(title=ANSWERED_TITLE).exists():
        return
    signals = [
        register.record_signal(
            by=people["bo_plus"],
            body=bo_plus,
            theme=Theme.objects.get(name=theme),
            organisation=BodyOrganisation.objects.get(body=bo_plus, organisation__name=org),
            title=title,
            description=text,
            is_structural=structural,
        )
        for org, theme, title, text, structural, _linked in SIGNALS
    ]
    linked = [s for s, row in zip(signals, SIGNALS, strict=True) if row[5]]
    answered = _answered_advice(people, asd, linked)
    _pressure_advice(people, asd)
    _closed_advice(people, asd)
    today = timezone.localdate()
    followup.plan_meeting(
        by=people["coordinator"], body=asd, date=today - timedelta(days=30),
        title="Overleg college en ASD", advices=[answered],
        participants="Wethouder Zorg, wethouder Armoede, de ASD, de adviescoördinator.",
        agenda="1. Het antwoord op het advies over armoede onder werkenden.\n"
        "2. De planning van de adviezen voor volgend jaar.",
        agreements="De gemeente meldt in het volgende overleg hoe het met de toezeggingen staat.",
    )  # fmt: skip
    _factsheet(people["coordinator"], today)


def _answered_advice(people, asd, signals) -> Advice:
    """Unsolicited, four recommendations: adopted, partly, and two not adopted with their
    reasons; five promises, one in every status."""
    by, boss = people["member"], people["coordinator"]
    today = timezone.localdate()
    advice = register.register_advice(
        by=by, body=asd, title=ANSWERED_TITLE,
        summary="Werkende mensen met een laag inkomen gebruiken de regelingen van de gemeente "
        "nauwelijks. De ASD hoorde dit van het BO+ en adviseert de toegang te vereenvoudigen.",
    )  # fmt: skip
    register.link_signals(advice=advice, by=by, signals=signals)
    recs = register.save_recommendations(
        advice=advice, by=by,
        texts=[
            "Stuur de informatie over de meedoenregeling ook naar werkende ouders.",
            "Maak het aanvraagformulier voor bijzondere bijstand korter.",
            "Open het loket ook op zaterdag.",
            "Schaf de vermogenstoets voor de meedoenregeling af.",
        ],
    )  # fmt: skip
    register.send_advice(advice=advice, by=by, received_on=today - timedelta(days=100))
    register.set_contacts(advice=advice, by=boss, contact=boss, backup=people["backup"],
                          body_contact=people["secretary"])  # fmt: skip
    register.set_public(advice=advice, by=boss, is_public=True)
    answer = answers.start_answer(advice=advice, by=boss)
    answers.save_answer(
        advice=advice, by=boss, responded_by="Het college van burgemeester en wethouders",
        introduction="Wij danken de Adviesraad Sociaal Domein voor dit ongevraagde advies.",
    )  # fmt: skip
    replies = [
        (Adoption.ADOPTED, ""),
        (Adoption.PARTLY, "Het formulier wordt korter; de bewijsstukken blijven nodig."),
        (Adoption.NOT_ADOPTED, "Een zaterdagloket kost meer dan het oplevert; we bieden wel "
         "een avondspreekuur en bellen terug."),
        (Adoption.NOT_ADOPTED, "De vermogenstoets is wettelijk voorgeschreven."),
    ]  # fmt: skip
    for rec, (adoption, reason) in zip(recs, replies, strict=True):
        answers.answer_recommendation(recommendation=rec, by=boss, adoption=adoption,
                                      reason=reason)  # fmt: skip
    promises = [
        # (recommendation, text, owner, due, status, note, drop reason)
        (0, "Brief aan alle werkende ouders met kindgebonden budget.", "coordinator", 120,
         PromiseStatus.NEW, "", ""),
        (0, "Informatie over de meedoenregeling op de website en in de bibliotheek.",
         "coordinator", -10, PromiseStatus.DONE, "Staat sinds deze maand online.", ""),
        (1, "Het formulier bijzondere bijstand terug naar vier pagina's.", "backup", 60,
         PromiseStatus.ON_TRACK, "Het nieuwe formulier wordt met het BO+ getest.", ""),
        (1, "Een digitale aanvraag zonder inlogcode.", "backup", -20,
         PromiseStatus.ON_TRACK, "Vertraagd: de leverancier is later dan beloofd.", ""),
        (1, "Een proef met aanvragen via het wijkteam.", "coordinator", 30,
         PromiseStatus.DROPPED, "Gestopt.",
         "De wijkteams hebben er geen tijd voor; het avondspreekuur komt ervoor in de plaats."),
    ]  # fmt: skip
    for number, text, owner, days, *_rest in promises:
        answers.add_promise(advice=advice, by=boss, recommendation=recs[number], text=text,
                            department="Sociaal Domein", owner=people[owner],
                            due_on=today + timedelta(days=days))  # fmt: skip
    _complete_decision(answer.decision, boss, "Twee aanbevelingen (deels) overgenomen.")
    answers.approve_answer(advice=advice, by=boss)
    answers.publish_answer(advice=advice, by=boss)
    for promise, (_n, _t, _o, _d, status, note, reason) in zip(
        advice.promises.order_by("pk"), promises, strict=True
    ):
        if note:
            followup.update_promise(promise=promise, by=boss, note=note, status=status,
                                    drop_reason=reason)  # fmt: skip
    return advice


def _pressure_advice(people, asd) -> Advice:
    """SC-05: little time, said why, agreed how; an earlier reaction counted as the advice
    with the body's consent. The answer is still an internal draft."""
    by, boss = people["member"], people["coordinator"]
    requested_on, deadline, decision_moment = PRESSURE_DATES
    advice_request = register.request_advice(
        by=boss, body=asd, subject="Wijziging Verordening maatschappelijke ondersteuning",
        question="Wat vindt de adviesraad van de voorgestelde eigen bijdrage voor de "
        "huishoudelijke hulp?",
        department="Sociaal Domein", requested_on=requested_on, deadline=deadline,
        decision_moment=decision_moment, decision_forum="College van B&W",
        pressure_reason="De nieuwe rijksregels gelden per 1 januari; het college moet op 7 "
        "januari besluiten.",
        time_agreement="Eén extra vergadering van de ASD vóór de kerst; de schriftelijke "
        "reactie van november mag als advies gelden.",
    )  # fmt: skip
    advice = register.register_advice(
        by=by, body=asd, title=PRESSURE_TITLE, advice_request=advice_request,
        summary="De ASD vindt de eigen bijdrage te hoog voor mensen met een laag inkomen.",
        from_earlier_reaction=True,
        consent_note="De ASD besloot op 18 december dat haar reactie van november als advies "
        "geldt, omdat er geen tijd was voor een volledig advies.",
    )  # fmt: skip
    recs = register.save_recommendations(
        advice=advice, by=by,
        texts=[
            "Stel de eigen bijdrage niet hoger vast dan het wettelijke minimum.",
            "Maak een uitzondering voor mensen met een inkomen tot 130% van het sociaal minimum.",
            "Evalueer de gevolgen na een half jaar met de ASD.",
        ],
    )  # fmt: skip
    register.send_advice(advice=advice, by=by, received_on=date(2025, 12, 22))
    register.set_contacts(advice=advice, by=boss, contact=boss, backup=people["backup"])
    register.set_public(advice=advice, by=boss, is_public=True)
    answers.start_answer(advice=advice, by=boss)
    answers.save_answer(advice=advice, by=boss,
                        introduction="Concept: nog af te stemmen met de wethouder.")  # fmt: skip
    answers.answer_recommendation(recommendation=recs[0], by=boss, adoption=Adoption.ADOPTED,
                                  reason="")  # fmt: skip
    return advice


def _closed_advice(people, asd) -> Advice:
    """Answered, promises kept, evaluated together: the loop is closed."""
    by, boss = people["member"], people["coordinator"]
    today = timezone.localdate()
    advice = register.register_advice(
        by=by, body=asd, title=CLOSED_TITLE,
        summary="Ouderen in de Haven zien elkaar te weinig. Zorg voor ontmoeting dichtbij.",
    )  # fmt: skip
    recs = register.save_recommendations(
        advice=advice, by=by,
        texts=["Open het buurthuis Haven ook op zondagmiddag.",
               "Zet vrijwilligers in voor een belcirkel."],
    )  # fmt: skip
    register.send_advice(advice=advice, by=by, received_on=today - timedelta(days=400))
    register.set_contacts(advice=advice, by=boss, contact=boss, backup=people["backup"])
    answer = answers.start_answer(advice=advice, by=boss)
    answers.answer_recommendation(recommendation=recs[0], by=boss, adoption=Adoption.ADOPTED,
                                  reason="")  # fmt: skip
    answers.answer_recommendation(recommendation=recs[1], by=boss, adoption=Adoption.PARTLY,
                                  reason="De belcirkel start in twee wijken.")  # fmt: skip
    texts = ("Buurthuis Haven open op zondag van 13 tot 17 uur.",
             "Een belcirkel in de Haven en de Waterwijk.")  # fmt: skip
    for rec, text in zip(recs, texts, strict=True):
        answers.add_promise(advice=advice, by=boss, recommendation=rec, text=text,
                            department="Wijkzaken", owner=boss,
                            due_on=today - timedelta(days=60))  # fmt: skip
    _complete_decision(answer.decision, boss, "Beide aanbevelingen (deels) overgenomen.")
    answers.approve_answer(advice=advice, by=boss)
    answers.publish_answer(advice=advice, by=boss)
    for promise in advice.promises.all():
        followup.update_promise(promise=promise, by=boss, note="Gedaan.",
                                status=PromiseStatus.DONE)  # fmt: skip
    register.set_public(advice=advice, by=boss, is_public=True)
    promises = list(advice.promises.order_by("pk"))
    evaluation = Advice.objects.get(pk=advice.pk).evaluation
    followup.save_evaluation(
        evaluation=evaluation, by=boss, held_on=today - timedelta(days=7),
        participants="De ASD, de wethouder Zorg en de adviescoördinator.",
        what_happened="Het buurthuis is op zondag open; de belcirkel draait in twee wijken.",
        effect="Elke zondag komen er zo'n dertig ouderen. De belcirkel belt veertig mensen.",
        body_appraisal="De ASD is tevreden, en wil de belcirkel in alle wijken.",
        lessons="Eerder met de vrijwilligerscentrale om tafel.",
        verdicts={promises[0].pk: (Kept.KEPT, ""),
                  promises[1].pk: (Kept.PARTLY, "Alleen in twee van de vijf wijken.")},
    )  # fmt: skip
    followup.complete_evaluation(evaluation=evaluation, by=boss)
    return advice


def _factsheet(by, today) -> FactsheetVersion:
    current = FactsheetVersion.current()
    entries = {e.party: (e.tasks, e.powers, e.agreements) for e in current.entries.all()}
    for party in Party.values:
        entries.setdefault(party, ("Stelt de kaders en controleert.", "Besluit.", ""))
    tasks, powers, agreements = entries[Party.MUNICIPALITY]
    entries[Party.MUNICIPALITY] = (
        tasks,
        powers,
        agreements + " Beantwoordt elk advies binnen acht weken.",
    )
    tasks, powers, agreements = entries[Party.BO_PLUS]
    entries[Party.BO_PLUS] = (
        tasks,
        powers,
        agreements + " Zoekt actief organisaties die voor jongeren spreken.",
    )
    return followup.publish_factsheet(by=by, why=FACTSHEET_WHY, valid_from=today, entries=entries)
