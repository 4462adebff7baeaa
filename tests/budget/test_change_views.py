"""The pages of SC-15/SC-16: proposing a change during the open period, approving or refusing
it as a second person, and the budget-integrity log that shows both names."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget import services
from budget.enums import ApplicationStatus, ChangeStatus
from budget.models import Application, BudgetChange, BudgetLine
from tests.factories import UserFactory, application_in, open_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def line():
    line, _holder = open_line(allocation="5000.00", name="Smeerolie Waterwijk")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    return BudgetLine.objects.get(pk=line.pk)


def test_removing_the_only_holder_is_not_offered(client, line):
    client.force_login(UserFactory(role="facilitator_coordinator"))

    page = client.get(reverse("budget:holders", args=[line.pk]))
    forced = client.post(
        reverse("budget:holders", args=[line.pk]),
        {"holder": line.decision_holders.get().pk, "add": "0", "reason": "Vertrekt"},
    )

    assert 'value="0"' not in page.text and "enige budgethouder" in page.text
    assert forced.status_code == 200 and not BudgetChange.objects.exists()


def test_a_proposal_is_approved_by_a_second_person_and_logged_with_both(client, line):
    admin = UserFactory(role="administrator", full_name="Sanne Willems")
    coordinator = UserFactory(role="facilitator_coordinator", full_name="Yvonne Kok")
    newcomer = UserFactory(role="budget_decision_holder", full_name="Ahmed Yilmaz")
    application = application_in(ApplicationStatus.AWAITING_DECISION, line=line)
    client.force_login(admin)

    proposed = client.post(
        reverse("budget:holders", args=[line.pk]),
        {"holder": newcomer.pk, "add": "1", "take_over": "on", "reason": "Verlof van Anouk"},
    )
    change = BudgetChange.objects.get()
    own = client.post(change.get_absolute_url(), {"action": "approve"})
    client.force_login(UserFactory(role="budget_decision_holder"))
    holder = client.post(change.get_absolute_url(), {"action": "approve"})
    client.force_login(coordinator)
    approved = client.post(change.get_absolute_url(), {"action": "approve"})
    log = client.get(reverse("budget:integrity-log", args=[line.fund_id]))

    assert proposed["Location"] == change.get_absolute_url()
    assert own.status_code == 403 and holder.status_code == 403
    assert approved.status_code == 302
    assert BudgetChange.objects.get().status == ChangeStatus.APPROVED
    assert Application.objects.get(pk=application.pk).decider == newcomer
    row = next(r for r in log.text.split("<tr") if "Verlof van Anouk" in r)
    assert "Sanne Willems" in row and "Yvonne Kok" in row and "Ahmed Yilmaz" in row


def test_a_refusal_needs_a_reason_and_shows_in_the_log(client, line):
    change = services.propose_out_of_purpose(
        by=UserFactory(role="administrator"), line=line, amount=Decimal("500"),
        destination="cut", reason="Bezuiniging",
    )  # fmt: skip
    client.force_login(UserFactory(role="administrator", full_name="Bram Beheer"))

    empty = client.post(change.get_absolute_url(), {"action": "refuse", "reason": ""})
    still_open = BudgetChange.objects.get().is_open
    refused = client.post(change.get_absolute_url(), {"action": "refuse", "reason": "Niet nu"})
    log = client.get(reverse("budget:integrity-log", args=[line.fund_id]))

    assert empty.status_code == 200 and still_open
    assert refused.status_code == 302
    assert BudgetChange.objects.get().status == ChangeStatus.REFUSED
    assert "Niet nu" in log.text and "Bram Beheer" in log.text
    assert BudgetLine.objects.get(pk=line.pk).remaining == Decimal("5000.00")


def test_the_proposer_withdraws_and_others_cannot(client, line):
    admin = UserFactory(role="administrator")
    change = services.propose_out_of_purpose(
        by=admin, line=line, amount=Decimal("500"), destination="cut", reason="Bezuiniging"
    )
    client.force_login(UserFactory(role="facilitator_coordinator"))
    page = client.get(change.get_absolute_url())
    other = client.post(change.get_absolute_url(), {"action": "withdraw"})
    client.force_login(admin)
    withdrawn = client.post(change.get_absolute_url(), {"action": "withdraw"})

    assert "Trek het voorstel in" not in page.text and "Keur de wijziging goed" in page.text
    assert other.status_code == 403
    assert withdrawn.status_code == 302
    assert BudgetChange.objects.get().status == ChangeStatus.WITHDRAWN


def test_a_proposal_above_what_is_free_is_refused_in_dutch(client, line):
    client.force_login(UserFactory(role="administrator"))

    response = client.post(
        reverse("budget:out-of-purpose", args=[line.fund_id]),
        {"line": line.pk, "amount": "5000,01", "destination": "cut", "reason": "Bezuiniging"},
    )

    assert response.status_code == 200
    assert "Je kunt maximaal verschuiven wat er op de lijn over is: € 5.000,00." in response.text
    assert not BudgetChange.objects.exists()
