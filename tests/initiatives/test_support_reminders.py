"""SC-08: a support request without an answer escalates after SUPPORT_ESCALATION_DAYS (42) to
the initiative's jager and the facilitator coordinators: one e-mail each, once, however often
the sweep runs; nothing once it is answered; on "Mijn taken" and the dashboard of the same
people only."""

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from burgerkracht.core.messaging import reminders
from burgerkracht.core.models import OutboxMessage, Reminder
from initiatives import support
from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ASKED = date(2027, 3, 1)


@contextmanager
def on(day: date, hour: int = 9):
    with time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM),
                             tick=False):  # fmt: skip
        yield


@pytest.fixture
def waiting():
    facilitator = UserFactory(role="facilitator")
    coordinator = UserFactory(role="facilitator_coordinator")
    jager = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator, title="Cliënt Service")
    with on(ASKED):
        support.appoint_jager(initiative=initiative, by=coordinator, jager=jager,
                              mandate="Afspraken maken met de zorgpartner.")  # fmt: skip
        request = support.ask_support(
            by=facilitator, initiative=initiative, question="Mag een professional meedraaien?",
            domain="care", organisation=OrganisationFactory(name="Zorgpartner"),
            decider_name="Dirk Directeur", decider_email="dirk@zorgpartner.nl",
        )  # fmt: skip
    return request, facilitator, coordinator, jager


def test_escalates_once_to_the_jager_and_the_coordinators_on_day_42(waiting):
    request, _facilitator, coordinator, jager = waiting
    with on(ASKED + timedelta(days=41)):
        reminders.sweep(synchronous=True)
    assert not Reminder.objects.exists()
    for day in (42, 42, 43, 45, 60):
        with on(ASKED + timedelta(days=day)):
            reminders.sweep(synchronous=True)

    rows = Reminder.objects.filter(status="sent")
    assert sorted((r.kind, r.due_on, r.recipient_id) for r in rows) == sorted([
        ("support_overdue", ASKED + timedelta(days=42), jager.pk),
        ("support_overdue", ASKED + timedelta(days=42), coordinator.pk),
    ])  # fmt: skip
    mails = OutboxMessage.objects.order_by("pk")
    assert sorted(m.to[0] for m in mails) == sorted([jager.email, coordinator.email])
    assert all("Cliënt Service" in m.subject and request.get_absolute_url() in m.body
               for m in mails)  # fmt: skip
    assert "42 dagen" in mails[0].body


def test_no_escalation_once_answered(waiting):
    request, facilitator, _coordinator, _jager = waiting
    with on(ASKED + timedelta(days=30)):
        support.answer_request(request=request, by=facilitator, answer="Ja, vanaf mei.")
    with on(ASKED + timedelta(days=42)):
        reminders.sweep(synchronous=True)
    assert not Reminder.objects.filter(status="sent").exists()


def test_tasks_and_dashboard_of_the_jager_and_coordinator_only(client, waiting):
    request, _facilitator, coordinator, jager = waiting
    other = UserFactory(role="facilitator")
    seen = {}
    with on(ASKED + timedelta(days=43)):
        for who in (jager, coordinator, other):
            client.force_login(who)
            seen[who.pk] = (client.get(reverse("core:tasks")).text,
                            client.get(reverse("core:dashboard")).text)  # fmt: skip
    with on(ASKED + timedelta(days=10)):
        client.force_login(jager)
        early = client.get(reverse("core:dashboard")).text
    for who in (jager, coordinator):
        tasks, dashboard = seen[who.pk]
        assert "Een hulpvraag wacht te lang" in tasks
        assert 'data-testid="support-overdue"' in dashboard
        assert request.get_absolute_url() in dashboard
    assert request.get_absolute_url() not in "".join(seen[other.pk])
    assert 'data-testid="support-overdue"' not in early
