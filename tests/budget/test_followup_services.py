"""What happens after a grant, through the services: the evaluations, the accountability and
the payments planned at publication; the visit, the facilitator's notes and the residents'
view; each continuation outcome and what it does to the ledger, figure by figure; and the
accountability afterwards with its settlement."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from budget import attachments, services
from budget.enums import (
    AccountabilityStatus,
    ApplicationStatus,
    Continuation,
    EvaluationStatus,
)
from budget.models import (
    Accountability,
    Application,
    Award,
    BudgetLine,
    Evaluation,
    SignObservation,
    Tranche,
)
from budget.services.accountability import accountability_missing, settlement
from budget.services.application import store_upload
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, OutboxMessage
from burgerkracht.meetlat import services as meetlat_services
from burgerkracht.meetlat.enums import DecisionKind, DecisionStatus
from tests.factories import UserFactory, application_in, open_line

pytestmark = pytest.mark.django_db

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
    answers = {p.number: ("fully", "") for p in decision.meetlat_version.principles.all()}
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


# --- Publication plans what follows -------------------------------------------------------


def test_publishing_plans_the_evaluations_the_accountability_and_the_payments():
    application, _holder, _facilitator = grant(
        evaluation_dates=["2027-09-01", "2027-05-01"],
        payments=[{"date": "2027-02-01", "amount": "200.00"},
                  {"date": "2027-05-01", "amount": "100.00"},
                  {"date": "2027-10-01", "amount": "200.00"}],
    )  # fmt: skip

    evaluations = list(application.evaluations.order_by("planned_on"))
    assert [(str(e.planned_on), e.status) for e in evaluations] == [
        ("2027-05-01", E.PLANNED), ("2027-09-01", E.PLANNED),
    ]  # fmt: skip
    accountability = Accountability.objects.get(application=application)
    assert (accountability.due_on, accountability.status) == (date(2027, 12, 31), A.OPEN)
    planned = list(application.award.tranches.order_by("planned_on"))
    assert [(str(t.planned_on), t.amount, t.after_evaluation_id, t.state) for t in planned] == [
        ("2027-02-01", D("200.00"), None, "released"),
        ("2027-05-01", D("100.00"), evaluations[0].pk, "waiting"),
        ("2027-10-01", D("200.00"), evaluations[1].pk, "waiting"),
    ]
    assert figures(application.line) == (D("500.00"), D("0.00"), D("4500.00"), D("0.00"))


def test_a_waiting_payment_cannot_be_paid_and_a_released_one_can():
    application, holder, _facilitator = grant()
    first, second = application.award.tranches.order_by("planned_on")

    with pytest.raises(DomainError):
        services.pay_tranche(by=holder, tranche=second, paid_on=date(2026, 11, 10))
    assert Tranche.objects.get(pk=second.pk).paid_on is None
    assert figures(application.line)[3] == D("0.00")

    services.pay_tranche(by=holder, tranche=first, paid_on=date(2026, 11, 10))
    assert Tranche.objects.get(pk=first.pk).paid_on == date(2026, 11, 10)
    assert figures(application.line) == (D("500.00"), D("0.00"), D("4500.00"), D("300.00"))
    with pytest.raises(DomainError):  # paid once
        services.pay_tranche(by=holder, tranche=first, paid_on=date(2026, 11, 11))
    assert figures(application.line)[3] == D("300.00")


def test_amending_the_dates_moves_the_planned_evaluations_and_the_accountability():
    line, holder = open_line(allocation="5000.00")
    application = application_in(S.GRANTED, line=line)  # one payment, before the evaluation
    old = application.evaluations.get()

    services.amend_decision(
        application=application, by=holder, reason="De zaal is later vrij.",
        evaluation_dates=["2027-06-01", "2027-10-01"], accountability_due=date(2028, 1, 31),
    )  # fmt: skip

    assert [(str(e.planned_on), e.status) for e in application.evaluations.order_by("pk")] == [
        ("2027-05-01", E.CANCELLED), ("2027-06-01", E.PLANNED), ("2027-10-01", E.PLANNED),
    ]  # fmt: skip
    cancelled = AuditEvent.objects.for_subject(old).get(action="evaluation.status")
    assert (cancelled.reason, cancelled.data) == (
        "De zaal is later vrij.", {"from": "planned", "to": "cancelled"},
    )  # fmt: skip
    assert Accountability.objects.get(application=application).due_on == date(2028, 1, 31)


def test_amending_keeps_an_evaluation_a_payment_waits_for_and_one_already_written_down():
    application, holder, facilitator = grant(evaluation_dates=["2027-05-01", "2027-09-01"])
    may, september = application.evaluations.order_by("planned_on")
    write_down(september, facilitator)
    services.complete_evaluation_record(evaluation=september, by=facilitator)

    services.amend_decision(
        application=application, by=holder, reason="Andere data.",
        evaluation_dates=["2027-07-01"],
    )  # fmt: skip

    assert [(str(e.planned_on), e.status) for e in application.evaluations.order_by("pk")] == [
        ("2027-05-01", E.PLANNED),  # the June payment waits for it
        ("2027-09-01", E.RECORDED),
        ("2027-07-01", E.PLANNED),
    ]
    assert Tranche.objects.get(planned_on=date(2027, 6, 1)).after_evaluation_id == may.pk


# --- The visit, the notes and the residents' view -----------------------------------------


def test_planning_the_visit_needs_someone_who_goes_and_tells_the_residents():
    application, _holder, facilitator = grant()
    evaluation = application.evaluations.get()
    lead = application.initiative.created_by
    colleague = UserFactory(role="facilitator")

    with pytest.raises(DomainError):
        services.plan_visit(
            evaluation=evaluation, by=facilitator, visit_on=date(2027, 4, 20), visitors=[]
        )
    assert Evaluation.objects.get(pk=evaluation.pk).visit_on is None
    before = len(mails_to(lead))

    services.plan_visit(
        evaluation=evaluation, by=facilitator, visit_on=date(2027, 4, 20),
        visitors=[facilitator, colleague],
    )  # fmt: skip

    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert stored.visit_on == date(2027, 4, 20)
    assert set(stored.visitors.all()) == {facilitator, colleague}
    assert stored.status == E.PLANNED
    assert len(mails_to(lead)) == before + 1
    event = AuditEvent.objects.for_subject(evaluation).get(action="evaluation.visit_planned")
    assert event.data == {"visit_on": "2027-04-20", "visitors": [facilitator.pk, colleague.pk]}


def test_the_notes_are_saved_per_step_and_per_sign_and_nothing_is_lost():
    application, _holder, facilitator = grant()
    evaluation = application.evaluations.get()
    first, second = application.signs.order_by("position")

    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=1,
        data={"meeting": "conversation", "held_on": date(2026, 11, 2), "present": "Anna",
              "participants_now": 7},
    )  # fmt: skip
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=2, data={"going_well": "De koffie."}
    )
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=3, data={first.pk: "  Tien mensen.  "}
    )

    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.meeting, stored.held_on, stored.present, stored.participants_now) == (
        "conversation", date(2026, 11, 2), "Anna", 7,
    )  # fmt: skip
    assert (stored.going_well, stored.hard, stored.own_capacity) == ("De koffie.", "", "")
    assert [(o.sign_id, o.seen) for o in stored.observations.all()] == [(first.pk, "Tien mensen.")]

    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=3, data={first.pk: "", second.pk: "Ja."}
    )
    assert [(o.sign_id, o.seen) for o in SignObservation.objects.filter(evaluation=evaluation)] == [
        (second.pk, "Ja.")
    ]
    assert AuditEvent.objects.for_subject(evaluation).filter(action="evaluation.saved").count() == 4


def test_the_notes_refuse_fields_of_another_step_and_signs_of_another_application():
    application, _holder, facilitator = grant()
    other, _h, _f = grant()
    evaluation = application.evaluations.get()
    with pytest.raises(ValueError):
        services.save_evaluation_record(
            evaluation=evaluation, by=facilitator, step=1, data={"hard": "x"}
        )
    with pytest.raises(ValueError):
        services.save_evaluation_record(
            evaluation=evaluation, by=facilitator, step=3, data={other.signs.first().pk: "x"}
        )
    assert Evaluation.objects.get(pk=evaluation.pk).hard == ""
    assert not SignObservation.objects.exists()


def test_sending_on_refuses_until_every_step_and_sign_is_written_down():
    application, holder, facilitator = grant()
    evaluation = application.evaluations.get()
    first, second = application.signs.order_by("position")
    write_down(evaluation, facilitator)
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=3, data={second.pk: ""}
    )

    with pytest.raises(DomainError):
        services.complete_evaluation_record(evaluation=evaluation, by=facilitator)
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.decision_id) == (E.PLANNED, None)

    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=3, data={second.pk: "Ook buiten."}
    )
    to_holder, to_lead = len(mails_to(holder)), len(mails_to(application.initiative.created_by))
    services.complete_evaluation_record(evaluation=evaluation, by=facilitator)

    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.recorded_by) == (E.RECORDED, facilitator)
    assert stored.recorded_at is not None
    decision = stored.decision
    assert (decision.kind, decision.status, decision.subject) == (
        DecisionKind.CONTINUATION, DecisionStatus.DRAFT, stored,
    )  # fmt: skip
    assert decision.resident_input_who == "Anna (trekker) en twee vrijwilligers"
    # The decision holders are told, and so are the residents.
    assert len(mails_to(holder)) == to_holder + 1
    assert len(mails_to(application.initiative.created_by)) == to_lead + 1
    assert [first.pk, second.pk] == [o.sign_id for o in stored.observations.all()]


def test_the_residents_view_is_kept_and_goes_into_the_decision_record():
    application, holder, facilitator = grant()
    evaluation = application.evaluations.get()
    lead = application.initiative.created_by

    services.save_resident_view(evaluation=evaluation, by=lead, text="  Het gaat goed.  ")
    assert Evaluation.objects.get(pk=evaluation.pk).resident_view == "Het gaat goed."

    evaluation = recorded(application, holder, facilitator)
    assert evaluation.decision.resident_input_how == "Het gaat goed."
    services.save_resident_view(evaluation=evaluation, by=lead, text="We willen door.")
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.resident_view, stored.resident_view_by) == ("We willen door.", lead)
    assert stored.decision.resident_input_how == "We willen door."

    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Goed.", outcome=C.CONTINUE
    )
    services.decide_continuation(evaluation=evaluation, by=holder)
    with pytest.raises(DomainError):
        services.save_resident_view(evaluation=evaluation, by=lead, text="Te laat.")
    assert Evaluation.objects.get(pk=evaluation.pk).resident_view == "We willen door."


def test_the_decision_holder_can_send_it_back_with_a_reason_and_get_it_again():
    application, holder, facilitator = grant()
    evaluation = recorded(application, holder, facilitator)
    decision_pk = evaluation.decision_id

    with pytest.raises(DomainError):
        services.reopen_evaluation(evaluation=evaluation, by=holder, reason="  ")
    with pytest.raises(DomainError):
        services.reopen_evaluation(evaluation=evaluation, by=facilitator, reason="Meer graag.")
    assert Evaluation.objects.get(pk=evaluation.pk).status == E.RECORDED

    services.reopen_evaluation(evaluation=evaluation, by=holder, reason="Hoeveel vrijwilligers?")

    assert Evaluation.objects.get(pk=evaluation.pk).status == E.PLANNED
    assert "Hoeveel vrijwilligers?" in mails_to(facilitator)[-1].body
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=2, data={"hard": "Twee vrijwilligers minder."}
    )
    services.complete_evaluation_record(evaluation=evaluation, by=facilitator)
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.decision_id, stored.hard) == (
        E.RECORDED, decision_pk, "Twee vrijwilligers minder.",
    )  # fmt: skip


# --- The continuation decision and the ledger ----------------------------------------------


@pytest.mark.parametrize("outcome", [C.CONTINUE, C.LESS_SUPPORT, C.ADJUST])
def test_going_on_releases_the_payment_that_waited_and_changes_no_money(outcome):
    application, holder, facilitator = grant()
    pay_first(application, holder)
    line = application.line
    before = figures(line)
    assert before == (D("500.00"), D("0.00"), D("4500.00"), D("300.00"))
    assert tranches(application) == [
        ("2027-02-01", D("300.00"), "paid"), ("2027-06-01", D("200.00"), "waiting"),
    ]  # fmt: skip

    evaluation = decided(
        application, holder, facilitator, outcome, new_agreements="Minder begeleiding."
    )

    assert evaluation.status == E.DECIDED
    assert (evaluation.decided_by, evaluation.decision.status) == (holder, DecisionStatus.FINAL)
    assert tranches(application) == [
        ("2027-02-01", D("300.00"), "paid"), ("2027-06-01", D("200.00"), "released"),
    ]  # fmt: skip
    assert figures(line) == before
    assert Application.objects.get(pk=application.pk).status == S.GRANTED
    services.pay_tranche(
        by=holder, tranche=Tranche.objects.get(planned_on=date(2027, 6, 1)),
        paid_on=date(2026, 11, 20),
    )  # fmt: skip
    assert figures(line) == (D("500.00"), D("0.00"), D("4500.00"), D("500.00"))


@pytest.mark.parametrize("outcome", [C.LESS_SUPPORT, C.ADJUST])
def test_changed_agreements_must_be_written_down(outcome):
    application, holder, facilitator = grant()
    evaluation = recorded(application, holder, facilitator)
    services.save_continuation(evaluation=evaluation, by=holder, reasons="Zo.", outcome=outcome)

    with pytest.raises(DomainError):
        services.decide_continuation(evaluation=evaluation, by=holder)

    assert Evaluation.objects.get(pk=evaluation.pk).status == E.RECORDED
    assert tranches(application)[1][2] == "waiting"


def test_an_extra_push_is_a_new_award_on_the_same_line_released_at_once():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    line = application.line

    evaluation = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("250.00"))

    extra = evaluation.extra_award
    assert (extra.line_id, extra.amount, extra.initiative_id, extra.awarded_by) == (
        line.pk, D("250.00"), application.initiative_id, holder,
    )  # fmt: skip
    assert Award.objects.filter(line=line).count() == 2
    today = str(timezone.localdate())
    assert tranches(application) == sorted(
        [("2027-02-01", D("300.00"), "paid"), ("2027-06-01", D("200.00"), "released"),
         (today, D("250.00"), "released")]
    )  # fmt: skip
    assert figures(line) == (D("750.00"), D("0.00"), D("4250.00"), D("300.00"))
    assert Award.objects.get(pk=application.award_id).amount == D("500.00")
    services.pay_tranche(by=holder, tranche=extra.tranches.get(), paid_on=timezone.localdate())
    assert figures(line) == (D("750.00"), D("0.00"), D("4250.00"), D("550.00"))


def test_an_extra_push_may_take_exactly_what_is_left_on_the_line():
    application, holder, facilitator = grant(allocation="600.00")

    evaluation = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))

    assert evaluation.extra_award.amount == D("100.00")
    assert figures(application.line) == (D("600.00"), D("0.00"), D("0.00"), D("0.00"))


def test_an_extra_push_above_what_is_left_on_the_line_is_refused_and_nothing_changes():
    application, holder, facilitator = grant(allocation="600.00")
    evaluation = recorded(application, holder, facilitator)
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Meer nodig.", outcome=C.EXTRA_PUSH,
        extra_amount=D("100.01"),
    )  # fmt: skip
    lead = application.initiative.created_by
    before = len(mails_to(lead))

    with pytest.raises(DomainError, match="100,00"):
        services.decide_continuation(evaluation=evaluation, by=holder)

    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.extra_award, stored.decision.status) == (
        E.RECORDED, None, DecisionStatus.DRAFT,
    )  # fmt: skip
    assert figures(application.line) == (D("500.00"), D("0.00"), D("100.00"), D("0.00"))
    assert Award.objects.filter(line=application.line).count() == 1
    assert tranches(application)[1] == ("2027-06-01", D("200.00"), "waiting")
    assert len(mails_to(lead)) == before


def test_an_extra_push_of_support_only_adds_no_money():
    application, holder, facilitator = grant()

    evaluation = decided(
        application, holder, facilitator, C.EXTRA_PUSH, new_agreements="Hulp van het opbouwwerk."
    )

    assert evaluation.extra_award is None
    assert figures(application.line) == (D("500.00"), D("0.00"), D("4500.00"), D("0.00"))
    assert [state for _d, _a, state in tranches(application)] == ["released", "released"]


def test_fewer_means_takes_money_off_the_latest_unpaid_payments_and_gives_it_back():
    application, holder, facilitator = grant(
        evaluation_dates=["2027-05-01", "2027-08-01"],
        payments=[{"date": "2027-02-01", "amount": "200.00"},
                  {"date": "2027-06-01", "amount": "150.00"},
                  {"date": "2027-09-01", "amount": "150.00"}],
    )  # fmt: skip
    pay_first(application, holder)
    line = application.line
    assert figures(line) == (D("500.00"), D("0.00"), D("4500.00"), D("200.00"))

    evaluation = decided(application, holder, facilitator, C.FEWER_MEANS, reduce_by=D("200.00"))

    assert evaluation.status == E.DECIDED
    # September's € 150 goes first, then € 50 of June's; June's rest is released.
    assert tranches(application) == [
        ("2027-02-01", D("200.00"), "paid"), ("2027-06-01", D("100.00"), "released"),
    ]  # fmt: skip
    assert Award.objects.get(pk=application.award_id).amount == D("300.00")
    assert figures(line) == (D("300.00"), D("0.00"), D("4700.00"), D("200.00"))
    assert Application.objects.get(pk=application.pk).status == S.GRANTED


def test_fewer_means_cuts_a_single_waiting_payment_in_part():
    application, holder, facilitator = grant()

    decided(application, holder, facilitator, C.FEWER_MEANS, reduce_by=D("50.00"))

    # The February payment is released but unpaid: the later one is cut first.
    assert tranches(application) == [
        ("2027-02-01", D("300.00"), "released"), ("2027-06-01", D("150.00"), "released"),
    ]  # fmt: skip
    assert figures(application.line) == (D("450.00"), D("0.00"), D("4550.00"), D("0.00"))


def test_fewer_means_cannot_take_more_than_is_unpaid():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    evaluation = recorded(application, holder, facilitator)
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Minder mensen.", outcome=C.FEWER_MEANS,
        reduce_by=D("200.01"),
    )  # fmt: skip

    with pytest.raises(DomainError, match="200,00"):
        services.decide_continuation(evaluation=evaluation, by=holder)

    assert figures(application.line) == (D("500.00"), D("0.00"), D("4500.00"), D("300.00"))
    assert tranches(application)[1] == ("2027-06-01", D("200.00"), "waiting")
    assert Evaluation.objects.get(pk=evaluation.pk).status == E.RECORDED


def test_stop_withholds_every_unpaid_payment_cancels_what_is_planned_and_stops_the_grant():
    application, holder, facilitator = grant(
        evaluation_dates=["2027-05-01", "2027-09-01"],
        payments=[{"date": "2027-02-01", "amount": "200.00"},
                  {"date": "2027-03-01", "amount": "100.00"},
                  {"date": "2027-06-01", "amount": "200.00"}],
    )  # fmt: skip
    pay_first(application, holder)
    line = application.line
    assert [state for _d, _a, state in tranches(application)] == ["paid", "released", "waiting"]

    evaluation = decided(application, holder, facilitator, C.STOP, reasons="Niemand kwam meer.")

    assert evaluation.status == E.DECIDED
    assert tranches(application) == [
        ("2027-02-01", D("200.00"), "paid"), ("2027-03-01", D("100.00"), "withheld"),
        ("2027-06-01", D("200.00"), "withheld"),
    ]  # fmt: skip
    assert all(t.released_at is None for t in Tranche.objects.filter(withheld_at__isnull=False))
    later = application.evaluations.get(planned_on=date(2027, 9, 1))
    assert later.status == E.CANCELLED
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == S.STOPPED
    assert Accountability.objects.get(application=application).due_on == (
        timezone.localdate() + timedelta(days=42)
    )
    # The money stays committed until the accountability is settled.
    assert figures(line) == (D("500.00"), D("0.00"), D("4500.00"), D("200.00"))
    with pytest.raises(DomainError):
        services.pay_tranche(
            by=holder, tranche=Tranche.objects.get(planned_on=date(2027, 3, 1)),
            paid_on=timezone.localdate(),
        )  # fmt: skip
    assert figures(line)[3] == D("200.00")


def test_stop_keeps_an_accountability_date_that_is_already_sooner():
    soon = timezone.localdate() + timedelta(days=10)
    application, holder, facilitator = grant(accountability_due=soon)

    decided(application, holder, facilitator, C.STOP)

    assert Accountability.objects.get(application=application).due_on == soon


def test_stop_also_withholds_an_extra_push_not_yet_paid():
    application, holder, facilitator = grant(evaluation_dates=["2027-05-01", "2027-09-01"])
    first = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    second = recorded(application, holder, facilitator, application.evaluations.get(
        planned_on=date(2027, 9, 1)))  # fmt: skip
    services.save_continuation(evaluation=second, by=holder, reasons="Gestopt.", outcome=C.STOP)

    services.decide_continuation(evaluation=second, by=holder)

    assert first.extra_award.tranches.get().state == "withheld"
    assert [state for _d, _a, state in tranches(application)] == ["withheld"] * 3


def test_only_a_decision_holder_of_the_line_decides_how_it_continues():
    application, holder, facilitator = grant()
    evaluation = recorded(application, holder, facilitator)
    _other_line, other_holder = open_line()
    lead = application.initiative.created_by
    for person in (facilitator, other_holder, lead, UserFactory(role="budget_decision_holder")):
        with pytest.raises(DomainError):
            services.save_continuation(
                evaluation=evaluation, by=person, reasons="Stop.", outcome=C.STOP
            )
        with pytest.raises(DomainError):
            services.decide_continuation(evaluation=evaluation, by=person)
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Door.", outcome=C.CONTINUE
    )
    for person in (facilitator, other_holder, lead):
        with pytest.raises(DomainError):
            services.decide_continuation(evaluation=evaluation, by=person)

    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.outcome, stored.decision.status) == (
        E.RECORDED, C.CONTINUE, DecisionStatus.DRAFT,
    )  # fmt: skip
    assert tranches(application)[1][2] == "waiting"


def test_the_draft_tells_nobody_and_the_final_decision_tells_the_residents_why():
    application, holder, facilitator = grant()
    lead = application.initiative.created_by
    evaluation = recorded(application, holder, facilitator)
    before = len(mails_to(lead))

    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Er komen nog maar vier mensen.",
        outcome=C.FEWER_MEANS, reduce_by=D("100.00"),
    )  # fmt: skip
    assert len(mails_to(lead)) == before
    assert figures(application.line)[0] == D("500.00")

    services.decide_continuation(evaluation=evaluation, by=holder)

    mail = mails_to(lead)[-1]
    assert len(mails_to(lead)) == before + 1
    assert "Er komen nog maar vier mensen." in mail.body
    assert "100,00" in mail.body
    assert "Er komen nog maar vier mensen." in mails_to(facilitator)[-1].body
    decision = Evaluation.objects.get(pk=evaluation.pk).decision
    assert decision.reasons == "Er komen nog maar vier mensen."
    assert decision.outcome.endswith("100,00")


def test_the_decision_needs_its_reasons_and_its_decision_record():
    application, holder, facilitator = grant()
    evaluation = application.evaluations.get()
    write_down(evaluation, facilitator)
    services.complete_evaluation_record(evaluation=evaluation, by=facilitator)
    services.save_continuation(evaluation=evaluation, by=holder, reasons="", outcome=C.CONTINUE)

    with pytest.raises(DomainError):  # neither reasons nor the Meetlat
        services.decide_continuation(evaluation=evaluation, by=holder)
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Goed.", outcome=C.CONTINUE
    )
    with pytest.raises(DomainError, match="Meetlat"):
        services.decide_continuation(evaluation=evaluation, by=holder)

    assert Evaluation.objects.get(pk=evaluation.pk).status == E.RECORDED
    assert tranches(application)[1][2] == "waiting"


# --- The accountability afterwards ---------------------------------------------------------


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


def test_the_steps_keep_what_was_typed_and_sending_in_waits_until_all_is_there():
    application, _holder, _facilitator = grant()
    accountability = application.accountability
    lead = application.initiative.created_by
    first, second = application.signs.order_by("position")
    dirigent, zaal = application.cost_lines.order_by("position")
    save = services.save_accountability_step

    save(accountability=accountability, by=lead, step=1,
         data={"result_reached": "partly", "what_got_in_the_way": "Ziekte.",
               "signs": {first.pk: "yes"}})  # fmt: skip
    save(
        accountability=accountability,
        by=lead,
        step=3,
        data={"spending": {dirigent.pk: (D("120.50"), "  Twee lessen  ")}},
    )

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.result_reached, stored.what_got_in_the_way) == ("partly", "Ziekte.")
    assert [(r.sign_id, r.reached) for r in stored.sign_results.all()] == [(first.pk, "yes")]
    assert [(s.cost_line_id, s.spent, s.note) for s in stored.spending.all()] == [
        (dirigent.pk, D("120.50"), "Twee lessen"),
    ]
    assert stored.total_spent == D("120.50")
    assert len(accountability_missing(stored)) == 6
    with pytest.raises(DomainError):
        services.submit_accountability(accountability=accountability, by=lead)
    assert Accountability.objects.get(pk=accountability.pk).status == A.OPEN

    save(
        accountability=accountability,
        by=lead,
        step=1,
        data={"result_reached": "yes", "signs": {second.pk: "partly"}},
    )
    stored = Accountability.objects.get(pk=accountability.pk)
    assert stored.what_got_in_the_way == ""  # only asked when it was not reached
    assert [(r.sign_id, r.reached) for r in stored.sign_results.all()] == [
        (first.pk, "yes"), (second.pk, "partly"),
    ]  # fmt: skip
    save(
        accountability=accountability,
        by=lead,
        step=2,
        data={"participants": 11, "resident_input": "Samen besloten."},
    )
    save(
        accountability=accountability,
        by=lead,
        step=3,
        data={"spending": {zaal.pk: (D("0.00"), "")}},
    )
    save(
        accountability=accountability,
        by=lead,
        step=4,
        data={"story": "We zongen.", "next_step": "follow_up", "story_public": True},
    )

    services.submit_accountability(accountability=accountability, by=lead)

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.submitted_by) == (A.SUBMITTED, lead)
    assert stored.total_spent == D("120.50")
    assert (stored.participants, stored.activities, stored.story_public) == (11, None, True)


def test_the_steps_refuse_signs_and_cost_lines_of_another_application():
    application, _holder, _facilitator = grant()
    other, _h, _f = grant()
    lead = application.initiative.created_by
    with pytest.raises(ValueError):
        services.save_accountability_step(
            accountability=application.accountability, by=lead, step=1,
            data={"signs": {other.signs.first().pk: "yes"}},
        )  # fmt: skip
    with pytest.raises(ValueError):
        services.save_accountability_step(
            accountability=application.accountability, by=lead, step=3,
            data={"spending": {other.cost_lines.first().pk: (D("1.00"), "")}},
        )  # fmt: skip
    with pytest.raises(ValueError):
        services.save_accountability_step(
            accountability=application.accountability, by=lead, step=2, data={"story": "x"}
        )
    stored = Accountability.objects.get(pk=application.accountability.pk)
    assert (stored.sign_results.count(), stored.spending.count(), stored.story) == (0, 0, "")


def test_the_facilitator_asks_for_more_once_and_the_residents_send_it_in_again():
    application, _holder, facilitator = grant()
    lead = application.initiative.created_by
    accountability = submitted(application)
    with pytest.raises(DomainError):
        services.ask_for_more(accountability=accountability, by=facilitator, question=" ")
    to_lead, to_facilitator = len(mails_to(lead)), len(mails_to(facilitator))

    services.ask_for_more(
        accountability=accountability, by=facilitator, question="Stuur de bon van de zaal."
    )

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.question) == (A.MORE_ASKED, "Stuur de bon van de zaal.")
    assert len(mails_to(lead)) == to_lead + 1
    assert "Stuur de bon van de zaal." in mails_to(lead)[-1].body
    services.add_accountability_file(
        accountability=accountability, by=lead, upload=SimpleUploadedFile("bon.pdf", PDF)
    )
    services.submit_accountability(accountability=accountability, by=lead)
    assert Accountability.objects.get(pk=accountability.pk).status == A.SUBMITTED
    assert len(mails_to(facilitator)) == to_facilitator + 1  # told it came in again


def test_settling_returns_what_was_not_paid_and_closes_the_grant():
    application, holder, facilitator = grant()
    pay_first(application, holder)  # € 300 paid; € 200 still waits
    accountability = submitted(application, spent=("250.00", "20.00"))
    assert settlement(accountability) == {
        "awarded": D("500.00"), "paid": D("300.00"), "spent": D("270.00"),
        "released": D("200.00"), "paid_back": D("0.00"),
    }  # fmt: skip

    services.settle_accountability(accountability=accountability, by=facilitator, note=" Mooi. ")

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.settled_by, stored.spent, stored.paid_back) == (
        A.SETTLED, facilitator, D("270.00"), D("0.00"),
    )  # fmt: skip
    assert stored.settle_note == "Mooi."
    award = Award.objects.get(pk=application.award_id)
    assert award.settled_at is not None
    assert award.released_amount == D("200.00")
    # The residents keep the € 30 paid but not spent; the unpaid € 200 goes back.
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))
    assert Application.objects.get(pk=application.pk).status == S.CLOSED
    with pytest.raises(DomainError):  # the award is settled: nothing more is paid
        services.pay_tranche(
            by=holder, tranche=Tranche.objects.get(planned_on=date(2027, 6, 1)),
            paid_on=timezone.localdate(),
        )  # fmt: skip


def test_settling_when_more_was_spent_than_paid_still_returns_the_unpaid_money():
    """Money not paid out always goes back to the line (the settlement's own rule): once the
    award is settled nothing more can be paid, so unpaid money must not stay committed."""
    application, holder, facilitator = grant()
    pay_first(application, holder)  # € 300 paid; € 200 was never paid
    accountability = submitted(application, spent=("400.00", "50.00"))

    services.settle_accountability(accountability=accountability, by=facilitator)

    committed, released, remaining, paid = figures(application.line)
    assert (committed, released, remaining, paid) == (
        D("500.00"), D("200.00"), D("4700.00"), D("300.00"),
    )  # fmt: skip
    assert committed - released == paid  # nothing left in between
    assert Accountability.objects.get(pk=accountability.pk).spent == D("450.00")


def test_a_result_not_reached_settles_like_any_other_without_penalty():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    accountability = submitted(application, spent=("100.00", "0.00"), result="no")

    services.settle_accountability(accountability=accountability, by=facilitator)

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.status, stored.result_reached, stored.paid_back) == (A.SETTLED, "no", D("0"))
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))
    assert Application.objects.get(pk=application.pk).status == S.CLOSED
    event = AuditEvent.objects.for_subject(application).get(action="application.settled")
    assert event.data == {"result": "no", "released": "200.00"}


def test_with_reclaim_money_paid_but_not_spent_is_paid_back_and_returns_to_the_line(settings):
    settings.SAMEN_STERK_RECLAIM_UNSPENT = True
    application, holder, facilitator = grant()
    pay_first(application, holder)  # € 300 paid
    accountability = submitted(application, spent=("200.00", "50.00"))
    assert settlement(accountability) == {
        "awarded": D("500.00"), "paid": D("300.00"), "spent": D("250.00"),
        "released": D("250.00"), "paid_back": D("50.00"),
    }  # fmt: skip

    services.settle_accountability(accountability=accountability, by=facilitator)

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.spent, stored.paid_back) == (D("250.00"), D("50.00"))
    assert Award.objects.get(pk=application.award_id).released_amount == D("250.00")
    assert figures(application.line) == (D("500.00"), D("250.00"), D("4750.00"), D("300.00"))


def test_with_reclaim_and_more_spent_than_paid_nothing_is_paid_back(settings):
    settings.SAMEN_STERK_RECLAIM_UNSPENT = True
    application, holder, facilitator = grant()
    pay_first(application, holder)
    accountability = submitted(application, spent=("400.00", "0.00"))

    services.settle_accountability(accountability=accountability, by=facilitator)

    assert Accountability.objects.get(pk=accountability.pk).paid_back == D("0.00")
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))


def test_without_reclaim_the_residents_keep_what_was_paid_but_not_spent():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    evaluation = decided(application, holder, facilitator, C.CONTINUE)
    services.pay_tranche(
        by=holder, tranche=evaluation.tranches.get(), paid_on=date(2026, 11, 20)
    )  # all € 500 paid
    accountability = submitted(application, spent=("100.00", "0.00"))

    services.settle_accountability(accountability=accountability, by=facilitator)

    stored = Accountability.objects.get(pk=accountability.pk)
    assert (stored.spent, stored.paid_back) == (D("100.00"), D("0.00"))
    assert Award.objects.get(pk=application.award_id).released_amount == D("0.00")
    assert figures(application.line) == (D("500.00"), D("0.00"), D("4500.00"), D("500.00"))


def test_every_award_is_settled_the_extra_push_included():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    evaluation = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    services.pay_tranche(
        by=holder, tranche=evaluation.extra_award.tranches.get(), paid_on=timezone.localdate()
    )
    # Paid: € 300 + € 100; the June € 200 is released but not paid.
    assert figures(application.line) == (D("600.00"), D("0.00"), D("4400.00"), D("400.00"))
    accountability = submitted(application, spent=("350.00", "30.00"))

    services.settle_accountability(accountability=accountability, by=facilitator)

    grant_award = Award.objects.get(pk=application.award_id)
    extra = Award.objects.get(pk=evaluation.extra_award_id)
    assert grant_award.settled_at is not None and extra.settled_at is not None
    assert (grant_award.released_amount, extra.released_amount) == (D("200.00"), D("0.00"))
    assert figures(application.line) == (D("600.00"), D("200.00"), D("4600.00"), D("400.00"))


def test_with_reclaim_the_spending_is_counted_against_what_each_award_paid(settings):
    settings.SAMEN_STERK_RECLAIM_UNSPENT = True
    application, holder, facilitator = grant()
    pay_first(application, holder)  # € 300 of the grant's € 500
    evaluation = decided(application, holder, facilitator, C.EXTRA_PUSH, extra_amount=D("100.00"))
    services.pay_tranche(
        by=holder, tranche=evaluation.extra_award.tranches.get(), paid_on=timezone.localdate()
    )
    accountability = submitted(application, spent=("380.00", "0.00"))
    assert settlement(accountability) == {
        "awarded": D("600.00"), "paid": D("400.00"), "spent": D("380.00"),
        "released": D("220.00"), "paid_back": D("20.00"),
    }  # fmt: skip

    services.settle_accountability(accountability=accountability, by=facilitator)

    released = [
        Award.objects.get(pk=pk).released_amount
        for pk in (application.award_id, evaluation.extra_award_id)
    ]
    assert released == [D("200.00"), D("20.00")]
    assert Accountability.objects.get(pk=accountability.pk).paid_back == D("20.00")
    assert figures(application.line) == (D("600.00"), D("220.00"), D("4620.00"), D("400.00"))


def test_a_stopped_grant_accounts_and_its_withheld_money_returns_to_the_line():
    application, holder, facilitator = grant()
    pay_first(application, holder)
    decided(application, holder, facilitator, C.STOP)
    accountability = submitted(application, spent=("150.00", "0.00"), result="partly")

    services.settle_accountability(accountability=accountability, by=facilitator)

    assert Application.objects.get(pk=application.pk).status == S.CLOSED
    assert figures(application.line) == (D("500.00"), D("200.00"), D("4700.00"), D("300.00"))
    with pytest.raises(DomainError):  # a closed grant accounts no more
        services.save_accountability_step(
            accountability=accountability, by=application.initiative.created_by, step=4,
            data={"story": "Nog iets."},
        )  # fmt: skip


# --- Receipts and photos -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content"), [("bon.png", PNG), ("bon.pdf", PDF)])
def test_a_receipt_is_stored_with_the_accountability(name, content):
    application, _holder, _facilitator = grant()
    lead = application.initiative.created_by

    attachment = services.add_accountability_file(
        accountability=application.accountability, by=lead,
        upload=SimpleUploadedFile(name, content),
    )  # fmt: skip

    assert (attachment.for_accountability, attachment.name, attachment.uploaded_by) == (
        True, name, lead,
    )  # fmt: skip
    assert attachment.file.read() == content
    assert attachment.size == len(content)
    event = AuditEvent.objects.for_subject(application.accountability).get(
        action="accountability.file_added"
    )
    assert event.data == {"name": name}


@pytest.mark.parametrize(
    ("name", "content"),
    [("bon.pdf", PNG), ("bon.png", b"MZ\x90\x00 program"), ("bon.exe", PDF), ("bon.pdf", b"")],
)
def test_a_file_that_is_not_what_it_says_is_refused(name, content):
    application, _holder, _facilitator = grant()
    with pytest.raises(DomainError):
        services.add_accountability_file(
            accountability=application.accountability, by=application.initiative.created_by,
            upload=SimpleUploadedFile(name, content),
        )  # fmt: skip
    assert not application.attachments.exists()


def test_receipts_have_their_own_limit_apart_from_the_application_files():
    application, _holder, _facilitator = grant()
    lead = application.initiative.created_by
    for n in range(attachments.MAX_FILES):
        store_upload(application=application, by=lead, upload=SimpleUploadedFile(f"{n}.pdf", PDF))

    for n in range(attachments.MAX_FILES):
        services.add_accountability_file(
            accountability=application.accountability, by=lead,
            upload=SimpleUploadedFile(f"bon-{n}.png", PNG),
        )  # fmt: skip
    with pytest.raises(DomainError):
        services.add_accountability_file(
            accountability=application.accountability, by=lead,
            upload=SimpleUploadedFile("een-te-veel.png", PNG),
        )  # fmt: skip

    assert application.attachments.filter(for_accountability=True).count() == 10
    assert application.attachments.filter(for_accountability=False).count() == 10


def test_no_receipts_once_it_is_sent_in():
    application, _holder, _facilitator = grant()
    accountability = submitted(application)
    with pytest.raises(DomainError):
        services.add_accountability_file(
            accountability=accountability, by=application.initiative.created_by,
            upload=SimpleUploadedFile("bon.png", PNG),
        )  # fmt: skip
    assert not application.attachments.exists()
