"""About twenty demo initiatives over the wijken and every status, with timelines, messages
and some continuity risks. Idempotent: an initiative with the same title is not made again.

It goes through the services, so the demo also shows the audit trail and the outbox at work.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from burgerkracht.accounts.models import User
from burgerkracht.core.models import Neighbourhood
from burgerkracht.seeding.demo import initiatives_lessons as demo_lessons
from burgerkracht.seeding.demo import initiatives_stories as demo_stories
from burgerkracht.seeding.demo import initiatives_support as demo_support
from initiatives import notes, services
from initiatives.enums import InitiativeStatus, InitiativeTheme, Result, Scale, Support, UpdateKind
from initiatives.models import Initiative

# (title, neighbourhood, theme, final status, story)
INITIATIVES = [
    (
        "Wandelgroep Stedenwijk",
        "Stedenwijk",
        InitiativeTheme.EXERCISE,
        InitiativeStatus.ACTIVE,
        "Elke dinsdag wandelen we een uur door de wijk, in ons eigen tempo. "
        "Veel deelnemers hebben COPD.",
    ),
    (
        "Koor voor mensen met geheugenproblemen",
        "Waterwijk",
        InitiativeTheme.CULTURE,
        InitiativeStatus.ACTIVE,
        "Mensen met beginnende dementie zingen samen met hun familie. Samen zingen geeft moed.",
    ),
    (
        "Buurtmaaltijd Filmwijk",
        "Filmwijk",
        InitiativeTheme.MEETING,
        InitiativeStatus.ACTIVE,
        "Eens per maand koken buren voor buren. Wie alleen woont, eet niet alleen.",
    ),
    (
        "Taalcafé Muziekwijk",
        "Muziekwijk",
        InitiativeTheme.LEARNING,
        InitiativeStatus.PAUSED,
        "Nederlands oefenen bij een kop koffie, met vrijwilligers uit de buurt.",
    ),
    (
        "Moestuin achter de flat",
        "Kruidenwijk",
        InitiativeTheme.GREEN,
        InitiativeStatus.ACTIVE,
        "Samen groente kweken op een braakliggend stuk grond achter de flat.",
    ),
    (
        "Klusgroep Haven",
        "Haven Centrum",
        InitiativeTheme.CARE,
        InitiativeStatus.SUBMITTED,
        "Handige buren helpen ouderen met kleine klussen in en om het huis.",
    ),
    (
        "Voorleesochtend De Werven",
        "De Werven",
        InitiativeTheme.YOUTH,
        InitiativeStatus.ENDED,
        "Ouders lezen voor aan peuters in het buurthuis, en drinken daarna samen koffie.",
    ),
    (
        "Repair café Regenboogbuurt",
        "Regenboogbuurt",
        InitiativeTheme.MEETING,
        InitiativeStatus.ACTIVE,
        "Kapotte spullen samen repareren in plaats van weggooien.",
    ),
    (
        "Speeltuin opknappen Bloemenbuurt",
        "Bloemenbuurt",
        InitiativeTheme.YOUTH,
        InitiativeStatus.SUBMITTED,
        "Kinderen en ouders maken samen een plan voor de speeltuin.",
    ),
    (
        "Beweegtuin voor ouderen",
        "Eilandenbuurt",
        InitiativeTheme.EXERCISE,
        InitiativeStatus.DRAFT,
        "Toestellen in het park waar ouderen samen kunnen bewegen.",
    ),
    (
        "Mantelzorgcafé Europakwartier",
        "Europakwartier",
        InitiativeTheme.CARE,
        InitiativeStatus.ACTIVE,
        "Mantelzorgers ontmoeten elkaar en wisselen tips uit.",
    ),
    (
        "Festival Poort Sociaal",
        "Homeruskwartier",
        InitiativeTheme.CULTURE,
        InitiativeStatus.ENDED,
        "Een dag met muziek, eten en informatie over wat er in de wijk te doen is.",
    ),
    (
        "Buurtvoorlichters in Columbuskwartier",
        "Columbuskwartier",
        InitiativeTheme.CARE,
        InitiativeStatus.ACTIVE,
        "Bewoners die meerdere talen spreken, helpen buren de weg te vinden.",
    ),
    (
        "Schoonmaakochtend Stripheldenbuurt",
        "Stripheldenbuurt",
        InitiativeTheme.GREEN,
        InitiativeStatus.ENDED,
        "Eens per kwartaal ruimen we samen zwerfafval op.",
    ),
    (
        "Jongerenpodium Centrum",
        "Centrum",
        InitiativeTheme.YOUTH,
        InitiativeStatus.SUBMITTED,
        "Jongeren organiseren zelf optredens voor en door jongeren.",
    ),
    (
        "Samen fietsen Vogelhorst",
        "Vogelhorst",
        InitiativeTheme.EXERCISE,
        InitiativeStatus.PAUSED,
        "Duofietstochten met bewoners die niet meer alleen kunnen fietsen.",
    ),
    (
        "Computerhulp Nobelhorst",
        "Nobelhorst",
        InitiativeTheme.LEARNING,
        InitiativeStatus.ACTIVE,
        "Buren helpen elkaar met de computer, de telefoon en DigiD.",
    ),
    (
        "Stadswandeling met verhalen",
        "",
        InitiativeTheme.CULTURE,
        InitiativeStatus.ACTIVE,
        "Oudere Almeerders vertellen onderweg hoe de stad is gegroeid.",
    ),
    (
        "Bankjes in de Waterwijk",
        "Waterwijk",
        InitiativeTheme.MEETING,
        InitiativeStatus.DRAFT,
        "Meer bankjes langs het water, zodat ouderen onderweg kunnen uitrusten.",
    ),
    (
        "Ontmoetingsochtend Overgooi",
        "Overgooi",
        InitiativeTheme.MEETING,
        InitiativeStatus.SUBMITTED,
        "Een vaste ochtend in de week waar buren binnen kunnen lopen.",
    ),
]


def _user(email: str) -> User:
    return User.objects.get(email=email)


@transaction.atomic
def seed() -> None:
    resident = _user("bewoner@example.org")
    professional = _user("professional@example.org")
    coordinator = _user("coordinator@example.org")
    facilitators = [_user("facilitator@example.org"), _user("facilitator2@example.org")]
    for n, (title, neighbourhood, theme, status, story) in enumerate(INITIATIVES):
        if Initiative.objects.filter(title=title).exists():
            continue
        lead = resident if n % 3 == 0 else _demo_resident(n)
        initiative = services.start_initiative(by=lead, title=title, summary=story, theme=theme)
        city = not neighbourhood
        services.save_intake_step(
            initiative=initiative,
            by=lead,
            step=2,
            data={
                "why": "We zien dat mensen in de buurt elkaar weinig ontmoeten.",
                "goal": "Meer mensen doen mee en voelen zich thuis in de buurt.",
                "distance_to_goal": "We hebben een kleine groep; we willen groeien.",
                "actions_needed": "Een plek vinden, buren uitnodigen, een vaste dag kiezen.",
            },
        )
        services.save_intake_step(
            initiative=initiative,
            by=lead,
            step=3,
            data={
                "scale": Scale.CITY if city else Scale.NEIGHBOURHOOD,
                "neighbourhoods": [] if city else [Neighbourhood.objects.get(name=neighbourhood)],
                "target_group": "Buren die nu weinig mensen zien.",
                "expected_participants": 10 + n,
            },
        )
        services.save_intake_step(
            initiative=initiative,
            by=lead,
            step=5,
            data={
                "support_wanted": [Support.PLACE, Support.CONTACTS] if n % 2 else [Support.MONEY],
                "publication_consent": n % 4 != 1,
            },
        )
        if n % 4 == 0:  # some have a backup; the rest show a continuity risk
            services.save_people(
                initiative=initiative, by=lead, backup_email=f"buur{n}@example.org"
            )
        if status == InitiativeStatus.DRAFT:
            continue
        services.submit_initiative(initiative=initiative, by=lead)
        if status == InitiativeStatus.SUBMITTED and n % 2:
            continue  # waiting for the coordinator
        main, backup = facilitators[n % 2], facilitators[(n + 1) % 2]
        services.assign_facilitators(
            initiative=initiative,
            by=coordinator,
            facilitator=main,
            backup=backup if n % 3 else None,
        )
        if status == InitiativeStatus.SUBMITTED:
            continue
        services.activate_initiative(initiative=initiative, by=main)
        services.post_update(
            initiative=initiative,
            by=lead,
            kind=UpdateKind.RESULT,
            text="De eerste bijeenkomst was een succes: er kwamen meer mensen dan we dachten.",
        )
        if n % 5 == 0:
            services.post_update(
                initiative=initiative,
                by=lead,
                kind=UpdateKind.OBSTACLE,
                is_signal=True,
                text="Voor het gebruik van het buurthuis moeten we een dure verzekering hebben.",
            )
        services.send_message(
            initiative=initiative,
            by=main,
            body="Welkom! Laat maar weten als je ergens hulp bij nodig hebt.",
        )
        if n % 4 == 0:
            # The facilitator's own note, never shown to the residents.
            notes.add_note(
                by=main,
                initiative=Initiative.objects.get(pk=initiative.pk),
                text="Gebeld met de wijkcoach, zij kent de groep.",
            )
        if status == InitiativeStatus.PAUSED:
            services.pause_initiative(
                initiative=initiative, by=lead, reason="De vrijwilligers hebben even rust nodig."
            )
        if status == InitiativeStatus.ENDED:
            services.end_initiative(
                initiative=initiative,
                by=lead,
                result=[Result.REACHED, Result.PARTLY, Result.NOT_REACHED][n % 3],
                lessons="Begin klein en vraag buren persoonlijk om mee te doen.",
            )
        Initiative.objects.filter(pk=initiative.pk).update(
            submitted_at=timezone.now() - timedelta(days=7 * n)
        )
    _assisted_demo(professional, resident)
    demo_stories.seed()
    demo_lessons.seed()
    demo_support.seed()  # SC-07: the Servicepunt's support requests and jager


def _demo_resident(n: int) -> User:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    email = f"initiatiefnemer{n}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        from burgerkracht.seeding.demo.core import DEMO_PASSWORD

        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=f"Bewoner {n}"
        )
        user.groups.add(Group.objects.get(name="resident"))
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _assisted_demo(professional: User, resident: User) -> None:
    title = "Zitgroep bij de huisarts (samen met een bewoner aangemeld)"
    if Initiative.objects.filter(title=title).exists():
        return
    initiative = services.start_initiative(
        by=professional,
        assisted=True,
        title=title,
        theme=InitiativeTheme.CARE,
        summary="Wachtende patiënten raken aan de praat; "
        "we willen er een vaste koffieochtend van maken.",
    )
    services.save_people(initiative=initiative, by=professional, resident_email=resident.email)
