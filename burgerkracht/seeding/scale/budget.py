"""Scale data of Samen Sterk (`manage.py seed_scale`, see seeding/scale/core.py).

The shape: a fund per year for the last four years (made once through the services, like the
demo's, with a line per wijk and the four other lines; past years closed), beside the demo's
fund. Applications in every status on the initiatives of this run: open ones (draft, sent
in, being checked, waiting for the decision) from the last months, running grants decided
in the last ten months, stopped ones over two years and closed ones over four, rejections
and withdrawals within the two years the purge keeps them (so it leaves this data), each on
the fund of its year and on its wijk's line (a quarter on a city-wide line). They carry
the residents' own result description and signs, cost lines that add up, the facilitator's
checks, a decision record with the Meetlat answered (final once decided), and for a grant an
award, its tranches, interim evaluations and the accountability afterwards
(budget_followup.py beside this module). Encrypted fields are prepared by their model field,
so they are encrypted exactly as a save encrypts them.

The funds and the ledger are in budget_ledger.py beside it: each line's running totals grow by
exactly what was written and no line is ever over-committed. Continuation decisions never
move money here (no extra push in money, no reduction).

Written in bulk: no audit events, no letters or PDFs, no mail, no history rows.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from budget.enums import ApplicationStatus, Outcome
from budget.models import (
    Application,
    Award,
    BudgetLine,
    CostLine,
    ProfessionalAdvice,
    ResultSign,
)
from budget.services.ledger import euro
from burgerkracht.meetlat.enums import DecisionKind, DecisionStatus
from burgerkracht.meetlat.models import Decision, MeetlatVersion, PrincipleAnswer
from burgerkracht.seeding.scale import budget_followup as scale_followup
from burgerkracht.seeding.scale import budget_ledger as scale_ledger
from burgerkracht.seeding.scale.core import (
    YEARS,
    Scale,
    ScaleError,
    explicit_timestamps,
    insert,
    insert_select,
    reserve_ids,
)
from burgerkracht.seeding.scale.initiatives import Row
from initiatives.enums import InitiativeStatus
from initiatives.models import Initiative

S = ApplicationStatus
I = InitiativeStatus  # noqa: E741 (the initiative's statuses, beside S)
STATUSES = {
    S.DRAFT: 6, S.SUBMITTED: 6, S.IN_ASSESSMENT: 6, S.AWAITING_DECISION: 5, S.GRANTED: 20,
    S.PARTLY_GRANTED: 7, S.REJECTED: 14, S.WITHDRAWN: 5, S.STOPPED: 3, S.CLOSED: 28,
}  # fmt: skip
AWARDED = frozenset({S.GRANTED, S.PARTLY_GRANTED, S.STOPPED, S.CLOSED})
DECIDED = AWARDED | {S.REJECTED}
ASSESSED = DECIDED | {S.IN_ASSESSMENT, S.AWAITING_DECISION}
# Days ago: of the decision once decided, of sending in (or starting, for a draft) before.
WHEN = {
    S.DRAFT: (1, 60), S.SUBMITTED: (1, 30), S.IN_ASSESSMENT: (5, 50),
    S.AWAITING_DECISION: (10, 70), S.GRANTED: (10, 300), S.PARTLY_GRANTED: (10, 300),
    S.REJECTED: (5, 700), S.WITHDRAWN: (5, 700),  # the purge takes them at two years
    S.STOPPED: (120, 700), S.CLOSED: (450, YEARS * 365 - 60),
}  # fmt: skip
# Which initiatives an application in a status fits (falling back to any past the intake).
FITS = {
    S.DRAFT: {I.SUBMITTED, I.ACTIVE}, S.SUBMITTED: {I.SUBMITTED, I.ACTIVE},
    S.IN_ASSESSMENT: {I.SUBMITTED, I.ACTIVE}, S.AWAITING_DECISION: {I.SUBMITTED, I.ACTIVE},
    S.GRANTED: {I.ACTIVE, I.PAUSED}, S.PARTLY_GRANTED: {I.ACTIVE, I.PAUSED},
    S.STOPPED: {I.ACTIVE, I.PAUSED, I.ENDED}, S.CLOSED: {I.ENDED, I.ACTIVE, I.PAUSED},
    S.REJECTED: {I.SUBMITTED, I.ACTIVE, I.PAUSED, I.ENDED},
    S.WITHDRAWN: {I.SUBMITTED, I.ACTIVE, I.PAUSED, I.ENDED},
}  # fmt: skip
RESULTS = [
    ("Buren die alleen wonen en weinig mensen zien.",
     "Ze komen elke week samen, koken en eten met elkaar.",
     "Wie alleen woont, eet niet meer alleen en kent de buren."),
    ("Mensen met beginnende dementie en hun familie.",
     "Ze zingen samen en drinken daarna koffie met elkaar.",
     "Ze ontmoeten lotgenoten en komen weer buiten."),
    ("Nieuwe Nederlanders in de wijk.",
     "Ze oefenen Nederlands met buren bij een kop koffie.",
     "Ze durven vaker met buren te praten en vinden de weg."),
]  # fmt: skip
SIGNS = [
    "Tien mensen komen elke week, ook in de winter.",
    "Deelnemers spreken elkaar ook buiten de groep.",
    "Er doen nieuwe buren mee die eerst nooit kwamen.",
]
COSTS = ["Materiaal", "Zaalhuur en koffie", "Vrijwilligers bedanken"]
REASONS_GRANT = "Het past bij het ene criterium, met hun eigen tekens."
REASONS_REJECT = (
    "Het plan is fijn, maar het gaat niet om mensen die nu buiten de gemeenschap vallen."
)


@dataclass(slots=True)
class Plan:
    """One application of this run and everything that hangs on it."""

    app: Application
    initiative: Row
    line: BudgetLine | None
    moment: datetime
    award: Award | None = None
    signs: list[ResultSign] = field(default_factory=list)
    costs: list[CostLine] = field(default_factory=list)


def missing() -> list[str]:
    return [] if BudgetLine.objects.exists() else ["budget lines (the demo fund)"]


def seed(scale: Scale) -> None:
    if not scale.applications:
        if scale.evaluations:
            raise ScaleError("--evaluations needs grants to evaluate: pass --applications too.")
        return
    funds = scale_ledger.funds(scale)
    with scale.step("budget (planning)", counted=False):
        plans = _plans(scale, funds)
        followup = scale_followup.plan(scale, [p for p in plans if p.award is not None])
        decisions = [p.app.decision for p in plans if p.app.decision is not None]
        decisions += followup.decisions
    with explicit_timestamps(Decision, Award, Application, ProfessionalAdvice):
        scale.save(Decision, decisions)
        with scale.step("meetlat.PrincipleAnswer") as rows:
            rows[0] = meetlat_answers([d.pk for d in decisions if d.status == "final"])
        scale.save(Award, [p.award for p in plans if p.award is not None])
        scale.save(Application, [p.app for p in plans])
        scale.save(ResultSign, [s for p in plans for s in p.signs])
        scale.save(CostLine, [c for p in plans for c in p.costs])
        scale.save(ProfessionalAdvice, _advice(scale, plans))
    scale_followup.write(scale, followup)
    with scale.step("budget.BudgetLine (totals)") as rows:
        rows[0] = scale_ledger.totals(scale, plans, followup.paid)


def _initiatives(scale: Scale) -> list[Row]:
    """This run's initiatives past the intake; without them, those already there."""
    rows = [r for r in scale.shared.get("initiatives", []) if r.status != I.DRAFT]
    if rows:
        return rows
    found = Initiative.objects.exclude(status=I.DRAFT).values_list(
        "pk", "title", "status", "created_by", "facilitator", "submitted_at"
    )[: scale.applications]
    return [Row(pk, t, st, None, lead, fac, sub) for pk, t, st, lead, fac, sub in found]


def _pools(scale: Scale) -> dict[str, itertools.cycle]:
    """Per application status, the fitting initiatives in a shuffled endless round."""
    rows = _initiatives(scale)
    if not rows:
        raise ScaleError("No initiative past the intake to apply for: pass --initiatives.")
    pools = {}
    for status, fits in FITS.items():
        assessed = status in ASSESSED
        pool = [r for r in rows if r.status in fits and (r.facilitator_id or not assessed)]
        pool = pool or [r for r in rows if r.facilitator_id or not assessed] or rows
        pools[status] = itertools.cycle(scale.rng.sample(pool, len(pool)))
    return pools


def _plans(scale: Scale, funds) -> list[Plan]:
    rng, pools = scale.rng, _pools(scale)
    holder = scale.user("zeggenschap@example.org")
    fallback = scale.user("facilitator@example.org").pk
    statuses = scale.spread(scale.applications, STATUSES)
    version = MeetlatVersion.current()
    kind = ContentType.objects.get_for_model(Application)
    decision_ids = iter(reserve_ids(Decision, sum(s in ASSESSED - {S.IN_ASSESSMENT}
                                                  for s in statuses)))  # fmt: skip
    awards = iter(reserve_ids(Award, sum(s in AWARDED for s in statuses)))
    plans = []
    for pk, status in zip(reserve_ids(Application, len(statuses)), statuses, strict=True):
        row = next(pools[status])
        moment = scale.moment(*WHEN[status])
        line = scale_ledger.line_for(scale, funds, row, moment)
        requested, granted, outcome = _amounts(scale, status, line)
        who, how, difference = rng.choice(RESULTS)
        decided = moment if status in DECIDED else None
        sent = moment - timedelta(days=rng.uniform(14, 60)) if decided else moment
        created = sent - timedelta(days=rng.uniform(1, 10))
        assessor = row.facilitator_id or fallback
        starts = (decided or sent).date() + timedelta(days=rng.randint(7, 30))
        own = Decimal(rng.choice((0, 0, 25, 50, 100)))
        app = Application(
            pk=pk, initiative_id=row.pk, fund_id=line.fund_id,
            neighbourhood_id=row.neighbourhood_id,
            line_id=None if status in (S.DRAFT, S.SUBMITTED, S.WITHDRAWN) else line.pk,
            residents_in_lead="Twee buren uit de straat en ik.", result_who=who,
            result_how=how, result_difference=difference, goal="Erbij horen en meedoen.",
            means="Een vaste plek, een kop koffie en een beetje geld.",
            expected_participants=rng.randint(6, 40),
            reach="Via de huisarts, het wijkteam en flyers in de portiek.",
            own_contribution=own, requested_amount=requested, starts_on=starts,
            ends_on=starts + timedelta(days=rng.randint(180, 365)),
            evaluation_wishes="Na drie maanden en aan het eind.", status=status,
            status_changed_at=moment, submitted_at=None if status == S.DRAFT else sent,
            created_by_id=row.lead_id, created_at=created, updated_at=moment,
        )  # fmt: skip
        if status == S.WITHDRAWN and scale.chance(0.5):
            app.submitted_at = None
        plan = Plan(app, row, line, moment)
        if status in ASSESSED:
            _assessment(scale, app, assessor, sent, requested if granted is None else granted)
        if status in ASSESSED - {S.IN_ASSESSMENT}:
            app.decision = _decision(
                pk=next(decision_ids), kind=kind, version=version, subject=pk, row=row,
                line=line, by=assessor, created=app.assessed_at, decided=decided,
                holder=holder, outcome=_outcome_text(outcome, granted),
                reasons=REASONS_REJECT if outcome == Outcome.REJECT else REASONS_GRANT,
            )  # fmt: skip
        if decided:
            app.outcome, app.granted_amount = outcome, granted
            app.decided_by_id, app.published_at = holder.pk, decided
            app.accountability_due = app.ends_on + timedelta(days=60)
            app.alternatives = "" if granted else "Probeer het wijkbudget of het Oranje Fonds."
        if status in AWARDED:
            plan.award = Award(
                pk=next(awards), line_id=line.pk, initiative_id=row.pk,
                description=row.title[:250], amount=granted, awarded_by_id=holder.pk,
                created_at=decided, updated_at=decided,
            )  # fmt: skip
            app.award_id = plan.award.pk
        _signs_and_costs(scale, plan, requested + own)
        plans.append(plan)
    signs = [s for p in plans for s in p.signs]
    costs = [c for p in plans for c in p.costs]
    for rows, model in ((signs, ResultSign), (costs, CostLine)):
        for row, pk in zip(rows, reserve_ids(model, len(rows)), strict=True):
            row.pk = pk
    return plans


def _amounts(scale: Scale, status: str, line: BudgetLine):
    """What was asked, what was granted and the outcome; a grant in full never exceeds the
    line's maximum, a partial grant stays below what was asked."""
    requested = Decimal(max(100, min(5000, round(scale.rng.lognormvariate(6.4, 0.6), -1))))
    maximum = line.max_per_application
    outcome = {S.GRANTED: Outcome.GRANT, S.PARTLY_GRANTED: Outcome.PARTLY,
               S.REJECTED: Outcome.REJECT}.get(status)  # fmt: skip
    if status in (S.STOPPED, S.CLOSED):
        outcome = Outcome.PARTLY if scale.chance(0.2) else Outcome.GRANT
    if outcome == Outcome.GRANT and maximum is not None:
        requested = min(requested, maximum)
    if outcome != Outcome.PARTLY:
        return requested, requested if outcome == Outcome.GRANT else None, outcome
    granted = Decimal(round(requested * Decimal(scale.rng.uniform(0.5, 0.9)), -1))
    granted = max(Decimal(50), min(granted, maximum or granted))
    return max(requested, granted + 50), granted, outcome


def _outcome_text(outcome: str | None, granted: Decimal | None) -> str:
    if not outcome:
        return ""
    label = str(Outcome(outcome).label)
    return f"{label}: {euro(granted)}" if granted and outcome != Outcome.REJECT else label


def _assessment(scale: Scale, app: Application, by: int, sent, proposed: Decimal) -> None:
    app.assessed_by_id, app.assessed_at = by, scale.after(sent, 1, 10)
    app.is_complete = app.status != S.IN_ASSESSMENT or scale.chance(0.5)
    app.legal_check = "Geen vergunning nodig; de zaal is verzekerd."
    app.administrative_check = "Hoofdaanvrager en reserve zijn bekend."
    app.financial_check = "De begroting is compleet en de bedragen zijn redelijk."
    app.criterion_reasoning = "In hun eigen woorden, tegen het ene criterium en hun tekens."
    app.proposed_amount = proposed


def _decision(
    *, pk, kind, version, subject, row, line, by, created, decided, holder, outcome, reasons
):
    """The decision record of an application: a draft while waiting, final once decided,
    with the triad filled in (its Meetlat answers follow in `meetlat_answers`)."""
    return Decision(
        pk=pk, subject_type_id=kind.pk, subject_id=str(subject), kind=DecisionKind.GRANT,
        title=f"Samen Sterk-aanvraag: {row.title}"[:250], outcome=outcome,
        reasons=reasons if decided else "",
        status=DecisionStatus.FINAL if decided else DecisionStatus.DRAFT,
        decided_by=holder.full_name if decided else "",
        decided_on=decided.date() if decided else None, department=line.name,
        meetlat_version_id=version.pk,
        financial_accountability="De begroting is compleet en de bedragen zijn redelijk.",
        legal_accountability="Geen vergunning nodig; de zaal is verzekerd.",
        resident_input_who="Twee buren uit de straat en ik.",
        resident_input_how="De bewoners schreven de resultaatbeschrijving zelf.",
        resident_input_result="Hun eigen tekens zijn de maatstaf bij de evaluaties.",
        reflection_due=(decided + timedelta(days=365)).date() if decided else None,
        finalised_at=decided, finalised_by_id=holder.pk if decided else None,
        created_by_id=by, created_at=created, updated_at=decided or created,
    )  # fmt: skip


def meetlat_answers(decision_ids: list[int]) -> int:
    """Every principle answered for final decisions ("partly", explained, for principle 3,
    as in the demo); on PostgreSQL one INSERT … SELECT."""
    version = MeetlatVersion.current()
    why = "De bewoners waren er bij de aanvraag bij, niet bij het besluit."
    fully = "Het besluit volgt dit principe helemaal."
    if connection.vendor == "postgresql" and decision_ids:
        table, principles = PrincipleAnswer._meta.db_table, version.principles.model._meta.db_table
        return insert_select(
            f"INSERT INTO {table} (decision_id, principle_id, answer, explanation) "  # noqa: S608
            f"SELECT d, p.id, CASE WHEN p.number = 3 THEN 'partly' ELSE 'fully' END, "
            f"CASE WHEN p.number = 3 THEN %s ELSE %s END "
            f"FROM unnest(%s::bigint[]) AS d CROSS JOIN {principles} AS p WHERE p.version_id = %s",
            [why, fully, decision_ids, version.pk],
        )
    answers = [
        PrincipleAnswer(decision_id=d, principle_id=p.pk, answer="partly" if p.number == 3
                        else "fully", explanation=why if p.number == 3 else fully)
        for d in decision_ids for p in version.principles.all()
    ]  # fmt: skip
    return insert(PrincipleAnswer, answers)


def _signs_and_costs(scale: Scale, plan: Plan, total: Decimal) -> None:
    """One to three signs; two or three cost lines adding up to what is asked plus the
    residents' own contribution."""
    for position in range(1, scale.rng.randint(1, 3) + 1):
        plan.signs.append(
            ResultSign(application_id=plan.app.pk, position=position, text=SIGNS[position - 1])
        )
    parts = scale.rng.randint(2, 3)
    first = (total * Decimal(scale.rng.uniform(0.4, 0.7))).quantize(Decimal(1))
    amounts = [first, total - first] if parts == 2 else [first, (total - first) / 2]
    if parts == 3:
        amounts.append(total - sum(amounts))
    for position, amount in enumerate(amounts, start=1):
        plan.costs.append(CostLine(application_id=plan.app.pk, position=position,
                                   description=COSTS[position - 1], amount=amount))  # fmt: skip


def _advice(scale: Scale, plans: list[Plan]) -> list[ProfessionalAdvice]:
    """The professional's advice on some applications being checked; half of it given."""
    professional = scale.user("professional@example.org")
    advice = []
    for p in plans:
        if p.app.status == S.IN_ASSESSMENT and scale.chance(0.3):
            given = scale.after(p.app.assessed_at, 1, 14) if scale.chance(0.5) else None
            advice.append(ProfessionalAdvice(
                application_id=p.app.pk, professional_id=professional.pk,
                question="Bereikt dit plan de mensen die nu buiten de boot vallen?",
                requested_by_id=p.app.assessed_by_id, requested_at=p.app.assessed_at,
                text="Ja: wij kennen deze buren en verwijzen mensen graag." if given else "",
                given_at=given,
            ))  # fmt: skip
    return advice
