"""The transition tables of the answer, the promise and the evaluation, exhaustively, through
the services: for every (from, to) pair of a table's statuses, an allowed step succeeds and
every other one is refused with a DomainError (InvalidTransition where the table refuses).
"Staying" in a status is not a transition: for a promise it is a progress note, for a planned
evaluation it is saving it; those are tested as such."""

from itertools import product

import pytest
from django.utils import timezone, translation

from advice.enums import (
    ANSWER_TRANSITIONS,
    EVALUATION_TRANSITIONS,
    PROMISE_TRANSITIONS,
    VERDICT_ONLY,
    AdviceEvaluationStatus,
    AnswerStatus,
    Kept,
    PromiseStatus,
)
from advice.models import Advice, AdviceEvaluation, Answer, Promise
from advice.services import answer as answer_services
from advice.services import followup
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from tests.advice.factories import advice_in
from tests.module_data import built_once

pytestmark = pytest.mark.django_db
S, P, E = AnswerStatus, PromiseStatus, AdviceEvaluationStatus


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def _stages(django_db_setup, django_db_blocker):
    """One advice at each stage the tests below start from, built once: each test changes it
    in its own savepoint. {stage: pk}"""
    yield from built_once(django_db_blocker, _build_stages)


def _build_stages() -> dict[str, int]:
    with translation.override("en"):
        return {stage: advice_in(stage).pk for stage in STAGES}


@pytest.fixture
def advice_at(_stages, db):
    """The advice at `stage`, as the module built it."""
    return lambda stage: Advice.objects.get(pk=_stages[stage])


def test_the_tables_cover_every_status():
    assert set(ANSWER_TRANSITIONS) == set(S.values)
    assert set(PROMISE_TRANSITIONS) == set(P.values)
    assert set(EVALUATION_TRANSITIONS) == set(E.values)


# --- the answer ----------------------------------------------------------------------------

ANSWER_STAGE = {S.DRAFT: "draft_answer", S.APPROVED: "approved", S.PUBLISHED: "answered"}
STAGES = ("draft_answer", "approved", "answered", "closed")


def _answer_step(advice: Advice, target: str) -> None:
    by = advice.contact
    if target == S.APPROVED:
        answer_services.approve_answer(advice=advice, by=by)
    elif target == S.DRAFT:
        answer_services.reopen_answer(advice=advice, by=by, reason="Toon aanpassen.")
    else:
        answer_services.publish_answer(advice=advice, by=by)


@pytest.mark.parametrize(("current", "target"), list(product(S.values, S.values)))
def test_answer_transition(advice_at, current, target):
    advice = advice_at(ANSWER_STAGE[current])

    if target in ANSWER_TRANSITIONS[current]:
        _answer_step(advice, target)
        assert Answer.objects.get(advice=advice).status == target
    else:
        with pytest.raises(InvalidTransition):
            _answer_step(advice, target)
        assert Answer.objects.get(advice=advice).status == current


@pytest.mark.parametrize("current", [S.APPROVED, S.PUBLISHED])
def test_the_draft_answer_changes_only_while_it_is_a_draft(advice_at, current):
    advice = advice_at(ANSWER_STAGE[current])
    rec = advice.recommendations.get(number=1)

    with pytest.raises(DomainError, match="only while it is a draft"):
        answer_services.answer_recommendation(
            recommendation=rec, by=advice.contact, adoption="not_adopted", reason="Nee."
        )
    with pytest.raises(DomainError, match="only while it is a draft"):
        answer_services.save_answer(advice=advice, by=advice.contact, introduction="Nieuw")


# --- promises ------------------------------------------------------------------------------


def _promise_in(advice: Advice, status: str) -> Promise:
    promise = advice.promises.order_by("pk").first()
    by = advice.contact
    if status == P.ON_TRACK:
        followup.update_promise(promise=promise, by=by, note="Bezig.", status=P.ON_TRACK)
    elif status == P.DONE:
        followup.update_promise(promise=promise, by=by, note="Klaar.", status=P.DONE)
    elif status == P.DROPPED:
        followup.update_promise(
            promise=promise, by=by, note="Stop.", status=P.DROPPED, drop_reason="Geen geld."
        )
    elif status in VERDICT_ONLY:
        followup.apply_verdict(promise=promise, kept=KEPT_FOR[status], note="Half.", by=by)
    return Promise.objects.get(pk=promise.pk)


KEPT_FOR = {P.DONE: Kept.KEPT, P.PARTLY_KEPT: Kept.PARTLY, P.NOT_KEPT: Kept.NOT_KEPT}


def _promise_step(promise: Promise, by, target: str, **kwargs) -> None:
    """A verdict status only through the verdict; every other through a progress note."""
    if target in VERDICT_ONLY:
        followup.apply_verdict(promise=promise, kept=KEPT_FOR[target], note="Te laat.", by=by)
    else:
        followup.update_promise(promise=promise, by=by, note="Stap.", status=target, **kwargs)


@pytest.mark.parametrize(
    ("current", "target"), [(c, t) for c, t in product(P.values, P.values) if c != t]
)
def test_promise_transition(advice_at, current, target):
    advice = advice_at("answered")
    promise = _promise_in(advice, current)
    kwargs = {"drop_reason": "Geen geld meer."} if target == P.DROPPED else {}

    if target in PROMISE_TRANSITIONS[current]:
        _promise_step(promise, advice.contact, target, **kwargs)
        promise.refresh_from_db()
        assert promise.status == target
        assert promise.notes.last().status == target
        assert (promise.drop_reason != "") == (target == P.DROPPED)
    else:
        with pytest.raises(InvalidTransition):
            _promise_step(promise, advice.contact, target, **kwargs)
        assert Promise.objects.get(pk=promise.pk).status == current


@pytest.mark.parametrize("target", sorted(VERDICT_ONLY))
def test_a_progress_note_cannot_say_a_promise_was_not_kept(advice_at, target):
    advice = advice_at("answered")
    promise = _promise_in(advice, P.ON_TRACK)

    with pytest.raises(DomainError, match="Only the evaluation"):
        followup.update_promise(promise=promise, by=advice.contact, note="Nee.", status=target)
    assert Promise.objects.get(pk=promise.pk).status == P.ON_TRACK


@pytest.mark.parametrize("current", P.values)
def test_staying_in_a_promise_status_is_a_note_only(advice_at, current):
    advice = advice_at("answered")
    promise = _promise_in(advice, current)
    notes = promise.notes.count()

    followup.update_promise(promise=promise, by=advice.contact, note="Nog even.", status=current)

    promise.refresh_from_db()
    assert promise.status == current and promise.notes.count() == notes + 1
    assert (promise.drop_reason == "Geen geld.") == (current == P.DROPPED)  # the reason stays


@pytest.mark.parametrize("current", [P.NEW, P.ON_TRACK])
def test_dropping_without_a_reason_is_refused(advice_at, current):
    advice = advice_at("answered")
    promise = _promise_in(advice, current)

    with pytest.raises(DomainError, match="Say why the promise is dropped"):
        followup.update_promise(promise=promise, by=advice.contact, note="Stop.", status=P.DROPPED)
    assert Promise.objects.get(pk=promise.pk).status == current


# --- the evaluation ------------------------------------------------------------------------


def _fill(evaluation: AdviceEvaluation, by) -> None:
    followup.save_evaluation(
        evaluation=evaluation, by=by, held_on=timezone.localdate(), participants="ASD",
        what_happened="Loket.", effect="Minder wachten.", body_appraisal="Goed.",
        verdicts={p.pk: (Kept.KEPT, "") for p in evaluation.advice.promises.all()},
    )  # fmt: skip


def _evaluation_step(evaluation: AdviceEvaluation, by, target: str) -> None:
    if target == E.DONE:
        followup.complete_evaluation(evaluation=evaluation, by=by)
    else:
        followup.save_evaluation(evaluation=evaluation, by=by, lessons="Eerder beginnen.")


@pytest.mark.parametrize(("current", "target"), list(product(E.values, E.values)))
def test_evaluation_transition(advice_at, current, target):
    advice = advice_at("answered" if current == E.PLANNED else "closed")
    evaluation = AdviceEvaluation.objects.get(advice=advice)
    if current == E.PLANNED:
        _fill(evaluation, advice.contact)

    if current == target == E.PLANNED:  # staying planned: saving, not a transition
        _evaluation_step(evaluation, advice.contact, target)
        assert AdviceEvaluation.objects.get(pk=evaluation.pk).lessons == "Eerder beginnen."
    elif target in EVALUATION_TRANSITIONS[current]:
        _evaluation_step(evaluation, advice.contact, target)
        assert AdviceEvaluation.objects.get(pk=evaluation.pk).status == target
    else:
        with pytest.raises(DomainError, match="done and can no longer change"):
            _evaluation_step(evaluation, advice.contact, target)
        assert AdviceEvaluation.objects.get(pk=evaluation.pk).status == current


def test_an_incomplete_evaluation_cannot_be_done(advice_at):
    advice = advice_at("answered")
    evaluation = AdviceEvaluation.objects.get(advice=advice)

    with pytest.raises(DomainError, match="the date it was held"):
        followup.complete_evaluation(evaluation=evaluation, by=advice.contact)
    assert AdviceEvaluation.objects.get(pk=evaluation.pk).status == E.PLANNED
