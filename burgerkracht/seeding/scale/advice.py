"""Scale data of the advice register (`manage.py seed_scale`, see seeding/scale/core.py).

The shape: advices of the ASD (six in ten) and the BO+ over the last four years, in every
status: concepts and withdrawn ones, final advices waiting for the answer (those received
more than eight weeks ago are overdue; a third has an internal draft or approved answer),
answered ones (the answer published, promises being followed up, the evaluation planned a
year on) and closed ones (evaluated, a verdict per promise). Six in ten were asked for, with
their request (one in ten under time pressure, with its reason); the rest are unsolicited.
Each advice has one to five numbered recommendations; an answer says per recommendation
adopted, partly, not adopted or already policy, with reasons; adopted and partly adopted
recommendations carry one or two promises, owned by the advice coordinator or the
facilitator coordinator, due over the year after the answer, in every status (some open
ones overdue). Six in ten final or later advices are public. References follow the app's
PREFIX-YEAR-NNN, continuing after the highest number of each year.

Written in bulk: no audit events, no mail, no PDFs, no history rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from advice.enums import (
    PROMISING,
    Adoption,
    AdviceEvaluationStatus,
    AdviceKind,
    AdviceStatus,
    AnswerStatus,
    Kept,
    PromiseStatus,
    RequestStatus,
)
from advice.models import (
    Advice,
    AdviceEvaluation,
    AdviceRequest,
    AdvisoryBody,
    Answer,
    AnswerPromise,
    Promise,
    PromiseNote,
    PromiseVerdict,
    Recommendation,
)
from burgerkracht.meetlat.enums import DecisionKind, DecisionStatus
from burgerkracht.meetlat.models import Decision, MeetlatVersion, PrincipleAnswer
from burgerkracht.seeding.scale.core import YEARS, Scale, at, explicit_timestamps, reserve_ids

V = AdviceStatus
STATUSES = {V.CONCEPT: 10, V.FINAL: 15, V.ANSWERED: 45, V.CLOSED: 25, V.WITHDRAWN: 5}
# Days ago the advice was received (registered, for a concept).
RECEIVED = {
    V.CONCEPT: (1, 90), V.FINAL: (1, 120), V.ANSWERED: (60, 3 * 365),
    V.CLOSED: (500, YEARS * 365), V.WITHDRAWN: (10, YEARS * 365),
}  # fmt: skip
BODIES = {"asd": ("asd-lid@example.org", "asd-secretaris@example.org", 6),
          "bo-plus": ("boplus@example.org", "boplus@example.org", 4)}  # fmt: skip
TOPICS = [
    "Armoede onder werkenden", "Eenzaamheid onder ouderen", "Toegang tot de Wmo",
    "Jongeren en schulden", "Mantelzorg ontlasten", "Wonen met zorg in de wijk",
    "Vervoer voor mensen met een beperking", "Laaggeletterdheid", "Het sociaal wijkteam",
]  # fmt: skip
RECOMMENDATIONS = [
    "Stuur de informatie ook naar werkende ouders.",
    "Maak het aanvraagformulier korter.",
    "Open het loket ook 's avonds.",
    "Betrek ervaringsdeskundigen bij de uitvoering.",
    "Evalueer na een jaar samen met de adviesraad.",
]
REASONS = {
    Adoption.ADOPTED: "",
    Adoption.PARTLY: "We doen het eerst in twee wijken; daarna kijken we verder.",
    Adoption.NOT_ADOPTED: "Dit kost meer dan het oplevert; we bieden wel een alternatief.",
    Adoption.ALREADY_POLICY: "Dit doen we al sinds vorig jaar.",
}


def missing() -> list[str]:
    found = set(AdvisoryBody.objects.filter(slug__in=BODIES).values_list("slug", flat=True))
    return [f"advisory body {slug}" for slug in BODIES if slug not in found]


def seed(scale: Scale) -> None:
    if not scale.advices:
        return
    bodies = {b.slug: b for b in AdvisoryBody.objects.filter(slug__in=BODIES)}
    r = _Register(scale, bodies)
    with scale.step("advice (planning)", counted=False):
        r.build()
    models = (AdviceRequest, Advice, Answer, Decision, Promise, PromiseNote, AdviceEvaluation)
    with explicit_timestamps(*models):
        scale.save(AdviceRequest, r.requests)
        scale.save(Advice, r.advices)
        scale.save(Recommendation, r.recommendations)
        scale.save(Decision, r.decisions, "meetlat.Decision (answers)")
        scale.save(PrincipleAnswer, r.meetlat_answers(), "meetlat.PrincipleAnswer (answers)")
        scale.save(Answer, r.answers)
        scale.save(AnswerPromise, r.planned)
        scale.save(Promise, r.promises)
        scale.save(PromiseNote, r.notes)
        scale.save(AdviceEvaluation, r.evaluations)
        scale.save(PromiseVerdict, r.verdicts)


def _next_numbers(model, prefix: str) -> defaultdict[int, int]:
    """The highest number per year of the references PREFIX-YEAR-NNN already given."""
    top: defaultdict[int, int] = defaultdict(int)
    for reference in model.objects.filter(reference__startswith=f"{prefix}-").values_list(
        "reference", flat=True
    ):
        _prefix, year, number = [*reference.split("-"), "", ""][:3]
        if year.isdigit() and number.isdigit():
            top[int(year)] = max(top[int(year)], int(number))
    return top


class _Register:
    """Builds the rows of one run in memory, parents before children."""

    def __init__(self, scale: Scale, bodies: dict[str, AdvisoryBody]) -> None:
        self.scale, self.rng, self.bodies = scale, scale.rng, bodies
        self.coordinator = scale.user("advies-coordinator@example.org")
        self.backup = scale.user("coordinator@example.org")
        self.version = MeetlatVersion.current()
        self.principles = list(self.version.principles.all())
        self.numbers = {"ADV": _next_numbers(Advice, "ADV"),
                        "VRG": _next_numbers(AdviceRequest, "VRG")}  # fmt: skip
        self.requests, self.advices, self.recommendations = [], [], []
        self.decisions, self.answers, self.planned, self.promises = [], [], [], []
        self.notes, self.evaluations, self.verdicts = [], [], []
        self.published: list[tuple[Advice, datetime, list[Promise]]] = []

    def reference(self, prefix: str, year: int) -> str:
        self.numbers[prefix][year] += 1
        return f"{prefix}-{year}-{self.numbers[prefix][year]:03d}"

    def build(self) -> None:
        scale = self.scale
        statuses = scale.spread(scale.advices, STATUSES)
        slugs = scale.spread(scale.advices, {slug: w for slug, (*_p, w) in BODIES.items()})
        solicited = [scale.chance(0.6) for _ in statuses]
        request_ids = iter(reserve_ids(AdviceRequest, sum(solicited)))
        advice_ids = reserve_ids(Advice, len(statuses))
        for pk, status, slug, asked in zip(advice_ids, statuses, slugs, solicited, strict=True):
            advice = self.advice(
                pk, status, self.bodies[slug], next(request_ids) if asked else None
            )
            recommendations = self.recommend(advice)
            if status in (V.ANSWERED, V.CLOSED) or (status == V.FINAL and scale.chance(0.35)):
                self.answer(advice, recommendations)
        self.follow_up()

    def advice(self, pk: int, status: str, body: AdvisoryBody, request_pk: int | None) -> Advice:
        scale, rng = self.scale, self.rng
        author, body_contact, _weight = BODIES[body.slug]
        received = scale.moment(*RECEIVED[status])
        created = received - timedelta(days=rng.uniform(0, 20))
        year = created.year
        advice_request = None
        if request_pk is not None:
            advice_request = self.advice_request(request_pk, body, received, status)
        sent = status not in (V.CONCEPT, V.WITHDRAWN)
        topic = rng.choice(TOPICS)
        advice = Advice(
            pk=pk, reference=self.reference("ADV", year), body=body, advice_request=advice_request,
            kind=AdviceKind.SOLICITED if advice_request else AdviceKind.UNSOLICITED,
            title=f"{topic} ({body.short_name}, {pk})",
            summary=f"{topic}: de adviesraad ziet wat er misgaat en adviseert de gemeente.",
            received_on=received.date() if sent else None,
            response_due=(received + timedelta(weeks=8)).date() if sent else None,
            status=status, is_public=sent and scale.chance(0.6),
            contact_id=self.coordinator.pk, backup_contact_id=self.backup.pk,
            body_contact_id=scale.user(body_contact).pk, created_by_id=scale.user(author).pk,
            created_at=created, updated_at=received,
        )  # fmt: skip
        self.advices.append(advice)
        return advice

    def advice_request(self, pk: int, body: AdvisoryBody, received, status: str) -> AdviceRequest:
        scale, rng = self.scale, self.rng
        pressure = scale.chance(0.1)
        asked = received - timedelta(days=rng.uniform(15 if pressure else 40, 90))
        deadline = asked + timedelta(days=rng.randint(14, 27) if pressure else rng.randint(42, 70))
        advice_request = AdviceRequest(
            pk=pk, reference=self.reference("VRG", asked.year), body=body,
            subject="Wijziging van de verordening", department="Sociaal Domein",
            question="Wat vindt de adviesraad van het voorstel?",
            requested_by_id=self.coordinator.pk, requested_on=asked.date(),
            deadline=deadline.date(), decision_moment=(deadline + timedelta(days=21)).date(),
            decision_forum="College van B&W", is_time_pressure=pressure,
            pressure_reason="De nieuwe rijksregels gelden per 1 januari." if pressure else "",
            status={V.CONCEPT: RequestStatus.OPEN, V.WITHDRAWN: RequestStatus.WITHDRAWN}.get(
                status, RequestStatus.ANSWERED),
            created_at=asked, updated_at=received,
        )  # fmt: skip
        self.requests.append(advice_request)
        return advice_request

    def recommend(self, advice: Advice) -> list[Recommendation]:
        count = self.rng.choices((1, 2, 3, 4, 5), (1, 3, 4, 2, 1))[0]
        rows = [
            Recommendation(advice_id=advice.pk, number=n, text=RECOMMENDATIONS[n - 1])
            for n in range(1, count + 1)
        ]
        self.recommendations += rows
        return rows

    def answer(self, advice: Advice, recommendations: list[Recommendation]) -> None:
        """The answer per recommendation; published for an answered or closed advice (its
        promises in the register), a draft or approved one for some final advices."""
        scale, rng = self.scale, self.rng
        received = advice.updated_at
        published = advice.status in (V.ANSWERED, V.CLOSED)
        status = AnswerStatus.PUBLISHED if published else rng.choice(
            (AnswerStatus.DRAFT, AnswerStatus.DRAFT, AnswerStatus.APPROVED))  # fmt: skip
        moment = scale.after(received, 20, 70)
        decision = self.decision(advice, moment if published else None)
        answer = Answer(
            advice_id=advice.pk, status=status, decision=decision,
            introduction="Wij danken de adviesraad voor dit advies.",
            responded_by="Het college van burgemeester en wethouders",
            summary_for_college="Het college neemt de meeste aanbevelingen (deels) over.",
            approved_at=moment if status != AnswerStatus.DRAFT else None,
            approved_by_id=self.coordinator.pk if status != AnswerStatus.DRAFT else None,
            published_at=moment if published else None,
            published_by_id=self.coordinator.pk if published else None,
            created_at=scale.after(received, 1, 10), updated_at=moment,
        )  # fmt: skip
        self.answers.append(answer)
        promises = []
        for recommendation in recommendations:
            adoption = rng.choices(list(REASONS), (45, 25, 20, 10))[0]
            recommendation.adoption, recommendation.reason = adoption, REASONS[adoption]
            for _ in range(rng.choice((1, 1, 2)) if adoption in PROMISING else 0):
                promises += self.promise(advice, answer, recommendation, moment, published)
        if published:
            advice.updated_at = moment
            self.published.append((advice, moment, promises))

    def promise(self, advice, answer, recommendation, moment, published) -> list[Promise]:
        """The promise as written in the answer, and in the register once published."""
        owner = self.rng.choice((self.coordinator, self.backup))
        due = (moment + timedelta(days=self.rng.randint(30, 365))).date()
        text = f"We voeren aanbeveling {recommendation.number} uit en melden de voortgang."
        self.planned.append(AnswerPromise(
            answer=answer, recommendation=recommendation, text=text,
            department="Sociaal Domein", owner_id=owner.pk, due_on=due,
        ))  # fmt: skip
        if not published:
            return []
        promise = Promise(
            advice_id=advice.pk, recommendation=recommendation, text=text,
            department="Sociaal Domein", owner_id=owner.pk, due_on=due,
            created_at=moment, updated_at=moment,
        )  # fmt: skip
        self.promises.append(promise)
        return [promise]

    def follow_up(self) -> None:
        """Progress on every promise, and the evaluation a year after the answer: planned
        for an answered advice, done (a verdict per promise) for a closed one."""
        scale, rng, today = self.scale, self.rng, self.scale.today
        for advice, moment, promises in self.published:
            closed = advice.status == V.CLOSED
            for promise in promises:
                self.track(promise, closed)
            evaluation = AdviceEvaluation(
                advice_id=advice.pk, due_on=(moment + timedelta(days=365)).date(),
                created_at=moment, updated_at=moment,
            )  # fmt: skip
            self.evaluations.append(evaluation)
            if not closed:
                continue
            held = min(evaluation.due_on + timedelta(days=rng.randint(0, 30)), today)
            completed = scale.after(at(held), 1, 10)
            evaluation.status, evaluation.held_on = AdviceEvaluationStatus.DONE, held
            evaluation.participants = "De adviesraad, de wethouder en de adviescoördinator."
            evaluation.what_happened = "De meeste toezeggingen zijn uitgevoerd."
            evaluation.effect = "Meer mensen vinden de regelingen."
            evaluation.body_appraisal = "De adviesraad is tevreden, met een paar kanttekeningen."
            evaluation.lessons = "Eerder samen om tafel."
            evaluation.completed_by_id, evaluation.completed_at = self.coordinator.pk, completed
            evaluation.updated_at = advice.updated_at = completed
            for promise in promises:
                kept = Kept.KEPT if promise.status == PromiseStatus.DONE else rng.choice(
                    (Kept.PARTLY, Kept.NOT_KEPT))  # fmt: skip
                self.verdicts.append(PromiseVerdict(
                    evaluation=evaluation, promise=promise, kept=kept,
                    note="" if kept == Kept.KEPT else "Alleen in een deel van de wijken.",
                ))  # fmt: skip

    def track(self, promise: Promise, closed: bool) -> None:
        rng, today = self.rng, self.scale.today
        P = PromiseStatus
        if closed:
            status = rng.choices((P.DONE, P.DROPPED, P.ON_TRACK), (75, 10, 15))[0]
        elif promise.due_on < today:
            status = rng.choices((P.DONE, P.ON_TRACK, P.NEW, P.DROPPED), (50, 25, 10, 15))[0]
        else:
            status = rng.choices((P.NEW, P.ON_TRACK, P.DONE), (50, 40, 10))[0]
        promise.status = status
        if status == P.DROPPED:
            promise.drop_reason = "Er kwam een betere oplossing voor in de plaats."
        if status == P.NEW:
            return
        written = self.scale.after(promise.created_at, 10, 300)
        promise.updated_at = written
        self.notes.append(PromiseNote(
            promise=promise, written_at=written, author_id=promise.owner_id, status=status,
            text={P.DONE: "Gedaan.", P.ON_TRACK: "Loopt volgens plan.",
                  P.DROPPED: "Gestopt."}[status],
        ))  # fmt: skip

    def meetlat_answers(self) -> list[PrincipleAnswer]:
        """Every principle answered for the final answers' decisions (their keys are known
        once they are written)."""
        return [
            PrincipleAnswer(decision_id=d.pk, principle_id=p.pk, answer="fully",
                            explanation="Het antwoord volgt dit principe helemaal.")
            for d in self.decisions if d.status == DecisionStatus.FINAL for p in self.principles
        ]  # fmt: skip

    def decision(self, advice: Advice, final) -> Decision:
        decision = Decision(
            kind=DecisionKind.ADVICE_RESPONSE, title=f"Antwoord op advies {advice.reference}",
            outcome="De meeste aanbevelingen (deels) overgenomen." if final else "",
            reasons="De gemeente beantwoordt elke aanbeveling apart." if final else "",
            status=DecisionStatus.FINAL if final else DecisionStatus.DRAFT,
            decided_by="Het college" if final else "", decided_on=final.date() if final else None,
            department="Sociaal Domein", meetlat_version_id=self.version.pk,
            financial_accountability="Binnen het budget Sociaal Domein.",
            legal_accountability="Verordening maatschappelijke ondersteuning.",
            resident_input_who="De adviesraad en de organisaties die hij vertegenwoordigt.",
            resident_input_how="Het advies zelf, en een gesprek over het antwoord.",
            resident_input_result="Bij elke aanbeveling staat wat we ermee doen.",
            reflection_due=(final + timedelta(days=365)).date() if final else None,
            finalised_at=final, finalised_by_id=self.coordinator.pk if final else None,
            created_by_id=self.coordinator.pk, created_at=advice.updated_at,
            updated_at=final or advice.updated_at,
        )  # fmt: skip
        self.decisions.append(decision)
        return decision
