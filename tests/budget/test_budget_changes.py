"""Four eyes on a change during the open period (SC-15 "tenzij…", SC-16): a proposal waits
for a second administrator or coordinator; the change happens only when approved, with both
names on the budget-integrity log. An open line always keeps a decision holder, and an open
application keeps its decider unless an approved change reassigns it."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from budget import services
from budget.enums import CHANGE_TRANSITIONS, ApplicationStatus, ChangeStatus, OutOfPurpose
from budget.models import Application, BudgetChange, BudgetLine, IntegrityEntry
from budget.permissions import can_decide
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent, OutboxMessage
from tests.factories import UserFactory, application_in, open_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "admin": UserFactory(role="administrator", full_name="Sanne Willems"),
        "coordinator": UserFactory(role="facilitator_coordinator", full_name="Yvonne Kok"),
    }


def _open(allocation="1000.00", **kwargs):
    line, holder = open_line(allocation=allocation, **kwargs)
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    return BudgetLine.objects.get(pk=line.pk), holder


def _add(line, by, holder, **kwargs):
    return services.propose_holder_change(
        by=by, line=line, holder=holder, add=True, reason="Verlof van de wethouder", **kwargs
    )


def test_an_open_line_always_keeps_a_holder(people):
    line, holder = _open()

    with pytest.raises(DomainError, match="enige"):
        services.propose_holder_change(
            by=people["admin"], line=line, holder=holder, add=False, reason="Vertrekt"
        )
    with pytest.raises(DomainError, match="enige"):
        services.change_decision_holder(
            by=people["admin"], line=line, holder=holder, add=False, reason="Vertrekt",
            approved_by=people["coordinator"],
        )  # fmt: skip
    assert list(line.decision_holders.all()) == [holder]


def test_two_removals_approved_one_after_the_other_leave_the_last_holder(people):
    second = UserFactory(role="budget_decision_holder")
    line, first = _open(holders=None)
    line.decision_holders.add(second)
    one, two = (
        services.propose_holder_change(
            by=people["admin"], line=line, holder=h, add=False, reason="Vertrekt"
        )
        for h in (first, second)
    )
    services.approve_change(by=people["coordinator"], change=one)

    with pytest.raises(DomainError, match="enige"):
        services.approve_change(by=people["coordinator"], change=two)
    assert list(line.decision_holders.all()) == [second]
    assert BudgetChange.objects.get(pk=two.pk).status == ChangeStatus.PROPOSED


def test_a_holder_change_waits_for_approval_and_logs_both_names(people):
    line, holder = _open()
    newcomer = UserFactory(role="budget_decision_holder", full_name="Ahmed Yilmaz")

    change = _add(line, people["admin"], newcomer)

    assert list(line.decision_holders.all()) == [holder]
    assert not IntegrityEntry.objects.exists()
    to = {address for m in OutboxMessage.objects.all() for address in m.to}
    assert people["coordinator"].email in to and people["admin"].email not in to

    services.approve_change(by=people["coordinator"], change=change)

    assert set(line.decision_holders.all()) == {holder, newcomer}
    entry = IntegrityEntry.objects.get()
    assert (entry.act, entry.holder, entry.by, entry.approved_by, entry.reason) == (
        "holder_added", newcomer, people["admin"], people["coordinator"],
        "Verlof van de wethouder",
    )  # fmt: skip
    change.refresh_from_db()
    assert (change.status, change.decided_by, change.entry) == (
        ChangeStatus.APPROVED, people["coordinator"], entry,
    )  # fmt: skip


def test_self_approval_is_refused_by_the_service_and_the_database(people):
    line, _holder = _open()
    change = _add(line, people["admin"], UserFactory(role="budget_decision_holder"))

    with pytest.raises(DomainError, match="tweede persoon"):
        services.approve_change(by=people["admin"], change=change)
    with pytest.raises(DomainError, match="tweede persoon"):
        services.refuse_change(by=people["admin"], change=change, reason="Niet nodig op deze lijn.")
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetChange.objects.filter(pk=change.pk).update(
            status=ChangeStatus.REFUSED, decided_by=people["admin"], refusal_reason="x",
            decided_at=change.proposed_at,
        )  # fmt: skip


@pytest.mark.parametrize("role", ["facilitator", "budget_decision_holder", "read_only"])
def test_only_an_administrator_or_coordinator_approves_or_proposes(people, role):
    line, _holder = _open()
    change = _add(line, people["admin"], UserFactory(role="budget_decision_holder"))
    other = UserFactory(role=role)

    with pytest.raises(DomainError):
        services.approve_change(by=other, change=change)
    with pytest.raises(DomainError):
        _add(line, other, UserFactory(role="budget_decision_holder"))
    assert BudgetChange.objects.get(pk=change.pk).status == ChangeStatus.PROPOSED


def _act(to, change, people):
    if to == ChangeStatus.APPROVED:
        return services.approve_change(by=people["coordinator"], change=change)
    if to == ChangeStatus.REFUSED:
        return services.refuse_change(
            by=people["coordinator"], change=change, reason="Niet nodig op deze lijn."
        )
    return services.withdraw_change(by=people["admin"], change=change)


@pytest.mark.parametrize("start", ChangeStatus.values)
@pytest.mark.parametrize("to", [s for s in ChangeStatus.values if s != ChangeStatus.PROPOSED])
def test_every_transition_of_a_proposal(people, start, to):
    line, _holder = _open()
    change = _add(line, people["admin"], UserFactory(role="budget_decision_holder"))
    if start != ChangeStatus.PROPOSED:
        _act(start, change, people)

    if to in CHANGE_TRANSITIONS[start]:
        _act(to, change, people)
        assert BudgetChange.objects.get(pk=change.pk).status == to
    else:
        with pytest.raises(InvalidTransition):
            _act(to, change, people)
        assert BudgetChange.objects.get(pk=change.pk).status == start


def test_a_refusal_needs_a_reason_and_changes_nothing(people):
    line, holder = _open()
    change = _add(line, people["admin"], UserFactory(role="budget_decision_holder"))

    with pytest.raises(DomainError):
        services.refuse_change(by=people["coordinator"], change=change, reason=" ")
    services.refuse_change(by=people["coordinator"], change=change, reason="Niet nodig")

    assert list(line.decision_holders.all()) == [holder]
    assert not IntegrityEntry.objects.exists()
    assert AuditEvent.objects.filter(action="change.refused", reason="Niet nodig").exists()


def test_only_the_proposer_withdraws(people):
    line, _holder = _open()
    change = _add(line, people["admin"], UserFactory(role="budget_decision_holder"))

    with pytest.raises(DomainError):
        services.withdraw_change(by=people["coordinator"], change=change)
    services.withdraw_change(by=people["admin"], change=change)
    assert BudgetChange.objects.get(pk=change.pk).status == ChangeStatus.WITHDRAWN


def test_before_opening_no_proposal_is_needed(people):
    line, _holder = open_line()
    with pytest.raises(DomainError, match="direct"):
        _add(line, people["admin"], UserFactory(role="budget_decision_holder"))


def test_an_open_application_keeps_its_decider_when_their_line_changes(people):
    line, holder = _open(allocation="5000.00")
    application = application_in(ApplicationStatus.AWAITING_DECISION, line=line)
    newcomer = UserFactory(role="budget_decision_holder", full_name="Aaron Aarts")
    assert application.decider == holder

    services.approve_change(by=people["coordinator"], change=_add(line, people["admin"], newcomer))
    application.refresh_from_db()
    assert application.decider == holder  # no reassignment asked: the decider stays
    assert not can_decide(newcomer, application)  # another holder of the line reads only
    removal = services.propose_holder_change(
        by=people["admin"], line=line, holder=holder, add=False, reason="Vertrekt"
    )
    services.approve_change(by=people["coordinator"], change=removal)

    application = Application.objects.get(pk=application.pk)
    assert application.decider == holder and can_decide(holder, application)
    assert not can_decide(UserFactory(role="budget_decision_holder"), application)


def test_an_approved_reassignment_notifies_the_applicant_once(people):
    line, holder = _open(allocation="5000.00")
    application = application_in(ApplicationStatus.AWAITING_DECISION, line=line)
    lead = application.initiative.created_by
    newcomer = UserFactory(role="budget_decision_holder", full_name="Ahmed Yilmaz")
    before = OutboxMessage.objects.filter(to__contains=[lead.email]).count()

    change = _add(line, people["admin"], newcomer, reassign_to=newcomer)
    services.approve_change(by=people["coordinator"], change=change)

    application.refresh_from_db()
    assert application.decider == newcomer
    notices = OutboxMessage.objects.filter(to__contains=[lead.email])
    assert notices.count() == before + 1
    assert "Ahmed Yilmaz" in notices.order_by("-pk").first().body
    assert (
        AuditEvent.objects.filter(
            action="application.decider_changed", reason="Verlof van de wethouder"
        ).count()
        == 1
    )
    assert can_decide(newcomer, application) and not can_decide(holder, application)


def test_out_of_purpose_proposal_is_made_when_approved(people):
    line, _holder = _open()
    with pytest.raises(DomainError, match="maximaal"):
        services.propose_out_of_purpose(
            by=people["admin"], line=line, amount=Decimal("1000.01"),
            destination=OutOfPurpose.CUT, reason="Bezuiniging",
        )  # fmt: skip
    change = services.propose_out_of_purpose(
        by=people["admin"], line=line, amount=Decimal("400.00"), destination=OutOfPurpose.CUT,
        reason="Bezuiniging",
    )  # fmt: skip
    assert BudgetLine.objects.get(pk=line.pk).remaining == Decimal("1000.00")

    services.approve_change(by=people["coordinator"], change=change)

    assert BudgetLine.objects.get(pk=line.pk).remaining == Decimal("600.00")
    entry = IntegrityEntry.objects.get()
    assert (entry.act, entry.by, entry.approved_by) == (
        "out_of_purpose", people["admin"], people["coordinator"],
    )  # fmt: skip


def test_a_reallocation_during_the_period_needs_an_approver(people):
    line, _holder = open_line(allocation="1000.00")
    other, _ = open_line(fund=line.fund, allocation="100.00")
    services.open_fund(by=people["admin"], fund=line.fund)

    with pytest.raises(DomainError, match="tweede persoon"):
        services.reallocate(
            by=people["admin"], from_line=line, to_line=other, amount=Decimal("50"),
            reason="Meer aanvragen",
        )  # fmt: skip
    change = services.propose_reallocation(
        by=people["admin"], from_line=line, to_line=other, amount=Decimal("50"),
        reason="Meer aanvragen",
    )  # fmt: skip
    services.approve_change(by=people["coordinator"], change=change)

    assert BudgetLine.objects.get(pk=other.pk).allocation == Decimal("150.00")
    assert IntegrityEntry.objects.get().approved_by == people["coordinator"]


def test_the_approvers_have_the_proposal_on_their_tasks_and_the_proposer_not(people):
    from budget.worklist import tasks_for

    line, _holder = _open()
    change = _add(line, people["admin"], UserFactory(role="budget_decision_holder"))
    holder_of_another_line = open_line()[1]

    def keys(user):
        return {task.key for task in tasks_for(user)}

    assert f"budget-change-{change.pk}" in keys(people["coordinator"])
    assert f"budget-change-{change.pk}" not in keys(people["admin"])
    assert f"budget-change-{change.pk}" not in keys(holder_of_another_line)
    services.approve_change(by=people["coordinator"], change=change)
    assert f"budget-change-{change.pk}" not in keys(people["coordinator"])
