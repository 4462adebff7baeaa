"""The application lifecycle table, tested over every (from, to) pair, and every service
refusing from every status it does not start from."""

import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from budget import services
from budget.enums import APPLICATION_TRANSITIONS, DECIDED_STATUSES, ApplicationStatus
from budget.models import Application
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent
from tests.factories import UserFactory, application_in, filled_application, open_line
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

S = ApplicationStatus
PAIRS = list(itertools.product(S.values, S.values))
GRANTED = (S.GRANTED, S.PARTLY_GRANTED, S.STOPPED, S.CLOSED)


def test_table_is_what_the_issue_describes():
    assert {
        "draft": {"submitted", "withdrawn"},
        "submitted": {"in_assessment", "withdrawn"},
        "in_assessment": {"draft", "awaiting_decision", "withdrawn"},
        "awaiting_decision": {
            "in_assessment", "granted", "partly_granted", "rejected", "withdrawn"
        },
        "granted": {"stopped", "closed"},
        "partly_granted": {"stopped", "closed"},
        "stopped": {"closed"},
        "rejected": set(),
        "withdrawn": set(),
        "closed": set(),
    } == APPLICATION_TRANSITIONS  # fmt: skip


@pytest.fixture(scope="module")
def base(django_db_setup, django_db_blocker):
    """One filled draft and one award to point at; every pair test rewrites the row."""
    yield from built_once(django_db_blocker, _build_base)


def _build_base():
    line, holder = open_line(allocation="5000.00")
    application = filled_application(line=line)
    award = services.approve_award(by=holder, line=line, amount=Decimal("10.00"), description="x")
    return application, award


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_every_transition_pair(base, db, current, target):
    application, award = base
    now = timezone.now()
    decided = current in DECIDED_STATUSES
    Application.objects.filter(pk=application.pk).update(
        status=current, submitted_at=now, published_at=now if decided else None,
        award=None if S.REJECTED in (current, target) and current not in GRANTED else award,
    )  # fmt: skip
    by = UserFactory(role="facilitator")
    allowed = target in APPLICATION_TRANSITIONS[current]

    if allowed:
        services.change_application_status(
            application=application, to=target, by=by, reason="omdat"
        )
    else:
        with pytest.raises(InvalidTransition):
            services.change_application_status(application=application, to=target, by=by)

    stored = Application.objects.get(pk=application.pk)
    events = list(AuditEvent.objects.for_subject(application).filter(action="application.status"))
    if allowed:
        assert stored.status == target
        assert events[-1].actor == by
        assert (events[-1].reason, events[-1].data) == ("omdat", {"from": current, "to": target})
        assert (stored.published_at is not None) == (target in DECIDED_STATUSES)
        if current in DECIDED_STATUSES:  # the first publication date stays
            assert stored.published_at == now
    else:
        assert stored.status == current
        assert not [e for e in events if e.actor == by]


SERVICES = {
    "submit": (lambda a, p: services.submit_application(application=a, by=p["lead"]), {S.DRAFT}),
    "withdraw": (
        lambda a, p: services.withdraw_application(application=a, by=p["lead"]),
        {S.DRAFT, S.SUBMITTED, S.IN_ASSESSMENT, S.AWAITING_DECISION},
    ),
    "assess": (
        lambda a, p: services.save_assessment(application=a, by=p["facilitator"], legal_check="ok"),
        {S.SUBMITTED, S.IN_ASSESSMENT},
    ),
    "return": (
        lambda a, p: services.return_to_applicant(
            application=a, by=p["facilitator"], reason="Er ontbreekt een offerte."
        ),
        {S.IN_ASSESSMENT},
    ),
    "complete": (
        lambda a, p: services.complete_assessment(application=a, by=p["facilitator"]),
        {S.IN_ASSESSMENT},
    ),
    "send_back": (
        lambda a, p: services.send_back_to_assessment(
            application=a, by=p["holder"], reason="Het bedrag klopt niet."
        ),
        {S.AWAITING_DECISION},
    ),
    "publish": (
        lambda a, p: services.publish_decision(application=a, by=p["holder"]),
        {S.AWAITING_DECISION},
    ),
}
REACHABLE = [S.DRAFT, S.SUBMITTED, S.IN_ASSESSMENT, S.AWAITING_DECISION, S.GRANTED, S.WITHDRAWN]


@pytest.fixture(scope="module")
def in_each_status(django_db_setup, django_db_blocker):
    """An application in each reachable status with its people, built once for the 42 tests
    below (each moves it in its own savepoint): {status: (pk, people)}."""
    yield from built_once(django_db_blocker, _build_in_each_status)


def _build_in_each_status():
    built = {}
    for status in REACHABLE:
        line, holder = open_line(allocation="5000.00")
        facilitator = UserFactory(role="facilitator")
        application = application_in(status, line=line, facilitator=facilitator)
        people = {
            "lead": application.initiative.created_by,
            "facilitator": facilitator,
            "holder": holder,
        }
        built[status] = (application.pk, people)
    return built


@pytest.mark.parametrize("status", REACHABLE)
@pytest.mark.parametrize("name", sorted(SERVICES))
def test_each_service_only_from_its_statuses(in_each_status, db, status, name):
    """Every service refuses, and changes nothing, from a status it does not start from."""
    pk, people = in_each_status[status]
    application = Application.objects.get(pk=pk)
    action, starts_from = SERVICES[name]
    if status in starts_from:
        try:
            action(application, people)
        except DomainError as error:  # allowed from here, but maybe refused for content
            assert not isinstance(error, InvalidTransition)
        return
    with pytest.raises(DomainError):
        action(application, people)
    assert Application.objects.get(pk=application.pk).status == status
