"""The facilitator's week, its count on the dashboard, and the residents' to-do: what is in
them on which day, for whom."""

from datetime import date

import pytest
from django.urls import reverse

from budget import selectors, services
from budget.models import Evaluation
from tests.budget.followup_helpers import grant, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_week_overdue_visits_and_review_for_the_facilitator_only():
    application, _holder, facilitator = grant()  # evaluation 1 May 2027, due 31 Dec 2027
    evaluation = application.evaluations.get()
    services.plan_visit(evaluation=evaluation, by=facilitator, visit_on=date(2027, 4, 29),
                        visitors=[facilitator])  # fmt: skip
    other = UserFactory(role="facilitator")
    coordinator = UserFactory(role="facilitator_coordinator")

    before = selectors.follow_up_for(facilitator, today=date(2027, 4, 23))
    week = selectors.follow_up_for(facilitator, today=date(2027, 4, 25))
    late = selectors.follow_up_for(facilitator, today=date(2027, 5, 2))

    assert before["this_week"] == [] and before["overdue"] == []
    assert week["this_week"] == [evaluation] and week["visits"] == [evaluation]
    assert late["overdue"] == [evaluation] and late["this_week"] == []
    assert selectors.follow_up_count(facilitator, today=date(2027, 5, 2)) == 1
    assert selectors.follow_up_count(other, today=date(2027, 5, 2)) == 0
    assert selectors.follow_up_count(coordinator, today=date(2027, 5, 2)) == 1
    assert selectors.follow_up_for(other, today=date(2027, 5, 2))["overdue"] == []

    accountability = submitted(application)
    assert selectors.follow_up_for(facilitator)["to_review"] == [accountability]


def test_the_residents_to_do_before_an_evaluation_and_the_accountability():
    application, _holder, _facilitator = grant()
    lead = application.initiative.created_by
    evaluation = application.evaluations.get()

    assert selectors.resident_tasks(lead, today=date(2027, 4, 16)) == []
    tasks = selectors.resident_tasks(lead, today=date(2027, 4, 17))
    assert [link for _text, link in tasks] == [evaluation.get_absolute_url()]
    assert selectors.resident_tasks(UserFactory(role="resident"), today=date(2027, 4, 17)) == []

    services.save_resident_view(evaluation=evaluation, by=lead, text="Het gaat goed.")
    assert selectors.resident_tasks(lead, today=date(2027, 4, 17)) == []

    Evaluation.objects.filter(pk=evaluation.pk).update(status="cancelled")
    due = selectors.resident_tasks(lead, today=date(2027, 12, 1))
    assert [link for _text, link in due] == [application.accountability.get_absolute_url()]


def test_the_follow_up_page_lists_what_is_overdue(client, time_machine):
    application, _holder, facilitator = grant()
    time_machine.move_to(date(2027, 5, 3))
    client.force_login(facilitator)
    page = client.get(reverse("budget:follow-up"))
    assert page.status_code == 200
    assert page.context["overdue"] == [application.evaluations.get()]
    assert application.initiative.title in page.content.decode()
