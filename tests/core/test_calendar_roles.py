"""Every role's agenda feed (issue #27): read back with icalendar for every demo login, each
event complete (UID, DTSTAMP, an all-day DTSTART, a Dutch SUMMARY, URL), and the dates of
the Samen Sterk grant reaching its decision holder but not a holder of another line."""

from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from burgerkracht.accounts.models import User
from burgerkracht.core.personal.calendar import feed_for
from burgerkracht.seeding.demo.core import USERS
from tests.demo_data import seed_demo
from tests.factories import UserFactory, application_in, open_line
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

# Demo logins with nothing due: the second decision holder decides none of the running
# grants, and the administrator is named on nothing (the register's dates are for who keeps
# watch over it).
EMPTY_IN_THE_DEMO = {
    "zeggenschap2@example.org",
    "beheer@example.org",
}


def read_feed(client, user) -> Calendar:
    response = client.get(reverse("core:calendar-feed", args=[feed_for(user).token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def check_calendar(calendar: Calendar) -> list:
    """The calendar and each of its events as a calendar program needs them."""
    assert str(calendar["PRODID"]) == "-//Burgerkracht//agenda//NL"
    assert str(calendar["VERSION"]) == "2.0"
    events = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)), "a UID twice"
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            assert name in event, f"{name} missing in {event}"
        assert type(event["DTSTART"].dt) is date  # all day
        assert str(event["URL"]).startswith("http://localhost:8000/")
        summary = str(event["SUMMARY"])
        assert summary and not summary.startswith(
            ("Deadline", "Answer", "Promise", "Evaluation", "Meeting", "Interim", "Send", "Visit")
        ), f"not in Dutch: {summary}"
    return events


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, seed_demo)


@pytest.fixture
def demo(_demo, db):
    """The demo data, seeded once for the module; each test reads it in its own savepoint."""


def test_every_demo_login_gets_a_valid_feed_with_their_dates(client, demo):
    empty = set()
    for email, _name, _role, _neighbourhood in USERS:
        events = check_calendar(read_feed(client, User.objects.get(email=email)))
        if not events:
            empty.add(email)

    assert empty == EMPTY_IN_THE_DEMO


def test_the_uids_stay_the_same_between_two_reads(client, demo):
    council = User.objects.get(email="raad@example.org")

    first = [str(e["UID"]) for e in read_feed(client, council).walk("VEVENT")]
    second = [str(e["UID"]) for e in read_feed(client, council).walk("VEVENT")]

    assert first == second and first


@pytest.fixture
def grant():
    """A granted application with its decider, and a holder of another line."""
    application = application_in("granted")
    _other_line, other_holder = open_line(allocation="1000.00")
    return {
        "application": application,
        "decider": application.decider,
        "other_holder": other_holder,
        "facilitator": application.initiative.facilitator,
    }


def _keys(client, user) -> set[str]:
    return {str(e["UID"]).split("@")[0] for e in check_calendar(read_feed(client, user))}


def test_the_decider_gets_the_evaluation_and_the_accountability_not_the_visit(client, grant):
    application = grant["application"]
    evaluation = application.evaluations.get()
    evaluation.visit_on = date(2027, 4, 25)
    evaluation.save(update_fields=["visit_on"])
    dates = {
        f"evaluation-{evaluation.pk}",
        f"accountability-{application.accountability.pk}",
    }

    assert grant["decider"] is not None
    assert _keys(client, grant["decider"]) == dates
    # The facilitator entered the grant's Meetlat decision: its later reflection is theirs.
    reflection = f"meetlat-reflection-{application.decision.pk}"
    assert _keys(client, grant["facilitator"]) == dates | {f"visit-{evaluation.pk}", reflection}
    assert _keys(client, grant["other_holder"]) == set()
    other = application_in("granted")  # another initiative, its own facilitator
    assert _keys(client, other.initiative.facilitator).isdisjoint(dates)


def test_a_holder_of_the_line_gets_the_dates_while_the_grant_has_no_decider(client, grant):
    from budget.models import Application

    application = grant["application"]
    Application.objects.filter(pk=application.pk).update(decider=None)
    holder = UserFactory(role="budget_decision_holder")
    application.line.decision_holders.add(holder)

    assert _keys(client, holder) == {
        f"evaluation-{application.evaluations.get().pk}",
        f"accountability-{application.accountability.pk}",
    }
    assert _keys(client, grant["other_holder"]) == set()
