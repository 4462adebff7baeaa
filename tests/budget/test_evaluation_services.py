"""After the grant, the services: publication plans what follows, the visit and the notes,
the residents' view, and sending it to the decision holder."""

from datetime import date

import pytest

from budget import services
from budget.models import (
    Accountability,
    Evaluation,
    SignObservation,
    Tranche,
)
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from burgerkracht.meetlat.enums import DecisionKind, DecisionStatus
from tests.budget.followup_helpers import (
    A,
    C,
    D,
    E,
    S,
    figures,
    grant,
    mails_to,
    recorded,
    write_down,
)
from tests.factories import UserFactory, application_in, open_line

pytestmark = pytest.mark.django_db


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
