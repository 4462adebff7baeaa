"""The transition tables of the advice and the request, exhaustively, through the services:
every (from, to) pair of a table's statuses. An allowed step succeeds through its service;
every other one is refused with a DomainError (InvalidTransition where the table refuses)."""

from collections.abc import Callable
from itertools import product

import pytest
from django.utils import timezone, translation

from advice.enums import (
    ADVICE_TRANSITIONS,
    REQUEST_TRANSITIONS,
    AdviceStatus,
    Kept,
    RequestStatus,
)
from advice.models import Advice, AdviceEvaluation, AdviceRequest
from advice.services import answer as answer_services
from advice.services import followup, register
from burgerkracht.core.exceptions import DomainError
from tests.advice.factories import advice_in, advice_request, body, member
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

A = AdviceStatus
R = RequestStatus


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_tables_cover_every_status():
    assert set(ADVICE_TRANSITIONS) == set(AdviceStatus.values)
    assert set(REQUEST_TRANSITIONS) == set(RequestStatus.values)


# --- the advice ----------------------------------------------------------------------------


def _stage_for(status: str, target: str) -> str:
    """The advice in `status` that is as ready for a step to `target` as that status allows:
    publishing needs an approved answer; going back to concept needs none."""
    if status == A.FINAL:
        return "approved" if target == A.ANSWERED else "final"
    return status


def _build_advice(stage: str) -> Advice:
    if stage == A.ANSWERED:
        advice = advice_in("answered")
        _fill_evaluation(advice.evaluation, advice.contact)
        return advice
    if stage == A.WITHDRAWN:
        advice = advice_in("concept")
        register.withdraw_advice(advice=advice, by=advice.created_by, reason="Achterhaald.")
        return Advice.objects.get(pk=advice.pk)
    return advice_in(stage)


STAGES = (A.CONCEPT, "approved", "final", A.ANSWERED, A.CLOSED, A.WITHDRAWN)


@pytest.fixture(scope="module")
def _advices(django_db_setup, django_db_blocker):
    """One advice at each stage, built once: each test changes it in its own savepoint."""
    yield from built_once(django_db_blocker, _build_advices)


def _build_advices() -> dict[str, int]:
    with translation.override("en"):
        return {stage: _build_advice(stage).pk for stage in STAGES}


@pytest.fixture
def advice_at(_advices, db):
    """advice_at(status, target): an advice in `status`, as ready for a step to `target` as
    that status allows."""
    return lambda status, target: Advice.objects.get(pk=_advices[_stage_for(status, target)])


def _fill_evaluation(evaluation: AdviceEvaluation, by) -> None:
    followup.save_evaluation(
        evaluation=evaluation, by=by, held_on=timezone.localdate(), participants="ASD",
        what_happened="Gedaan.", effect="Effect.", body_appraisal="Goed.",
        verdicts={p.pk: (Kept.KEPT, "") for p in evaluation.advice.promises.all()},
    )  # fmt: skip


def _close(advice: Advice, by) -> None:
    evaluation = AdviceEvaluation.objects.filter(advice=advice).first()
    if evaluation is None:
        # No evaluation is planned before the answer is published; even a complete one
        # made by hand cannot close an advice that was never answered.
        evaluation = AdviceEvaluation.objects.create(
            advice=advice, due_on=timezone.localdate(), held_on=timezone.localdate(),
            participants="ASD", what_happened="x", effect="x", body_appraisal="x",
        )  # fmt: skip
    followup.complete_evaluation(evaluation=evaluation, by=by)


def _by(advice: Advice):
    return advice.contact or advice.created_by


STEP: dict[str, Callable[[Advice], object]] = {
    A.CONCEPT: lambda a: register.take_back_advice(advice=a, by=a.created_by, reason="Aanvulling."),
    A.FINAL: lambda a: register.send_advice(advice=a, by=a.created_by),
    A.ANSWERED: lambda a: answer_services.publish_answer(advice=a, by=_by(a)),
    A.CLOSED: lambda a: _close(a, _by(a)),
    A.WITHDRAWN: lambda a: register.withdraw_advice(
        advice=a, by=a.created_by, reason="Het advies is achterhaald."
    ),
}
ADVICE_PAIRS = list(product(AdviceStatus.values, AdviceStatus.values))


@pytest.mark.parametrize(("current", "target"), ADVICE_PAIRS)
def test_advice_transition(advice_at, current, target):
    advice = advice_at(current, target)
    assert advice.status == current

    if target in ADVICE_TRANSITIONS[current]:
        STEP[target](advice)
        assert Advice.objects.get(pk=advice.pk).status == target
    else:
        with pytest.raises(DomainError):
            STEP[target](advice)
        assert Advice.objects.get(pk=advice.pk).status == current


# --- the request ---------------------------------------------------------------------------


def request_at(status: str) -> AdviceRequest:
    made = advice_request()
    if status != R.OPEN:
        register.change_request_status(advice_request=made, by=made.requested_by, status=status,
                                       reason="Zo is het gegaan.")  # fmt: skip
    return AdviceRequest.objects.get(pk=made.pk)


REQUEST_PAIRS = list(product(RequestStatus.values, RequestStatus.values))


@pytest.mark.parametrize(("current", "target"), REQUEST_PAIRS)
def test_request_transition(current, target):
    made = request_at(current)

    def step():
        return register.change_request_status(
            advice_request=made, by=made.requested_by, status=target,
            reason="Het college besluit anders.",
        )  # fmt: skip

    if target in REQUEST_TRANSITIONS[current]:
        step()
        assert AdviceRequest.objects.get(pk=made.pk).status == target
    else:
        with pytest.raises(DomainError):
            step()
        assert AdviceRequest.objects.get(pk=made.pk).status == current


@pytest.mark.parametrize("current", [R.OPEN, R.LAPSED])
def test_sending_the_advice_answers_an_open_or_lapsed_request(current):
    made = request_at(current)
    by = member("asd")
    advice = register.register_advice(by=by, body=body("asd"), title="Advies", advice_request=made,
                                      summary="Kort.")  # fmt: skip
    register.save_recommendations(advice=advice, by=by, texts=["Doe het."])

    register.send_advice(advice=advice, by=by)

    assert AdviceRequest.objects.get(pk=made.pk).status == R.ANSWERED


def test_a_withdrawn_request_cannot_get_an_advice_sent_onto_it():
    made = request_at(R.WITHDRAWN)
    by = member("asd")
    advice = register.register_advice(by=by, body=body("asd"), title="Advies", advice_request=made,
                                      summary="Kort.")  # fmt: skip
    register.save_recommendations(advice=advice, by=by, texts=["Doe het."])

    register.send_advice(advice=advice, by=by)

    # The advice is still sent (the body may advise anyway); the request stays withdrawn.
    assert AdviceRequest.objects.get(pk=made.pk).status == R.WITHDRAWN
