""" "Mijn taken": what waits on THIS official follows from their place on the dossier —
another facilitator's application or another line's decision is never on the list — soonest
first, with overdue tasks marked."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.enums import ApplicationStatus
from budget.models import Application
from budget.worklist import CHECK_WITHIN, DECIDE_WITHIN
from burgerkracht.core.personal.worklist import tasks_for
from tests.advice.factories import advice_in
from tests.factories import UserFactory, application_in, fill_accountability, open_line

pytestmark = pytest.mark.django_db


def keys(user) -> list[str]:
    return [task.key for task in tasks_for(user)]


def test_a_facilitator_sees_the_applications_to_check_of_their_own_initiatives_only():
    mine = UserFactory(role="facilitator")
    other = UserFactory(role="facilitator")
    own = application_in(ApplicationStatus.SUBMITTED, facilitator=mine)
    theirs = application_in(ApplicationStatus.IN_ASSESSMENT, facilitator=other)

    tasks = tasks_for(mine)

    assert [task.key for task in tasks] == [f"check-{own.pk}"]
    assert tasks[0].reference == own.reference
    assert tasks[0].url == own.get_absolute_url()
    assert tasks[0].due_on == timezone.localdate(own.submitted_at) + CHECK_WITHIN
    assert keys(other) == [f"check-{theirs.pk}"]


def test_a_decision_holder_sees_the_decisions_of_their_own_lines_only():
    line, holder = open_line(allocation="5000.00")
    _other_line, other_holder = open_line(allocation="5000.00")
    waiting = application_in(ApplicationStatus.AWAITING_DECISION, line=line)
    application_in(ApplicationStatus.IN_ASSESSMENT, line=line)  # not yet theirs

    tasks = tasks_for(holder)

    assert [task.key for task in tasks] == [f"decide-{waiting.pk}"]
    assert tasks[0].due_on == timezone.localdate(waiting.submitted_at) + DECIDE_WITHIN
    assert keys(other_holder) == []


def test_after_the_grant_the_facilitator_holds_the_evaluation_and_checks_the_accountability():
    application = application_in(ApplicationStatus.GRANTED)
    facilitator = application.initiative.facilitator
    evaluation = application.evaluations.get()
    evaluation.visit_on = date(2027, 4, 25)
    evaluation.save(update_fields=["visit_on"])
    fill_accountability(application.accountability, application.initiative.created_by)

    tasks = tasks_for(facilitator)

    assert {task.key for task in tasks} == {
        f"visit-{evaluation.pk}",
        f"evaluation-{evaluation.pk}",
        f"accountability-{application.accountability.pk}",
    }
    assert [task.due_on for task in tasks] == sorted(task.due_on for task in tasks)
    assert keys(UserFactory(role="facilitator")) == []


def test_the_advice_coordinator_answers_and_the_owner_keeps_the_promise():
    coordinator = UserFactory(role="advice_coordinator")
    final = advice_in("final", coordinator_user=coordinator)
    answered = advice_in("answered", coordinator_user=coordinator)
    promise = answered.promises.order_by("pk").first()

    found = keys(coordinator)

    assert f"answer-{final.pk}" in found
    assert f"answer-{answered.pk}" not in found
    assert f"promise-{promise.pk}" in keys(promise.owner)
    assert keys(UserFactory(role="read_only")) == []


def test_the_page_lists_soonest_first_and_marks_what_is_overdue(client):
    facilitator = UserFactory(role="facilitator", with_mfa=True)
    late = application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator)
    fresh = application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator)
    Application.objects.filter(pk=late.pk).update(submitted_at=timezone.now() - timedelta(weeks=3))
    client.force_login(facilitator)

    response = client.get(reverse("core:tasks"))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.task.key for row in rows] == [f"check-{late.pk}", f"check-{fresh.pk}"]
    assert [row.overdue for row in rows] == [True, False]
    html = response.content.decode()
    assert late.reference in html and fresh.reference in html
    assert html.index(late.reference) < html.index(fresh.reference)


def test_a_resident_has_no_worklist(client):
    client.force_login(UserFactory())
    assert client.get(reverse("core:tasks")).status_code == 403


def test_the_staff_navigation_and_dashboard_link_to_it(client):
    client.force_login(UserFactory(role="budget_decision_holder", with_mfa=True))
    html = client.get(reverse("core:dashboard")).content.decode()
    assert html.count(f'href="{reverse("core:tasks")}"') >= 2
