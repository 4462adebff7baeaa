"""Meetings of the college with a body: at least ADVICE_MEETINGS_PER_YEAR per calendar year,
and a draft agenda with what is late."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.enums import MemberRole
from advice.meeting_selectors import draft_agenda, meetings_per_year
from advice.models import Advice, AdviceEvaluation, Meeting, Promise
from advice.services.followup import plan_meeting
from tests.advice.factories import advice_in, body, coordinator, member

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def late_world():
    """For the ASD: a final advice whose answer is late, an answered one with a promise past
    its due date and an evaluation that is due; and for the BO+ a late answer too."""
    boss = coordinator()
    late = advice_in("final", coordinator_user=boss, title="Laat antwoord")
    Advice.objects.filter(pk=late.pk).update(response_due=today() - timedelta(days=3))
    answered = advice_in("answered", coordinator_user=boss, title="Met toezegging")
    promise = answered.promises.order_by("pk").first()
    Promise.objects.filter(pk=promise.pk).update(due_on=today() - timedelta(days=1))
    AdviceEvaluation.objects.filter(advice=answered).update(due_on=today())
    on_time = advice_in("final", coordinator_user=boss, title="Op tijd")
    other = advice_in("final", body_slug="bo-plus", coordinator_user=boss, title="Ander orgaan")
    Advice.objects.filter(pk=other.pk).update(response_due=today() - timedelta(days=3))
    return late, answered, promise, on_time, other


def test_the_draft_agenda_lists_what_is_late_for_that_body():
    late, answered, promise, on_time, other = late_world()

    agenda = draft_agenda(body("asd"), today())

    assert agenda.overdue_answers == [late]
    assert agenda.overdue_promises == [promise]
    assert [e.advice for e in agenda.evaluations_due] == [answered]
    assert agenda.advices == [late, answered]
    text = agenda.text()
    assert late.reference in text and answered.reference in text
    assert on_time.reference not in text and other.reference not in text


def test_the_plan_page_prefills_the_agenda_and_ticks_the_advices(client):
    late, answered, _promise, on_time, _other = late_world()
    client.force_login(coordinator())
    url = reverse("advice:meeting-create") + "?orgaan=asd"

    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "date": today().isoformat(),
            "title": "Voorjaarsoverleg",
            "agenda": form.initial["agenda"],
            "advices": [late.pk, on_time.pk],
        },
    )

    assert late.reference in form.initial["agenda"]
    assert set(form.initial["advices"]) == {late.pk, answered.pk}
    assert on_time in form.fields["advices"].queryset
    meeting = Meeting.objects.get(title="Voorjaarsoverleg")
    assert response["Location"] == meeting.get_absolute_url()
    assert (meeting.body, set(meeting.advices.all())) == (body("asd"), {late, on_time})


def test_a_concept_cannot_be_discussed(client):
    concept = advice_in("concept")
    client.force_login(coordinator())

    response = client.post(
        reverse("advice:meeting-create") + "?orgaan=asd",
        {"date": today().isoformat(), "title": "Overleg", "advices": [concept.pk]},
    )

    assert response.status_code == 200 and "advices" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_the_list_warns_when_fewer_meetings_than_agreed(client, settings):
    settings.ADVICE_MEETINGS_PER_YEAR = 2
    boss = coordinator()
    year = today().year
    plan_meeting(by=boss, body=body("asd"), date=date(year, 3, 1), title="Voorjaar")
    plan_meeting(by=boss, body=body("asd"), date=date(year, 10, 1), title="Najaar")
    plan_meeting(by=boss, body=body("bo-plus"), date=date(year, 4, 1), title="BO+")
    plan_meeting(by=boss, body=body("bo-plus"), date=date(year - 1, 4, 1), title="Vorig jaar")
    client.force_login(boss)

    counts = {c.body.slug: c for c in client.get(reverse("advice:meetings")).context["counts"]}

    assert (counts["asd"].count, counts["asd"].too_few) == (2, False)
    assert (counts["bo-plus"].count, counts["bo-plus"].too_few) == (1, True)
    assert [m.title for m in counts["bo-plus"].meetings] == ["BO+"]
    last = meetings_per_year([body("bo-plus")], year - 1)
    assert last[0].count == 1


def test_a_member_sees_only_the_meetings_of_their_body(client):
    boss = coordinator()
    plan_meeting(by=boss, body=body("bo-plus"), date=today(), title="Met het BO+")
    person = member("asd")
    client.force_login(person)

    counts = client.get(reverse("advice:meetings"), {"jaar": "abc"}).context["counts"]

    assert [c.body.slug for c in counts] == ["asd"]


def test_the_secretary_plans_and_changes_their_body_meeting(client):
    secretary = member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
    client.force_login(secretary)

    form = client.get(reverse("advice:meeting-create")).context["form"]
    client.post(reverse("advice:meeting-create"), {"date": today().isoformat(), "title": "Overleg"})
    meeting = Meeting.objects.get()
    response = client.post(
        reverse("advice:meeting-edit", args=[meeting.pk]),
        {"date": today().isoformat(), "title": "Overleg", "agreements": "Het loket komt er."},
    )

    assert "ASD" in form.initial["title"]
    assert response.status_code == 302
    assert Meeting.objects.get().agreements == "Het loket komt er."


def test_a_member_who_is_not_secretary_cannot_change_a_meeting(client):
    meeting = plan_meeting(by=coordinator(), body=body("asd"), date=today(), title="Overleg")
    client.force_login(member("asd"))

    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(reverse("advice:meeting-edit", args=[meeting.pk])).status_code == 403
