"""Shared set-ups for the tests after the grant: a published grant with two payments, an
evaluation written down or decided, an accountability filled in or sent in."""

from datetime import date
from decimal import Decimal

from budget import services
from budget.enums import (
    AccountabilityStatus,
    ApplicationStatus,
    Continuation,
    EvaluationStatus,
)
from budget.models import (
    Accountability,
    Application,
    BudgetLine,
    Evaluation,
    Tranche,
)
from burgerkracht.core.models import OutboxMessage
from burgerkracht.meetlat import services as meetlat_services
from tests.factories import UserFactory, application_in, open_line

S = ApplicationStatus
E = EvaluationStatus
A = AccountabilityStatus
C = Continuation
TWO_PAYMENTS = [
    {"date": "2027-02-01", "amount": "300.00"},
    {"date": "2027-06-01", "amount": "200.00"},
]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# --- Helpers (the view and transition tests use them too) ----------------------------------


def complete_meetlat(decision, by) -> None:
    """The parts of a decision record the services do not fill in themselves."""
    meetlat_services.update_decision(
        decision=decision, by=by, legal_accountability="Subsidieregeling Samen Sterk, artikel 4.",
        resident_input_result="Hun eigen tekens zijn de maatstaf.",
        reflection_due=date(2028, 1, 1),
    )  # fmt: skip
    answers = {
        p.number: ("fully", "Het besluit volgt dit principe helemaal.")
        for p in decision.meetlat_version.principles.all()
    }
    meetlat_services.save_meetlat(decision=decision, by=by, answers=answers)


def grant(
    *, payments=TWO_PAYMENTS, evaluation_dates=("2027-05-01",), allocation="5000.00",
    accountability_due=date(2027, 12, 31),
):  # fmt: skip
    """A published grant of € 500 on a fresh line: (application, holder, facilitator)."""
    line, holder = open_line(allocation=allocation)
    facilitator = UserFactory(role="facilitator")
    application = application_in(S.AWAITING_DECISION, line=line, facilitator=facilitator)
    services.save_decision(
        application=application, by=holder, outcome="granted", reasons="Het past.",
        granted_amount=Decimal("500.00"), alternatives="",
        evaluation_dates=list(evaluation_dates), accountability_due=accountability_due,
        payment_schedule=payments, extra_agreements="",
    )  # fmt: skip
    complete_meetlat(Application.objects.get(pk=application.pk).decision, holder)
    services.publish_decision(application=application, by=holder)
    return Application.objects.get(pk=application.pk), holder, facilitator


def write_down(evaluation, by) -> None:
    """All three steps of the facilitator's notes."""
    services.save_evaluation_record(
        evaluation=evaluation, by=by, step=1,
        data={"meeting": "visit", "held_on": date(2026, 11, 2),
              "present": "Anna (trekker) en twee vrijwilligers", "participants_now": 9},
    )  # fmt: skip
    services.save_evaluation_record(
        evaluation=evaluation, by=by, step=2,
        data={"going_well": "Elke week koffie.", "hard": "Minder vrijwilligers.",
              "own_capacity": "same"},
    )  # fmt: skip
    services.save_evaluation_record(
        evaluation=evaluation, by=by, step=3,
        data={s.pk: f"Gezien bij teken {s.position}." for s in evaluation.application.signs.all()},
    )  # fmt: skip


def recorded(application, holder, facilitator, evaluation=None) -> Evaluation:
    """The (first) evaluation written down, sent on, with a complete decision record."""
    evaluation = evaluation or application.evaluations.order_by("planned_on").first()
    write_down(evaluation, facilitator)
    services.complete_evaluation_record(evaluation=evaluation, by=facilitator)
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    complete_meetlat(evaluation.decision, holder)
    return evaluation


def decided(application, holder, facilitator, outcome, reasons="Wat we zagen.", **fields):
    evaluation = recorded(application, holder, facilitator)
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons=reasons, outcome=outcome, **fields
    )
    services.decide_continuation(evaluation=evaluation, by=holder)
    return Evaluation.objects.get(pk=evaluation.pk)


def figures(line) -> tuple:
    """(committed, released, remaining, paid) of a line, fresh from the database."""
    line = BudgetLine.objects.get(pk=line.pk)
    return line.committed, line.released, line.remaining, line.paid


def tranches(application) -> list[tuple]:
    """(date, amount, state) of every payment of the grant, extra pushes included."""
    awards = [application.award_id, *Evaluation.objects.filter(application=application)
              .exclude(extra_award=None).values_list("extra_award_id", flat=True)]  # fmt: skip
    return [
        (str(t.planned_on), t.amount, t.state)
        for t in Tranche.objects.filter(award_id__in=awards).order_by("planned_on", "pk")
    ]


def pay_first(application, by) -> None:
    first = application.award.tranches.order_by("planned_on").first()
    services.pay_tranche(by=by, tranche=first, paid_on=date(2026, 11, 10))


def mails_to(user) -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.order_by("pk") if user.email in m.to]


D = Decimal


def fill_in(application, *, spent=("250.00", "0.00"), result="yes") -> Accountability:
    """Every step of the accountability, with `spent` per cost line."""
    accountability = Accountability.objects.get(application=application)
    lead = application.initiative.created_by
    signs = {s.pk: result for s in application.signs.all()}
    save = services.save_accountability_step
    save(accountability=accountability, by=lead, step=1, data={
        "result_reached": result, "signs": signs,
        "what_got_in_the_way": "" if result == "yes" else "De zaal ging dicht.",
    })  # fmt: skip
    save(
        accountability=accountability,
        by=lead,
        step=2,
        data={"participants": 11, "activities": 30, "resident_input": "Samen besloten."},
    )
    lines = application.cost_lines.order_by("position")
    save(
        accountability=accountability,
        by=lead,
        step=3,
        data={"spending": {c.pk: (D(s), "") for c, s in zip(lines, spent, strict=True)}},
    )
    save(accountability=accountability, by=lead, step=4,
         data={"story": "We zongen elke week.", "next_step": "independent"})  # fmt: skip
    return Accountability.objects.get(pk=accountability.pk)


def submitted(application, **kwargs) -> Accountability:
    accountability = fill_in(application, **kwargs)
    return services.submit_accountability(
        accountability=accountability, by=application.initiative.created_by
    )
