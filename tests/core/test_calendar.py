"""The agenda feed: read back with icalendar, per person exactly their own dates, and a new
link ends the old one."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from budget.enums import AccountabilityStatus, ApplicationStatus, EvaluationStatus
from budget.models import Application
from burgerkracht.core.models import CalendarFeed
from initiatives.models import Initiative
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant():
    application = application_in("granted")
    backup_facilitator = UserFactory(role="facilitator")
    Initiative.objects.filter(pk=application.initiative_id).update(
        backup_facilitator=backup_facilitator
    )
    evaluation = application.evaluations.get()
    evaluation.visit_on = date(2027, 4, 25)
    evaluation.save(update_fields=["visit_on"])
    visitor = UserFactory(role="professional")
    evaluation.visitors.add(visitor)
    application.refresh_from_db()
    return {
        "application": application,
        "evaluation": evaluation,
        "accountability": application.accountability,
        "lead": application.initiative.created_by,
        "facilitator": application.initiative.facilitator,
        "backup_facilitator": backup_facilitator,
        "visitor": visitor,
    }


def feed(client, user) -> list[tuple[str, date, date, str]]:
    """(UID, start, end, summary) of every event in `user`'s feed, as a calendar reads it."""
    token = CalendarFeed.objects.get_or_create(user=user)[0].token
    response = client.get(reverse("core:calendar-feed", args=[token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return [
        (str(e["uid"]), e["dtstart"].dt, e["dtend"].dt, str(e["summary"]))
        for e in calendar.walk("VEVENT")
    ]


def events(grant, *names):
    title = grant["application"].initiative.title
    evaluation, accountability = grant["evaluation"].pk, grant["accountability"].pk
    all_events = {
        "visit": (
            f"visit-{evaluation}@localhost",
            date(2027, 4, 25),
            date(2027, 4, 26),
            f"Bezoek voor de tussentijdse evaluatie: {title}",
        ),
        "evaluation": (
            f"evaluation-{evaluation}@localhost",
            date(2027, 5, 1),
            date(2027, 5, 2),
            f"Tussentijdse evaluatie: {title}",
        ),
        "accountability": (
            f"accountability-{accountability}@localhost",
            date(2027, 12, 31),
            date(2028, 1, 1),
            f"Verantwoording insturen: {title}",
        ),
        # the grant decision's later reflection (SC-17), in the agenda of who entered it
        "reflection": (
            f"meetlat-reflection-{grant['application'].decision.pk}@localhost",
            date(2028, 1, 1),
            date(2028, 1, 2),
            f"Reflectie op het besluit: {grant['application'].decision.title}",
        ),
    }
    return [all_events[name] for name in names]


@pytest.mark.parametrize("person", ["lead", "facilitator", "backup_facilitator"])
def test_feed_lists_the_evaluation_visit_and_accountability_for_everyone_involved(
    client, grant, person
):
    own = ["reflection"] if person == "facilitator" else []
    assert feed(client, grant[person]) == events(
        grant, "visit", "evaluation", "accountability", *own
    )


def test_feed_of_a_visitor_lists_the_evaluation_and_the_visit_only(client, grant):
    assert feed(client, grant["visitor"]) == events(grant, "visit", "evaluation")


def test_feed_never_lists_other_peoples_dates(client, grant):
    other = application_in("granted")
    stranger = UserFactory(role="resident")

    assert feed(client, stranger) == []
    assert feed(client, other.initiative.created_by) == [
        (
            f"evaluation-{other.evaluations.get().pk}@localhost",
            date(2027, 5, 1),
            date(2027, 5, 2),
            f"Tussentijdse evaluatie: {other.initiative.title}",
        ),
        (
            f"accountability-{other.accountability.pk}@localhost",
            date(2027, 12, 31),
            date(2028, 1, 1),
            f"Verantwoording insturen: {other.initiative.title}",
        ),
    ]
    assert feed(client, grant["lead"]) == events(grant, "visit", "evaluation", "accountability")


def test_feed_drops_what_is_done(client, grant):
    grant["evaluation"].status = EvaluationStatus.RECORDED
    grant["evaluation"].save(update_fields=["status"])
    grant["accountability"].status = AccountabilityStatus.SUBMITTED
    grant["accountability"].save(update_fields=["status"])

    assert feed(client, grant["lead"]) == []


def test_feed_of_a_stopped_grant_keeps_only_the_accountability(client, grant):
    Application.objects.filter(pk=grant["application"].pk).update(status=ApplicationStatus.STOPPED)

    assert feed(client, grant["facilitator"]) == events(grant, "accountability", "reflection")


def test_feed_uids_are_stable_and_events_are_all_day(client, grant):
    first = feed(client, grant["lead"])
    second = feed(client, grant["lead"])

    assert [e[0] for e in first] == [e[0] for e in second]
    assert {(type(start), end - start) for _, start, end, _ in first} == {(date, timedelta(days=1))}


def test_feed_response_is_private_calendar_data(client, grant):
    token = CalendarFeed.objects.create(user=grant["lead"]).token

    response = client.get(reverse("core:calendar-feed", args=[token]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert sorted(response["Cache-Control"].split(", ")) == ["max-age=300", "private"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert Calendar.from_ical(response.content)["X-WR-CALNAME"] == (
        "Gemeente: mijn burgerkracht-agenda"
    )


def test_feed_with_a_wrong_token_is_not_found(client, grant):
    CalendarFeed.objects.create(user=grant["lead"])

    response = client.get(reverse("core:calendar-feed", args=["ditbestaatniet" * 3]))

    assert response.status_code == 404


def test_feed_of_a_deactivated_account_is_not_found(client, grant):
    token = CalendarFeed.objects.create(user=grant["lead"]).token
    grant["lead"].is_active = False
    grant["lead"].save(update_fields=["is_active"])

    response = client.get(reverse("core:calendar-feed", args=[token]))

    assert response.status_code == 404


def test_agenda_page_shows_the_link_and_makes_it_once(client, resident):
    client.force_login(resident)

    first = client.get(reverse("core:calendar"))
    second = client.get(reverse("core:calendar"))

    token = CalendarFeed.objects.get(user=resident).token
    url = f"http://localhost:8000/agenda/{token}.ics"
    assert first.status_code == second.status_code == 200
    assert first.context["feed_url"] == second.context["feed_url"] == url
    assert f'value="{url}"' in first.content.decode()
    assert f'href="webcal://localhost:8000/agenda/{token}.ics"' in first.content.decode()


def test_a_new_link_ends_the_old_one(client, grant):
    lead = grant["lead"]
    client.force_login(lead)
    client.get(reverse("core:calendar"))
    old = CalendarFeed.objects.get(user=lead).token

    response = client.post(reverse("core:calendar"), follow=True)

    new = CalendarFeed.objects.get(user=lead).token
    assert response.redirect_chain == [(reverse("core:calendar"), 302)]
    assert "Je hebt een nieuwe agendalink." in response.content.decode()
    assert new != old and len(new) >= 40
    client.logout()
    assert client.get(reverse("core:calendar-feed", args=[old])).status_code == 404
    assert client.get(reverse("core:calendar-feed", args=[new])).status_code == 200


def test_profile_page_links_to_the_agenda(client, resident):
    client.force_login(resident)

    response = client.get(reverse("accounts:profile"))

    assert f'href="{reverse("core:calendar")}"' in response.content.decode()
