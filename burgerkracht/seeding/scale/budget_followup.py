"""Scale data after a grant (`manage.py seed_scale`; the applications are in budget.py beside it).

The shape: the `--evaluations` interim evaluations are shared out over this run's grants
(evenly, so about four per grant at the full size), on dates spread over each grant's
period. Evaluations of closed grants are all decided; a stopped grant has decided ones, the
one that stopped it and cancelled ones after it. A running grant's evaluations more than a
month past are decided (some written down and waiting for the decision); those of the last
month are a mix of planned-but-overdue, written down and decided; future ones are planned,
the next month's half of them with a visit planned. So the reminder sweep finds evaluations
due soon, visits to plan and evaluations overdue. Written-down evaluations have a draft
continuation decision, decided ones a final one with the Meetlat answered.

Each grant is paid in two tranches, as the decision's payment schedule says: the first at
the start, the second waits for the last evaluation before it (released when that one is
decided, withheld when it stopped the grant). The accountability afterwards is open for
running grants (sent in, or more asked, for some whose date has passed), open or sent in for
stopped ones, and settled for closed ones: each closed award is settled at what was paid,
the rest goes back to its line, exactly as `settle_accountability` does without reclaiming.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType

from budget.enums import (
    AccountabilityStatus,
    ApplicationStatus,
    Capacity,
    Continuation,
    EvaluationStatus,
    MeetingKind,
    NextStep,
    Reached,
)
from budget.models import Accountability, Evaluation, SignResult, Spending, Tranche
from burgerkracht.meetlat.enums import DecisionKind, DecisionStatus
from burgerkracht.meetlat.models import Decision, MeetlatVersion
from burgerkracht.seeding.scale.core import Scale, at, explicit_timestamps, reserve_ids

if TYPE_CHECKING:
    from burgerkracht.seeding.scale.budget import Plan

S, E, A = ApplicationStatus, EvaluationStatus, AccountabilityStatus
CENT = Decimal("0.01")
STOP_TO_ACCOUNT = timedelta(days=42)
STORIES = {
    Reached.YES: "Elke week kwamen er meer buren. Nu helpen ze elkaar ook met boodschappen.",
    Reached.PARTLY: "Het loopt, maar er kwamen minder mensen dan we hoopten.",
    Reached.NO: "Het lukte niet genoeg mensen te vinden; we leerden hoe het beter kan.",
}


@dataclass
class Followup:
    """Everything after the grants of one run, ready to insert."""

    decisions: list[Decision] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    visitors: list = field(default_factory=list)
    tranches: list[Tranche] = field(default_factory=list)
    accountabilities: list[Accountability] = field(default_factory=list)
    sign_results: list[SignResult] = field(default_factory=list)
    spending: list[Spending] = field(default_factory=list)
    paid: dict[int, Decimal] = field(default_factory=dict)


def plan(scale: Scale, grants: list[Plan]) -> Followup:
    """Share the evaluations out over the grants and plan everything after each grant."""
    followup = Followup()
    order = scale.rng.sample(grants, len(grants))
    each, extra = divmod(scale.evaluations, len(order)) if order else (0, 0)
    ids = iter(reserve_ids(Evaluation, scale.evaluations))
    accounts = iter(reserve_ids(Accountability, len(order)))
    through = Evaluation.visitors.through
    for i, grant in enumerate(order):
        evaluations = _evaluations(scale, grant, each + (i < extra), ids)
        followup.evaluations += evaluations
        visitor = grant.initiative.facilitator_id or grant.app.assessed_by_id
        followup.visitors += [
            through(evaluation_id=e.pk, user_id=visitor) for e in evaluations if e.visit_on
        ]
        stopped = next((e for e in evaluations if e.outcome == Continuation.STOP), None)
        if stopped is not None and grant.app.status == S.STOPPED:
            grant.app.status_changed_at = grant.app.updated_at = stopped.decided_at
        paid = _tranches(scale, followup, grant, evaluations, stopped)
        _accountability(scale, followup, grant, next(accounts), stopped, paid)
    _decisions(scale, followup, {g.app.pk: g for g in grants})
    return followup


def write(scale: Scale, followup: Followup) -> None:
    with explicit_timestamps(Evaluation, Tranche, Accountability):
        scale.save(Evaluation, followup.evaluations)
        scale.save(Evaluation.visitors.through, followup.visitors)
        scale.save(Tranche, followup.tranches)
        scale.save(Accountability, followup.accountabilities)
        scale.save(SignResult, followup.sign_results)
        scale.save(Spending, followup.spending)


# --- evaluations ----------------------------------------------------------------------------


def _evaluations(scale: Scale, grant: Plan, k: int, ids) -> list[Evaluation]:
    """`k` evaluations over the grant's period, each in the state its date and the grant's
    status make plausible."""
    app, rng, today = grant.app, scale.rng, scale.today
    span = (app.ends_on - app.starts_on).days
    days = sorted(
        app.starts_on + timedelta(days=round(span * (j + 1) / (k + 1) + rng.uniform(-5, 5)))
        for j in range(k)
    )
    evaluations = [
        Evaluation(pk=next(ids), application_id=app.pk, planned_on=day, created_at=grant.moment,
                   updated_at=grant.moment)
        for day in days
    ]  # fmt: skip
    stop = None
    if evaluations and (app.status == S.STOPPED or (app.status == S.CLOSED and scale.chance(0.15))):
        past = [i for i, e in enumerate(evaluations) if e.planned_on < today]
        stop = past[-1] if app.status == S.STOPPED and past else rng.randrange(len(past) or 1)
        evaluations[stop].planned_on = min(evaluations[stop].planned_on, today - timedelta(days=1))
    app.evaluation_dates = sorted({e.planned_on.isoformat() for e in evaluations})
    for i, evaluation in enumerate(evaluations):
        age = (today - evaluation.planned_on).days
        if stop is not None and i > stop:
            evaluation.status = E.CANCELLED
            evaluation.updated_at = evaluations[stop].decided_at
        elif stop is not None or app.status == S.CLOSED:
            _decide(scale, grant, evaluation, Continuation.STOP if i == stop else None)
        elif age < 0:
            if age > -30 and scale.chance(0.5):
                visit = evaluation.planned_on - timedelta(days=rng.randint(0, 3))
                evaluation.visit_on = max(visit, today)
        else:
            state = rng.choices(("planned", "recorded", "decided"), (4, 3, 3) if age < 30 else
                                (0, 1, 9))[0]  # fmt: skip
            if state == "recorded":
                _record(scale, grant, evaluation)
            elif state == "decided":
                _decide(scale, grant, evaluation, None)
    return evaluations


def _record(scale: Scale, grant: Plan, evaluation: Evaluation) -> None:
    rng, today = scale.rng, scale.today
    evaluation.status = E.RECORDED
    evaluation.meeting = rng.choices((MeetingKind.VISIT, MeetingKind.CONVERSATION), (7, 3))[0]
    evaluation.held_on = min(evaluation.planned_on + timedelta(days=rng.randint(0, 5)), today)
    if evaluation.meeting == MeetingKind.VISIT:
        evaluation.visit_on = evaluation.held_on
    evaluation.present = "De hoofdaanvrager, twee vrijwilligers en zes deelnemers."
    evaluation.participants_now = rng.randint(3, 40)
    evaluation.going_well = "Mensen komen graag en nemen buren mee."
    evaluation.hard = "Er zijn weinig vrijwilligers voor de zaterdag."
    evaluation.own_capacity = rng.choice(Capacity.values)
    evaluation.recorded_by_id = grant.initiative.facilitator_id or grant.app.assessed_by_id
    evaluation.recorded_at = min(scale.now, at(evaluation.held_on, 16))
    if scale.chance(0.6):
        evaluation.resident_view = "Het gaat goed; we willen graag vaker open."
        evaluation.resident_view_by_id = grant.initiative.lead_id
    evaluation.updated_at = evaluation.recorded_at


def _decide(scale: Scale, grant: Plan, evaluation: Evaluation, outcome: str | None) -> None:
    _record(scale, grant, evaluation)
    evaluation.status = E.DECIDED
    evaluation.outcome = (
        outcome
        or scale.rng.choices(
            (Continuation.CONTINUE, Continuation.LESS_SUPPORT, Continuation.ADJUST), (8, 1, 1)
        )[0]
    )
    if evaluation.outcome in (Continuation.LESS_SUPPORT, Continuation.ADJUST):
        evaluation.new_agreements = "Het opbouwwerk komt eens per maand in plaats van elke week."
    evaluation.decided_by_id = grant.app.decided_by_id
    evaluation.decided_at = scale.after(evaluation.recorded_at, 2, 14)
    evaluation.updated_at = evaluation.decided_at


def _decisions(scale: Scale, followup: Followup, grants: dict[int, Plan]) -> None:
    """A draft continuation decision for every written-down evaluation, a final one for
    every decided evaluation (its Meetlat answers follow with the others)."""
    version = MeetlatVersion.current()
    kind = ContentType.objects.get_for_model(Evaluation)
    needed = [e for e in followup.evaluations if e.status in (E.RECORDED, E.DECIDED)]
    for pk, e in zip(reserve_ids(Decision, len(needed)), needed, strict=True):
        grant, final = grants[e.application_id], e.status == E.DECIDED
        e.decision_id = pk
        followup.decisions.append(Decision(
            pk=pk, subject_type_id=kind.pk, subject_id=str(e.pk), kind=DecisionKind.CONTINUATION,
            title=f"Vervolg na de evaluatie van {e.planned_on:%d-%m-%Y}: "
            f"{grant.initiative.title}"[:250],
            outcome=str(Continuation(e.outcome).label) if final else "",
            reasons="Wat we zagen past bij hun eigen tekens; zo gaan we verder." if final else "",
            status=DecisionStatus.FINAL if final else DecisionStatus.DRAFT,
            decided_by=scale.user("zeggenschap@example.org").full_name if final else "",
            decided_on=e.decided_at.date() if final else None, department=grant.line.name,
            meetlat_version_id=version.pk,
            financial_accountability=f"Toegekend op {grant.line.name}.",
            legal_accountability="De afspraken van de toekenningsbrief gelden.",
            resident_input_who=e.present, resident_input_how=e.resident_view
            or "De bewoners waren bij het bezoek.",
            resident_input_result="Hun eigen tekens zijn de maatstaf.",
            reflection_due=(e.decided_at + timedelta(days=365)).date() if final else None,
            finalised_at=e.decided_at if final else None,
            finalised_by_id=e.decided_by_id if final else None,
            created_by_id=e.recorded_by_id, created_at=e.recorded_at,
            updated_at=e.decided_at or e.recorded_at,
        ))  # fmt: skip


# --- money and the accountability -----------------------------------------------------------


def _tranches(scale: Scale, followup: Followup, grant: Plan, evaluations, stopped) -> Decimal:
    """Two tranches as in the payment schedule; the second waits for the last evaluation
    before its date. A stop withholds whatever was not paid by then. Returns what was paid."""
    app, award, today = grant.app, grant.award, scale.today
    half = (award.amount / 2).quantize(CENT)
    second_on = app.starts_on + (app.ends_on - app.starts_on) / 2
    app.payment_schedule = [
        {"date": app.starts_on.isoformat(), "amount": str(half)},
        {"date": second_on.isoformat(), "amount": str(award.amount - half)},
    ]
    gate = next((e for e in reversed(evaluations) if e.planned_on <= second_on), None)
    stop_at = stopped.decided_at if stopped else None
    paid = Decimal(0)
    for planned_on, amount, waits in ((app.starts_on, half, None),
                                      (second_on, award.amount - half, gate)):  # fmt: skip
        t = Tranche(award_id=award.pk, planned_on=planned_on, amount=amount,
                    after_evaluation_id=waits.pk if waits else None,
                    created_at=grant.moment, updated_at=grant.moment)  # fmt: skip
        if waits is None:
            t.released_at = grant.moment
        elif waits.status == E.DECIDED and waits.outcome != Continuation.STOP:
            t.released_at = waits.decided_at
        pay_on = max(planned_on, t.released_at.date()) if t.released_at else None
        if pay_on and pay_on <= today and (stop_at is None or pay_on <= stop_at.date()):
            t.paid_on, paid = pay_on, paid + amount
        elif stop_at is not None:
            t.released_at, t.withheld_at = None, stop_at
        t.updated_at = t.withheld_at or t.released_at or t.created_at
        followup.tranches.append(t)
    followup.paid[award.line_id] = followup.paid.get(award.line_id, Decimal(0)) + paid
    return paid


def _accountability(scale: Scale, followup: Followup, grant: Plan, pk: int, stopped,
                    paid: Decimal) -> None:  # fmt: skip
    """Open while the grant runs; sent in (or more asked) for some past their date; settled
    for a closed grant, its award settled at what was paid (`settle_accountability`)."""
    app, award, rng, today = grant.app, grant.award, scale.rng, scale.today
    due = app.accountability_due
    if stopped is not None:
        due = min(due, stopped.decided_at.date() + STOP_TO_ACCOUNT)
    status = A.OPEN
    if app.status == S.CLOSED:
        status = A.SETTLED
    elif app.status == S.STOPPED:
        status = rng.choice((A.OPEN, A.SUBMITTED))
    elif due < today:
        status = rng.choices((A.OPEN, A.SUBMITTED, A.MORE_ASKED), (4, 4, 2))[0]
    account = Accountability(pk=pk, application_id=app.pk, due_on=due, status=status,
                             created_at=grant.moment, updated_at=grant.moment)  # fmt: skip
    followup.accountabilities.append(account)
    if status == A.OPEN:
        return
    reached = rng.choices(Reached.values, (55, 30, 15))[0]
    submitted = min(scale.now, at(due) - timedelta(days=rng.uniform(0, 30)))
    account.result_reached = reached
    account.what_got_in_the_way = "" if reached == Reached.YES else "Te weinig deelnemers."
    account.participants, account.activities = rng.randint(3, 40), rng.randint(4, 40)
    account.resident_input = "De bewoners bedachten en deden alles zelf."
    account.story, account.story_public = STORIES[reached], scale.chance(0.5)
    account.lessons = "Begin klein en vraag de buren persoonlijk."
    account.next_step = rng.choice(NextStep.values)
    account.submitted_at, account.submitted_by_id = submitted, grant.initiative.lead_id
    account.updated_at = submitted
    if status == A.MORE_ASKED:
        account.question = "Wil je de bonnetjes van de zaalhuur nog sturen?"
    followup.sign_results += [
        SignResult(accountability_id=pk, sign_id=sign.pk, reached=reached) for sign in grant.signs
    ]
    spent = (paid * Decimal(rng.uniform(0.85, 1))).quantize(CENT)
    total, left = sum(c.amount for c in grant.costs), spent
    for i, cost in enumerate(grant.costs):
        part = left if i == len(grant.costs) - 1 else (spent * cost.amount / total).quantize(CENT)
        part, left = min(part, left), left - min(part, left)
        followup.spending.append(Spending(accountability_id=pk, cost_line_id=cost.pk, spent=part))
    if status == A.SETTLED:
        settled = scale.after(submitted, 5, 30)
        account.spent, account.settled_at = min(spent, award.amount), settled
        account.settled_by_id = app.assessed_by_id
        account.settle_note = "Dank jullie wel."
        account.updated_at = app.status_changed_at = app.updated_at = settled
        award.settled_at, award.updated_at = settled, settled
        award.released_amount = award.amount - paid
