""" "Actie nodig" on Mijn burgerkracht (issue #24): each kind of action, soonest first, the
empty state, the compact lists with reference numbers, and a constant number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budget import actions, services
from budget.models import Accountability, Evaluation
from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    UserFactory,
    application_in,
    filled_application,
    open_line,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


def kinds(user, **kwargs) -> list[str]:
    return [a.kind for a in actions.actions_for(user, **kwargs)]


def test_actions_are_empty_for_a_new_resident():
    resident = UserFactory(role="resident")

    assert actions.actions_for(resident) == []


def test_actions_name_a_draft_registration_and_a_draft_application():
    resident = UserFactory(role="resident")
    draft = InitiativeFactory(created_by=resident)
    application = filled_application(lead=resident)

    found = {a.kind: a for a in actions.actions_for(resident)}

    assert sorted(found) == ["application_draft", "initiative_draft"]
    assert found["initiative_draft"].url == reverse("initiatives:intake", args=[draft.pk])
    assert found["application_draft"].url == reverse(
        "budget:application-check", args=[application.pk]
    )
    assert found["application_draft"].reference == application.reference


def test_actions_name_an_open_invitation():
    resident = UserFactory(role="resident")
    invitation = InitiatorFactory(user=None, email=resident.email, accepted_at=None)

    found = actions.actions_for(resident)

    assert [a.kind for a in found] == ["invitation"]
    assert found[0].url == reverse("initiatives:invitation", args=[invitation.token])


def test_actions_name_the_accountability_and_the_evaluation_soonest_first():
    line, _holder = open_line(allocation="5000.00")
    granted = application_in("granted", line=line)
    lead = granted.initiative.created_by
    evaluation = granted.evaluations.get()  # planned on 1 May 2027
    accountability = Accountability.objects.get(application=granted)  # due 31 December 2027

    found = actions.actions_for(lead, today=date(2027, 11, 15))  # the evaluation is late

    assert [a.kind for a in found] == ["evaluation", "accountability"]
    assert [a.overdue for a in found] == [True, False]
    assert [a.on for a in found] == [evaluation.planned_on, accountability.due_on]
    assert found[1].url == accountability.get_absolute_url()
    assert found[1].reference == granted.reference


def test_actions_leave_out_an_evaluation_far_ahead_and_name_a_planned_visit():
    granted = application_in("granted")
    lead, facilitator = granted.initiative.created_by, granted.initiative.facilitator
    evaluation = granted.evaluations.get()

    assert kinds(lead, today=date(2027, 1, 1)) == []

    services.plan_visit(
        evaluation=evaluation, by=facilitator, visit_on=date(2027, 4, 28), visitors=[facilitator]
    )
    assert kinds(lead, today=date(2027, 4, 20)) == ["visit", "evaluation"]


def test_the_accountability_shows_from_two_months_before_it_is_due():
    granted = application_in("granted")
    lead = granted.initiative.created_by
    Evaluation.objects.filter(application=granted).update(resident_view="Het gaat goed.")
    due = Accountability.objects.get(application=granted).due_on  # 31 December 2027

    assert kinds(lead, today=due - timedelta(days=61)) == []
    assert kinds(lead, today=due - timedelta(days=60)) == ["accountability"]
    assert kinds(lead, today=due + timedelta(days=1)) == ["accountability"]  # and when late


def test_actions_say_when_a_question_came_back_about_the_accountability():
    granted = application_in("granted")
    Accountability.objects.filter(application=granted).update(status="more_asked")

    assert kinds(granted.initiative.created_by) == ["accountability_question"]


def test_actions_name_an_application_sent_back_for_changes():
    submitted = application_in("submitted")
    from budget.models import Application

    Application.objects.filter(pk=submitted.pk).update(status="draft")

    assert kinds(submitted.initiative.created_by) == ["application_returned"]


def test_dashboard_opens_with_action_needed_and_its_empty_state(client):
    resident = UserFactory(role="resident", full_name="Sam Jansen")
    client.force_login(resident)

    html = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert html.index("Actie nodig") < html.index("Mijn initiatieven")
    assert "Je hoeft nu niets te doen." in html
    assert "Je rollen" not in html


def test_dashboard_lists_applications_with_reference_and_one_status(client):
    granted = application_in("granted")
    client.force_login(granted.initiative.created_by)

    html = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert granted.reference in html
    assert granted.initiative.reference in html
    assert "portal-card" not in html


def test_dashboard_runs_the_same_queries_with_many_items(client):
    """The resident's dashboard with one of everything, then with many: same query count."""
    line, _holder = open_line(allocation="50000.00")
    resident = UserFactory(role="resident")

    def add_rows():
        InitiativeFactory(created_by=resident)
        filled_application(lead=resident, line=line)
        granted = application_in("granted", line=line, lead=resident)
        Evaluation.objects.filter(application=granted).update(
            planned_on=timezone.localdate() + timedelta(days=5)
        )
        InitiatorFactory(user=None, email=resident.email, accepted_at=None)

    def count() -> int:
        client.force_login(resident)
        client.get(DASHBOARD)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(DASHBOARD)
        assert response.status_code == 200
        return len(captured)

    add_rows()
    small = count()
    for _ in range(3):
        add_rows()

    assert count() == small
    assert small <= 12
