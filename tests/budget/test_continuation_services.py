"""After the grant, the continuation decision: each outcome with its exact ledger figures,
who may decide, and who is told what."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from budget import services
from budget.models import (
    Accountability,
    Application,
    Award,
    Evaluation,
    Tranche,
)
from burgerkracht.core.exceptions import DomainError
from burgerkracht.meetlat.enums import DecisionStatus
from tests.budget.followup_helpers import (
    C,
    D,
    E,
    S,
    decided,
    figures,
    grant,
    mails_to,
    pay_first,
    recorded,
    tranches,
    write_down,
)
from tests.factories import UserFactory, open_line

pytestmark = pytest.mark.django_db


# --- The continuation decision and the ledger ----------------------------------------------


@pytest.mark.parametrize("outcome", [C.CONTINUE, C.ADJUST])
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
