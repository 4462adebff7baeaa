"""P1 for the facilitator's week: two queries whatever is in it (the evaluations and the
accountability of all its sections), the visitors' names included, and the count on the
dashboard is the page's "overdue" and "this week" together."""

from datetime import date

import pytest
from django.urls import reverse

from budget import selectors, services
from budget.models import Accountability
from tests.budget.followup_helpers import grant, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = date(2027, 4, 28)


def test_the_week_in_two_queries_with_its_sections_and_the_visitors(django_assert_num_queries):
    coordinator = UserFactory(role="facilitator_coordinator")
    assert coordinator.has_role("facilitator_coordinator")  # the roles come with the person
    first, _holder, facilitator = grant()  # evaluation 1 May: this week
    later, _holder, _facilitator = grant(evaluation_dates=("2027-06-01",))
    late, _holder, _facilitator = grant(evaluation_dates=("2027-04-20",))
    to_review = submitted(grant(evaluation_dates=("2027-07-01",))[0])
    Accountability.objects.filter(application=first).update(due_on=date(2027, 4, 27))
    Accountability.objects.filter(application=later).update(due_on=date(2027, 5, 3))
    with django_assert_num_queries(2):  # no visits yet
        selectors.follow_up_for(coordinator, today=TODAY)
    nameless = UserFactory(role="facilitator", full_name="")
    first_evaluation, later_evaluation = first.evaluations.get(), later.evaluations.get()
    services.plan_visit(evaluation=first_evaluation, by=facilitator, visit_on=date(2027, 4, 30),
                        visitors=[facilitator, nameless])  # fmt: skip
    services.plan_visit(evaluation=later_evaluation, by=facilitator, visit_on=date(2027, 5, 2),
                        visitors=[nameless])  # fmt: skip
    services.plan_visit(evaluation=late.evaluations.get(), by=facilitator,
                        visit_on=date(2027, 5, 6), visitors=[facilitator])  # fmt: skip

    with django_assert_num_queries(2):
        week = selectors.follow_up_for(coordinator, today=TODAY)

    assert week["overdue"] == [late.evaluations.get(), first.accountability]
    assert week["this_week"] == [first_evaluation, later.accountability]
    assert week["visits"] == [first_evaluation, later_evaluation]  # by the evaluation's date
    assert week["to_review"] == [to_review]
    assert sorted(week["visits"][0].visitor_names) == sorted([str(facilitator), nameless.email])
    assert week["visits"][1].visitor_names == [nameless.email]
    count = selectors.follow_up_count(coordinator, today=TODAY)
    assert count == len(week["overdue"]) + len(week["this_week"]) == 4


def test_the_page_names_the_visitors(client, time_machine):
    application, _holder, facilitator = grant()
    nameless = UserFactory(role="facilitator", full_name="")
    services.plan_visit(evaluation=application.evaluations.get(), by=facilitator,
                        visit_on=date(2027, 4, 30), visitors=[nameless])  # fmt: skip
    time_machine.move_to(TODAY)
    client.force_login(facilitator)

    page = client.get(reverse("budget:follow-up"))

    assert page.status_code == 200
    assert f"— {nameless.email}</li>" in page.text
