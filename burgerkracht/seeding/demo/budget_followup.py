"""Demo grants at every stage after the decision, all through the services: a visit planned,
notes waiting for a decision, each continuation outcome, an accountability waiting for a
check, one that reached its result and one that did not (failure is allowed)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from budget import services
from budget.enums import ApplicationStatus, Continuation
from budget.models import Application, Evaluation, Fund
from burgerkracht.accounts.models import User
from burgerkracht.meetlat import services as meetlat_services
from burgerkracht.seeding.demo.budget_applications import _apply
from initiatives.models import Initiative

S = ApplicationStatus
C = Continuation

# (title, line, amount, what happens after the grant)
GRANTS = [
    ("Taalcafé voor nieuwkomers", "Smeerolie Waterwijk", "800", ("decide", C.EXTRA_PUSH)),
    ("Repaircafé Filmwijk", "Smeerolie Filmwijk", "600", ("decide", C.FEWER_MEANS)),
    ("Buurtmoestuin Muziekwijk", "Smeerolie Muziekwijk", "700", ("decide", C.LESS_SUPPORT)),
    ("Computerhulp voor ouderen", "Kwetsbare ouderen", "900", ("decide", C.ADJUST)),
    ("Zwemgroep voor vrouwen", "Incidenteel / outreach", "800", ("settle", "no")),
    ("Burenhulp Kruidenwijk", "Smeerolie Kruidenwijk", "500", ("settle", "yes")),
    ("Kookclub Centrum", "Smeerolie Centrum", "400", ("submitted", "partly")),
    ("Voorleesochtend Stedenwijk", "Smeerolie Stedenwijk", "300", ("recorded", None)),
    ("Fietsles voor nieuwkomers", "Stedelijk", "750", ("decide", C.STOP)),
]
OUTCOME_TEXT = {
    C.CONTINUE: ("", None, None),
    C.EXTRA_PUSH: ("Ook op zaterdag open; de vrijwilligers krijgen een training.", "300", None),
    C.FEWER_MEANS: ("", None, "100"),
    C.LESS_SUPPORT: (
        "Het opbouwwerk komt nog eens per maand in plaats van elke week.",
        None,
        "100",
    ),
    C.ADJUST: ("De lessen gaan naar de bibliotheek; de evaluatie in september blijft.", None, None),
    C.STOP: ("", None, None),
}


def seed() -> None:
    fund = Fund.objects.get(name="Samen Sterk 2027")
    if Evaluation.objects.exclude(status="planned").exists():
        return
    facilitator = User.objects.get(email="facilitator@example.org")
    holder = User.objects.get(email="zeggenschap@example.org")
    professional = User.objects.get(email="professional@example.org")
    choir = Application.objects.get(fund=fund, initiative__title__startswith="Koor voor")
    first, second = choir.evaluations.order_by("planned_on")
    _evaluate(first, facilitator, holder, C.CONTINUE)
    services.plan_visit(
        evaluation=second, by=facilitator, visit_on=date(2027, 8, 28),
        visitors=[facilitator, professional],
    )  # fmt: skip
    for title, line, amount, (stage, detail) in GRANTS:
        application = _grant(fund, facilitator, holder, professional, title, line, amount)
        first = application.evaluations.order_by("planned_on").first()
        if stage == "recorded":
            _record(first, facilitator)
        elif stage == "decide":
            _evaluate(first, facilitator, holder, detail)
        else:
            stop = detail == "no"
            _evaluate(first, facilitator, holder, C.STOP if stop else C.CONTINUE)
            _account(Application.objects.get(pk=application.pk), facilitator, detail, stage)


def _grant(fund, facilitator, holder, professional, title, line, amount) -> Application:
    result = (
        "Buurtbewoners die nu weinig mensen zien.",
        "Ze komen elke week samen en doen het zelf.",
        "Ze kennen elkaar en helpen elkaar.",
    )
    decision = ("granted", amount, "Het past bij het ene criterium, met hun eigen tekens.", "")
    _apply(
        fund, facilitator, holder, professional, title, line, S.GRANTED, amount, result,
        ["Tien mensen komen elke week.", "Ze spreken elkaar ook buiten de groep."],
        "Erbij horen en meedoen.", "Een vaste plek en een kop koffie.", decision,
    )  # fmt: skip
    application = Application.objects.get(fund=fund, initiative__title=title)
    # A second facilitator for every grant (BR-36: several officials per initiative).
    Initiative.objects.filter(pk=application.initiative_id).update(
        backup_facilitator=User.objects.get(email="facilitator2@example.org")
    )
    return application


def _record(evaluation: Evaluation, facilitator) -> Evaluation:
    # An evaluation that is done was held in the past: a grant's plan can put it months
    # ahead (1 May 2027), and the demo then showed it done on a date still to come. Such an
    # evaluation was planned, and held, a few weeks ago.
    held_on = min(evaluation.planned_on, timezone.localdate() - timedelta(days=21))
    if evaluation.planned_on != held_on:
        Evaluation.objects.filter(pk=evaluation.pk).update(planned_on=held_on)
        evaluation.planned_on = held_on
    services.plan_visit(
        evaluation=evaluation, by=facilitator, visit_on=held_on, visitors=[facilitator],
    )  # fmt: skip
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=1,
        data={"meeting": "visit", "held_on": held_on,
              "present": "De hoofdaanvrager, twee vrijwilligers en zes deelnemers.",
              "participants_now": 9},
    )  # fmt: skip
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=2,
        data={"going_well": "Mensen komen graag en nemen buren mee.",
              "hard": "Er zijn weinig vrijwilligers voor de zaterdag.", "own_capacity": "higher"},
    )  # fmt: skip
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=3,
        data={sign.pk: "We zagen het zelf tijdens het bezoek."
              for sign in evaluation.application.signs.all()},
    )  # fmt: skip
    services.save_resident_view(
        evaluation=evaluation, by=evaluation.application.initiative.created_by,
        text="Het gaat goed; we willen graag vaker open.",
    )  # fmt: skip
    return services.complete_evaluation_record(evaluation=evaluation, by=facilitator)


def _evaluate(evaluation: Evaluation, facilitator, holder, outcome: str) -> None:
    evaluation = _record(evaluation, facilitator)
    agreements, extra, less = OUTCOME_TEXT[outcome]
    reasons = {
        C.STOP: "Er kwamen bijna geen deelnemers meer en de groep wil zelf stoppen. Dat mag: "
        "wat er gebeurde heeft waarde.",
    }.get(outcome, "Wat we zagen past bij hun eigen tekens; zo gaan we verder.")
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons=reasons, outcome=outcome,
        extra_amount=Decimal(extra) if extra else None,
        reduce_by=Decimal(less) if less else None, new_agreements=agreements,
        cost_line=_support(evaluation.application) if outcome == C.LESS_SUPPORT else None,
    )  # fmt: skip
    decision = Evaluation.objects.get(pk=evaluation.pk).decision
    meetlat_services.update_decision(
        decision=decision, by=holder, resident_input_result="Hun eigen tekens zijn de maatstaf.",
        reflection_due=date(2028, 3, 1),
    )  # fmt: skip
    meetlat_services.save_meetlat(
        decision=decision, by=holder,
        answers={
            p.number: ("fully", "Het besluit volgt dit principe helemaal.")
            for p in decision.meetlat_version.principles.all()
        },
    )  # fmt: skip
    services.decide_continuation(evaluation=evaluation, by=holder, reason="Demo")


def _account(application: Application, facilitator, reached: str, stage: str) -> None:
    accountability = application.accountability
    lead = application.initiative.created_by
    signs = {sign.pk: reached for sign in application.signs.all()}
    story = {
        "yes": "Elke week kwamen er meer buren. Nu helpen ze elkaar ook met boodschappen.",
        "no": "Het lukte niet om genoeg vrouwen te vinden. We hebben wel geleerd hoe het beter "
        "kan: eerst samen met het wijkteam mensen uitnodigen.",
        "partly": "De kookclub loopt, maar minder mensen dan we hoopten.",
    }[reached]
    steps = {
        1: {"result_reached": reached, "signs": signs,
            "what_got_in_the_way": "" if reached == "yes" else "Te weinig deelnemers."},
        2: {"participants": 14 if reached == "yes" else 4, "activities": 30,
            "resident_input": "De bewoners bedachten en deden alles zelf."},
        3: {"spending": {line.pk: (line.amount if reached == "yes" else Decimal("100"), "")
                         for line in application.cost_lines.all()}},
        4: {"story": story, "story_public": reached == "yes",
            "lessons": "Begin klein en vraag de buren persoonlijk.",
            "next_step": "independent" if reached == "yes" else "stop"},
    }  # fmt: skip
    for step, data in steps.items():
        services.save_accountability_step(
            accountability=accountability, by=lead, step=step, data=data
        )
    services.submit_accountability(accountability=accountability, by=lead)
    if stage == "settle":
        services.settle_accountability(
            accountability=accountability, by=facilitator, note="Dank jullie wel."
        )


def _support(application):
    """The cost line that is the professional support: the demo calls it Begeleiding."""
    lines = application.cost_lines.order_by("-amount")
    return lines.filter(description="Begeleiding").first() or lines.first()
