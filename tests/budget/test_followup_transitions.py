"""The evaluation and accountability tables, tested over every (from, to) pair, and every
evaluation and accountability service refusing from every status it does not start from."""

import itertools
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from budget import services
from budget.enums import (
    ACCOUNTABILITY_TRANSITIONS,
    EVALUATION_TRANSITIONS,
    AccountabilityStatus,
    ApplicationStatus,
    Continuation,
    EvaluationStatus,
)
from budget.models import Accountability, Application, Evaluation, Tranche
from budget.services.accountability import change_accountability_status
from budget.services.evaluation import change_evaluation_status
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent
from tests.budget.followup_helpers import PNG, fill_in, grant, recorded
from tests.factories import UserFactory
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

E = EvaluationStatus
A = AccountabilityStatus
S = ApplicationStatus


def test_the_evaluation_table():
    assert {
        "planned": {"recorded", "cancelled"},
        "recorded": {"planned", "decided", "cancelled"},
        "decided": set(),
        "cancelled": set(),
    } == EVALUATION_TRANSITIONS


def test_the_accountability_table():
    assert {
        "open": {"submitted"},
        "submitted": {"more_asked", "settled"},
        "more_asked": {"submitted"},
        "settled": set(),
    } == ACCOUNTABILITY_TRANSITIONS


@pytest.fixture(scope="module")
def base(django_db_setup, django_db_blocker):
    """A grant whose evaluation is written down with a complete draft decision ("continue")
    and whose accountability is filled in; every test moves the rows where it needs them."""
    yield from built_once(django_db_blocker, _build_base)


def _build_base() -> SimpleNamespace:
    application, holder, facilitator = grant()
    evaluation = recorded(application, holder, facilitator)
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Het gaat goed.",
        outcome=Continuation.CONTINUE,
    )  # fmt: skip
    accountability = fill_in(application)
    return SimpleNamespace(
        application=application, evaluation=evaluation, accountability=accountability,
        holder=holder, facilitator=facilitator, lead=application.initiative.created_by,
    )  # fmt: skip


def _put_evaluation(base, status: str) -> None:
    Evaluation.objects.filter(pk=base.evaluation.pk).update(
        status=status, decided_at=timezone.now() if status == E.DECIDED else None
    )


def _put_accountability(base, status: str) -> None:
    Accountability.objects.filter(pk=base.accountability.pk).update(
        status=status, settled_at=timezone.now() if status == A.SETTLED else None
    )


# --- Every pair ----------------------------------------------------------------------------


@pytest.mark.parametrize(("current", "target"), list(itertools.product(E.values, E.values)))
def test_every_evaluation_pair(base, db, current, target):
    _put_evaluation(base, current)
    by = UserFactory(role="facilitator")
    allowed = target in EVALUATION_TRANSITIONS[current]

    if allowed:
        change_evaluation_status(evaluation=base.evaluation, to=target, by=by, reason="omdat")
    else:
        with pytest.raises(InvalidTransition):
            change_evaluation_status(evaluation=base.evaluation, to=target, by=by, reason="x")

    stored = Evaluation.objects.get(pk=base.evaluation.pk)
    events = list(
        AuditEvent.objects.for_subject(stored).filter(action="evaluation.status", actor=by)
    )
    if allowed:
        assert stored.status == target
        assert [(e.reason, e.data) for e in events] == [("omdat", {"from": current, "to": target})]
        if target == E.RECORDED:
            assert stored.recorded_by == by
        if target == E.DECIDED:
            assert (stored.decided_by, stored.decided_at is not None) == (by, True)
    else:
        assert stored.status == current
        assert events == []
        assert stored.recorded_by == base.facilitator
        assert stored.decided_by is None


@pytest.mark.parametrize(("current", "target"), list(itertools.product(A.values, A.values)))
def test_every_accountability_pair(base, db, current, target):
    _put_accountability(base, current)
    by = UserFactory(role="facilitator")
    allowed = target in ACCOUNTABILITY_TRANSITIONS[current]

    if allowed:
        change_accountability_status(
            accountability=base.accountability, to=target, by=by, reason="omdat"
        )
    else:
        with pytest.raises(InvalidTransition):
            change_accountability_status(
                accountability=base.accountability, to=target, by=by, reason="x"
            )

    stored = Accountability.objects.get(pk=base.accountability.pk)
    events = list(
        AuditEvent.objects.for_subject(stored).filter(action="accountability.status", actor=by)
    )
    if allowed:
        assert stored.status == target
        assert [(e.reason, e.data) for e in events] == [("omdat", {"from": current, "to": target})]
        if target == A.SUBMITTED:
            assert (stored.submitted_by, stored.submitted_at is not None) == (by, True)
        if target == A.SETTLED:
            assert (stored.settled_by, stored.settled_at is not None) == (by, True)
    else:
        assert stored.status == current
        assert events == []
        assert (stored.submitted_by, stored.settled_by) == (None, None)


# --- Every service from every status -------------------------------------------------------


def _plan_visit(b):
    services.plan_visit(
        evaluation=b.evaluation, by=b.facilitator, visit_on=date(2027, 4, 20),
        visitors=[b.facilitator],
    )  # fmt: skip


def _save_record(b):
    services.save_evaluation_record(
        evaluation=b.evaluation, by=b.facilitator, step=2, data={"hard": "Anders."}
    )


def _decide(b):
    services.decide_continuation(evaluation=b.evaluation, by=b.holder)


# name: (call, statuses it starts from, check of what it did)
EVALUATION_SERVICES = {
    "plan_visit": (
        _plan_visit, {E.PLANNED}, lambda e: e.visit_on == date(2027, 4, 20)
    ),
    "save_record": (_save_record, {E.PLANNED}, lambda e: e.hard == "Anders."),
    "complete_record": (
        lambda b: services.complete_evaluation_record(evaluation=b.evaluation, by=b.facilitator),
        {E.PLANNED}, lambda e: e.status == E.RECORDED,
    ),
    "resident_view": (
        lambda b: services.save_resident_view(evaluation=b.evaluation, by=b.lead, text="Fijn."),
        {E.PLANNED, E.RECORDED}, lambda e: e.resident_view == "Fijn.",
    ),
    "reopen": (
        lambda b: services.reopen_evaluation(evaluation=b.evaluation, by=b.holder, reason="Meer."),
        {E.RECORDED}, lambda e: e.status == E.PLANNED,
    ),
    "save_continuation": (
        lambda b: services.save_continuation(
            evaluation=b.evaluation, by=b.holder, reasons="Stop.", outcome=Continuation.STOP
        ),
        {E.RECORDED}, lambda e: (e.status, e.outcome) == (E.RECORDED, Continuation.STOP),
    ),
    "decide": (
        _decide, {E.RECORDED},
        lambda e: e.status == E.DECIDED and e.tranches.get().state == "released",
    ),
}  # fmt: skip


def _evaluation_state(base) -> tuple:
    e = Evaluation.objects.get(pk=base.evaluation.pk)
    events = AuditEvent.objects.for_subject(e).count()
    return (e.status, e.visit_on, e.hard, e.resident_view, e.outcome, events)


@pytest.mark.parametrize("status", E.values)
@pytest.mark.parametrize("name", sorted(EVALUATION_SERVICES))
def test_each_evaluation_service_only_from_its_statuses(base, db, name, status):
    action, starts_from, did = EVALUATION_SERVICES[name]
    _put_evaluation(base, status)

    if status in starts_from:
        action(base)
        assert did(Evaluation.objects.get(pk=base.evaluation.pk))
        return
    before = _evaluation_state(base)
    with pytest.raises(DomainError):
        action(base)
    assert _evaluation_state(base) == before
    assert Tranche.objects.get(after_evaluation=base.evaluation).state == "waiting"


@pytest.mark.parametrize("application_status", [S.STOPPED, S.CLOSED])
@pytest.mark.parametrize("name", sorted(EVALUATION_SERVICES))
def test_no_evaluation_service_once_the_grant_no_longer_runs(base, db, name, application_status):
    action, starts_from, _did = EVALUATION_SERVICES[name]
    _put_evaluation(base, sorted(starts_from)[0])
    Application.objects.filter(pk=base.application.pk).update(status=application_status)
    before = _evaluation_state(base)

    with pytest.raises(DomainError):
        action(base)

    assert _evaluation_state(base) == before


def _add_file(b):
    services.add_accountability_file(
        accountability=b.accountability, by=b.lead, upload=SimpleUploadedFile("bon.png", PNG)
    )


ACCOUNTABILITY_SERVICES = {
    "save_step": (
        lambda b: services.save_accountability_step(
            accountability=b.accountability, by=b.lead, step=4, data={"lessons": "Begin klein."}
        ),
        {A.OPEN, A.MORE_ASKED}, lambda a: a.lessons == "Begin klein.",
    ),
    "add_file": (
        _add_file, {A.OPEN, A.MORE_ASKED},
        lambda a: a.application.attachments.filter(for_accountability=True).count() == 1,
    ),
    "submit": (
        lambda b: services.submit_accountability(accountability=b.accountability, by=b.lead),
        {A.OPEN, A.MORE_ASKED}, lambda a: a.status == A.SUBMITTED,
    ),
    "ask_for_more": (
        lambda b: services.ask_for_more(
            accountability=b.accountability, by=b.facilitator, question="De bonnen?"
        ),
        {A.SUBMITTED}, lambda a: (a.status, a.question) == (A.MORE_ASKED, "De bonnen?"),
    ),
    "settle": (
        lambda b: services.settle_accountability(accountability=b.accountability, by=b.facilitator),
        {A.SUBMITTED},
        lambda a: (a.status, a.application.status, a.spent) == (
            A.SETTLED, S.CLOSED, Decimal("250.00"),
        ),
    ),
}  # fmt: skip


def _accountability_state(base) -> tuple:
    a = Accountability.objects.get(pk=base.accountability.pk)
    return (
        a.status, a.lessons, a.question, a.spent, a.application.status,
        a.application.attachments.count(), AuditEvent.objects.for_subject(a).count(),
    )  # fmt: skip


@pytest.mark.parametrize("status", A.values)
@pytest.mark.parametrize("name", sorted(ACCOUNTABILITY_SERVICES))
def test_each_accountability_service_only_from_its_statuses(base, db, name, status):
    action, starts_from, did = ACCOUNTABILITY_SERVICES[name]
    _put_accountability(base, status)

    if status in starts_from:
        action(base)
        assert did(Accountability.objects.get(pk=base.accountability.pk))
        return
    before = _accountability_state(base)
    with pytest.raises(DomainError):
        action(base)
    assert _accountability_state(base) == before


@pytest.mark.parametrize("name", sorted(ACCOUNTABILITY_SERVICES))
def test_a_stopped_grant_still_accounts_a_closed_one_no_more(base, db, name):
    action, starts_from, did = ACCOUNTABILITY_SERVICES[name]
    _put_accountability(base, sorted(starts_from)[0])
    Application.objects.filter(pk=base.application.pk).update(status=S.CLOSED)
    before = _accountability_state(base)
    with pytest.raises(DomainError):
        action(base)
    assert _accountability_state(base) == before

    Application.objects.filter(pk=base.application.pk).update(status=S.STOPPED)
    action(base)
    assert did(Accountability.objects.get(pk=base.accountability.pk))
