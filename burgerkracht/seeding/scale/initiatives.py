"""Scale data of the initiatives (`manage.py seed_scale`, see seeding/scale/core.py).

The shape: initiatives spread over every wijk (a few city-wide), every theme and every
status, started over the last four years; drafts and submitted ones are recent, running and
ended ones older. Synthetic residents (about one per two and a half initiatives, so some lead
several) are the lead initiators; four in ten initiatives have a backup initiator and some an
open invitation. Half the submitted ones still wait for the coordinator; every other one
past the intake has a facilitator, about half of them the demo facilitators (facilitator@,
facilitator2@, coordinator@example.org), so their lists are long, the rest a few synthetic
facilitators (one per 5,000 initiatives). Seven in ten gave publication consent, so the
public list holds most running, paused and ended initiatives. Running and ended initiatives
have a timeline (results, news, obstacles, some of them open signals) and a few messages.
Nothing is past its retention period (ended initiatives ended in the last two years, open
invitations are recent, every resident logged in this year), so the nightly purge leaves it.

Written in bulk: no audit events, no mail, no history rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from burgerkracht.accounts.roles import Role
from burgerkracht.core.models import Neighbourhood
from burgerkracht.seeding.scale.core import (
    YEARS,
    Scale,
    explicit_timestamps,
    reserve_ids,
    synthetic_users,
)
from initiatives.enums import (
    InitiativeStatus,
    InitiativeTheme,
    InitiatorRole,
    Result,
    Support,
    UpdateKind,
)
from initiatives.enums import Scale as Reach
from initiatives.models import Initiative, Initiator, Message, Update
from initiatives.story_models import Story, StoryStatus

S = InitiativeStatus
STATUSES = {S.DRAFT: 8, S.SUBMITTED: 12, S.ACTIVE: 42, S.PAUSED: 8, S.ENDED: 30}
# (status: how many days ago it may have started, newest and oldest)
STARTED = {
    S.DRAFT: (1, 180), S.SUBMITTED: (15, 75), S.ACTIVE: (30, 3 * 365),
    S.PAUSED: (60, 3 * 365), S.ENDED: (120, YEARS * 365),
}  # fmt: skip
DEMO_FACILITATORS = {
    "facilitator@example.org": 20, "facilitator2@example.org": 15, "coordinator@example.org": 12,
}  # fmt: skip
RESIDENTS_PER_INITIATIVE = 0.4
INITIATIVES_PER_FACILITATOR = 5000

# (title, theme, summary)
T = InitiativeTheme
IDEAS = [
    ("Buurtmaaltijd", T.MEETING, "Eens per maand koken buren voor buren."),
    ("Wandelgroep", T.EXERCISE, "Elke week wandelen we samen een uur, in ons eigen tempo."),
    ("Taalcafé", T.LEARNING, "Nederlands oefenen bij een kop koffie, met buren."),
    ("Repaircafé", T.MEETING, "Kapotte spullen samen repareren in plaats van weggooien."),
    ("Moestuin", T.GREEN, "Samen groente kweken op een stuk grond in de buurt."),
    ("Klusgroep", T.CARE, "Handige buren helpen ouderen met kleine klussen."),
    ("Voorleesochtend", T.YOUTH, "Ouders lezen voor aan peuters en drinken daarna koffie."),
    ("Mantelzorgcafé", T.CARE, "Mantelzorgers ontmoeten elkaar en wisselen tips uit."),
    ("Buurtkoor", T.CULTURE, "Samen zingen, ook met mensen die nu weinig buiten komen."),
    ("Computerhulp", T.LEARNING, "Buren helpen elkaar met de computer en DigiD."),
    ("Jongerenpodium", T.YOUTH, "Jongeren organiseren zelf optredens voor jongeren."),
    ("Duofietsen", T.EXERCISE, "Fietstochten met bewoners die niet meer alleen fietsen."),
    ("Schoonmaakochtend", T.GREEN, "Samen zwerfafval opruimen en daarna koffie."),
    ("Ontmoetingsochtend", T.MEETING, "Een vaste ochtend waar buren binnen kunnen lopen."),
    ("Buurtvoorlichters", T.CARE, "Bewoners helpen buren de weg te vinden naar hulp."),
    ("Samen sporten", T.EXERCISE, "Laagdrempelig bewegen in het park, voor iedereen."),
    ("Kunstatelier", T.CULTURE, "Schilderen en tekenen met buren die elkaar nog niet kennen."),
    ("Burenhulp", T.OTHER, "Een lijst van buren die iets voor elkaar willen doen."),
]  # fmt: skip
WHY = [
    "We zien dat mensen in de buurt elkaar weinig ontmoeten.",
    "Veel ouderen in onze straat zitten vaak alleen thuis.",
    "Nieuwe bewoners kennen hier nog bijna niemand.",
]
GOAL = "Meer mensen doen mee en voelen zich thuis in de buurt."
DISTANCE = "We hebben een kleine groep; we willen groeien."
ACTIONS = "Een plek vinden, buren persoonlijk uitnodigen, een vaste dag kiezen."
TARGET = ["Buren die nu weinig mensen zien.", "Ouderen en mantelzorgers.", "Nieuwkomers."]
LESSONS = "Begin klein en vraag buren persoonlijk om mee te doen."
UPDATES = {
    UpdateKind.RESULT: "Er kwamen meer mensen dan we dachten; twee nieuwe buren helpen mee.",
    UpdateKind.NEWS: "We hebben een vaste plek gevonden in het buurthuis.",
    UpdateKind.OBSTACLE: "Voor het gebruik van de zaal moeten we een dure verzekering hebben.",
}


@dataclass(slots=True)
class Row:
    """What the budget app needs of an initiative of this run."""

    pk: int
    title: str
    status: str
    neighbourhood_id: int | None
    lead_id: int
    facilitator_id: int | None
    submitted_at: datetime | None


def missing() -> list[str]:
    return []


def seed(scale: Scale) -> None:
    n = scale.initiatives
    neighbourhoods = list(Neighbourhood.objects.filter(is_active=True).values_list("pk", "name"))
    neighbourhood_ids = [pk for pk, _name in neighbourhoods]
    with scale.step("accounts.User (residents)") as rows:
        residents = synthetic_users(
            scale, max(1, round(n * RESIDENTS_PER_INITIATIVE)) if n else 0,
            prefix="bewoner", role=Role.RESIDENT, neighbourhoods=neighbourhood_ids,
        )  # fmt: skip
        rows[0] = len(residents)
    with scale.step("accounts.User (facilitators)") as rows:
        synthetic = synthetic_users(
            scale, n // INITIATIVES_PER_FACILITATOR, prefix="facilitator",
            role=Role.FACILITATOR, neighbourhoods=[],
        )  # fmt: skip
        rows[0] = len(synthetic)
    scale.shared["residents"] = [u.pk for u in residents]
    if not n:
        scale.shared["initiatives"] = []
        return
    facilitators = {scale.user(e).pk: w for e, w in DEMO_FACILITATORS.items()}
    for user in synthetic:
        facilitators[user.pk] = sum(DEMO_FACILITATORS.values()) / len(synthetic)
    with scale.step("initiatives (planning)", counted=False):
        initiatives, links, people, result = _plan(scale, residents, neighbourhoods, facilitators)
        updates, messages = _timelines(scale, initiatives, result)
    with explicit_timestamps(Initiative, Initiator, Update, Message):
        scale.save(Initiative, initiatives)
        scale.save(Initiative.neighbourhoods.through, links)
        scale.save(Initiator, people)
        scale.save(Update, updates)
        scale.save(Message, messages)
    scale.shared["initiatives"] = result
    with explicit_timestamps(Story):
        scale.save(Story, _stories(scale, n // STORIES_EVERY, residents, neighbourhood_ids))


def _plan(
    scale: Scale, residents, neighbourhoods, facilitators: dict[int, float]
) -> tuple[list, ...]:
    rng, professional = scale.rng, scale.user("professional@example.org")
    names = dict(neighbourhoods)
    initiatives, links, people, result = [], [], [], []
    statuses = scale.spread(scale.initiatives, STATUSES)
    facilitator_ids, facilitator_weights = list(facilitators), list(facilitators.values())
    neighbourhood_for = [rng.choice(neighbourhoods)[0] for _ in statuses]
    for pk, status, neighbourhood in zip(reserve_ids(Initiative, len(statuses)), statuses,
                                         neighbourhood_for, strict=True):  # fmt: skip
        lead = rng.choice(residents)
        title, theme, summary = rng.choice(IDEAS)
        reach = rng.choices([Reach.CITY, Reach.STREET, Reach.NEIGHBOURHOOD], [8, 30, 62])[0]
        neighbourhood = None if reach == Reach.CITY else neighbourhood
        created = scale.moment(*STARTED[status])
        submitted = None if status == S.DRAFT else scale.after(created, 0, 14)
        changed = submitted or created
        if status in (S.ACTIVE, S.PAUSED, S.ENDED):
            changed = scale.after(changed, 7, 45)
        if status in (S.PAUSED, S.ENDED):
            changed = scale.after(changed, 30, 400)
        if status == S.ENDED:  # within the two years before the purge anonymises it
            changed = max(changed, scale.moment(30, 700))
        facilitator = backup = None
        if status != S.DRAFT and (status != S.SUBMITTED or scale.chance(0.5)):
            facilitator = rng.choices(facilitator_ids, facilitator_weights)[0]
            if scale.chance(0.6) and len(facilitator_ids) > 1:
                backup = rng.choice([f for f in facilitator_ids if f != facilitator])
        assisted = scale.chance(0.04)
        title = f"{title} {names[neighbourhood] if neighbourhood else 'in de stad'} ({pk})"
        initiatives.append(Initiative(
            pk=pk, title=title, summary=summary, theme=theme, why=rng.choice(WHY), goal=GOAL,
            distance_to_goal=DISTANCE, actions_needed=ACTIONS, scale=reach,
            target_group=rng.choice(TARGET), expected_participants=rng.randint(5, 60),
            support_wanted=rng.sample(Support.values[:-1], rng.randint(1, 3)),
            publication_consent=scale.chance(0.7), status=status,
            status_changed_at=changed if status != S.DRAFT else None, submitted_at=submitted,
            ended_at=changed if status == S.ENDED else None,
            result=rng.choice(Result.values) if status == S.ENDED else "",
            lessons=LESSONS if status == S.ENDED else "",
            created_by_id=professional.pk if assisted else lead.pk,
            assisted_by_id=professional.pk if assisted else None,
            facilitator_id=facilitator, backup_facilitator_id=backup,
            created_at=created, updated_at=changed,
        ))  # fmt: skip
        if neighbourhood is not None:
            links.append(
                Initiative.neighbourhoods.through(initiative_id=pk, neighbourhood_id=neighbourhood)
            )
        people += _initiators(scale, pk, lead, residents, created)
        result.append(Row(pk, title, status, neighbourhood, lead.pk, facilitator, submitted))
    return initiatives, links, people, result


def _initiators(scale: Scale, pk: int, lead, residents, created) -> list[Initiator]:
    people = [
        Initiator(
            initiative_id=pk, user_id=lead.pk, email=lead.email, role=InitiatorRole.LEAD,
            invited_at=created, accepted_at=created, created_at=created, updated_at=created,
        )
    ]  # fmt: skip
    if scale.chance(0.4) and len(residents) > 1:
        backup = scale.rng.choice(residents)
        while backup.pk == lead.pk:
            backup = scale.rng.choice(residents)
        accepted = scale.after(created, 1, 20)
        people.append(Initiator(
            initiative_id=pk, user_id=backup.pk, email=backup.email, role=InitiatorRole.CO,
            is_backup=True, invited_at=created, accepted_at=accepted,
            interest="Ik woon om de hoek en wil graag helpen.", created_at=created,
            updated_at=accepted,
        ))  # fmt: skip
    if scale.chance(0.15):  # an open invitation: younger than the 90 days it is kept
        invited = max(created, scale.moment(0, 80))
        people.append(Initiator(
            initiative_id=pk, email=f"buur{pk}@schaal.example.org", role=InitiatorRole.CO,
            invited_at=invited, created_at=invited, updated_at=invited,
        ))  # fmt: skip
    return people


def _timelines(scale: Scale, initiatives: list[Initiative], rows: list[Row]) -> tuple[list, list]:
    """Running, paused and ended initiatives: one to three updates by the lead, some
    obstacles open as signals to the municipality; facilitated ones often a message each
    way."""
    updates, messages = [], []
    welcome = "Welkom! Laat maar weten als je ergens hulp bij nodig hebt."
    for initiative, row in zip(initiatives, rows, strict=True):
        if initiative.status not in (S.ACTIVE, S.PAUSED, S.ENDED):
            continue
        last = initiative.status_changed_at if initiative.status == S.ENDED else scale.now
        for _ in range(scale.rng.choice((1, 1, 2, 3))):
            kind = scale.rng.choices(list(UPDATES), [5, 3, 2])[0]
            signal = kind == UpdateKind.OBSTACLE and scale.chance(0.5)
            moment = min(last, scale.after(initiative.submitted_at, 10, 600))
            handled = scale.after(moment, 1, 30) if signal and scale.chance(0.6) else None
            updates.append(Update(
                initiative_id=initiative.pk, author_id=row.lead_id, created_at=moment, kind=kind,
                text=UPDATES[kind], is_signal=signal, signal_handled_at=handled,
            ))  # fmt: skip
        if initiative.facilitator_id and scale.chance(0.6):
            moment = scale.after(initiative.submitted_at, 1, 20)
            messages.append(Message(initiative_id=initiative.pk, created_at=moment, body=welcome,
                                    sender_id=initiative.facilitator_id))  # fmt: skip
            messages.append(Message(
                initiative_id=initiative.pk, sender_id=row.lead_id,
                created_at=scale.after(moment, 0, 3),
                body="Dank je! We zoeken nog een zaal voor de eerste keer.",
            ))  # fmt: skip
    return updates, messages


# Stories without money (SC-19): one per this many initiatives, mostly published.
STORIES_EVERY = 4
STORY_STATUSES = {StoryStatus.PUBLISHED: 0.7, StoryStatus.SUBMITTED: 0.1,
                  StoryStatus.DECLINED: 0.1, StoryStatus.WITHDRAWN: 0.1}  # fmt: skip


def _stories(scale: Scale, n: int, residents, neighbourhood_ids: list[int]) -> list[Story]:
    rows = []
    for status in scale.spread(n, STORY_STATUSES):
        closed = status in (StoryStatus.DECLINED, StoryStatus.WITHDRAWN)
        # Closed stories go after 90 days (closed_stories): keep them inside that period.
        told = scale.moment(10, 80) if closed else scale.moment(1, 700)
        decided = scale.after(told, 1, 5) if status != StoryStatus.SUBMITTED else None
        rows.append(Story(
            title="Wat werkt in onze buurt", text="Buren helpen elkaar met boodschappen.",
            neighbourhood_id=scale.rng.choice(neighbourhood_ids),
            author_id=scale.rng.choice(residents).pk, publication_consent=True, status=status,
            published_at=decided if status in (StoryStatus.PUBLISHED, StoryStatus.WITHDRAWN)
            else None,
            declined_reason="Er staat een adres in." if status == StoryStatus.DECLINED else "",
            decided_at=decided, created_at=told, updated_at=decided or told,
        ))  # fmt: skip
    return rows
