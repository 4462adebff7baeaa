"""SC-17: every Meetlat answer carries a reflection that is a sentence ("fully" too), the
principle's verbatim text beside its field, principle 6 plans the later reflection, which is
reminded to the decision's owner (e-mail once, "Mijn taken", dashboard, agenda), written in its
own form and counted in the coverage report as due, done or overdue."""

from contextlib import contextmanager
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging import reminders
from burgerkracht.core.models import AuditEvent, CalendarFeed, OutboxMessage, Reminder
from burgerkracht.meetlat import canonical, selectors, services
from burgerkracht.meetlat.forms import MeetlatForm, ReflectionForm, TriadForm
from burgerkracht.meetlat.models import Decision, MeetlatVersion
from burgerkracht.meetlat.reports import MeetlatReport
from tests.factories import PolicyDecisionFactory, UserFactory, complete_decision

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = date(2027, 3, 1)
HEADING_3 = canonical.PRINCIPLES[2][1]


@contextmanager
def on(day: date, hour: int = 9):
    with time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM),
                             tick=False):  # fmt: skip
        yield


def meetlat_form(data):
    return MeetlatForm(data, version=MeetlatVersion.current())


def full_answers(**overrides):
    data = {}
    for number in range(1, 7):
        data[f"answer_{number}"] = "fully"
        data[f"explanation_{number}"] = "Het besluit gaat uit van wat bewoners nodig hebben."
    data["reflection_due"] = "2099-01-01"
    data.update(overrides)
    return data


# --- the Meetlat form and service -------------------------------------------------------------


@pytest.mark.parametrize("text", ["", ".", "x", "n.v.t.", "  -  "])
def test_fully_without_a_real_reflection_is_refused_naming_the_principle(text):
    form = meetlat_form(full_answers(explanation_3=text))

    assert not form.is_valid()
    assert form.errors["explanation_3"] == [
        f"Principe 3, {HEADING_3}: schrijf kort hoe dit besluit dit principe eert."
    ]
    assert list(form.errors) == ["explanation_3"]


def test_not_applicable_needs_a_reason_and_accepts_a_real_one():
    refused = meetlat_form(full_answers(answer_4="na", explanation_4="n.v.t."))
    accepted = meetlat_form(
        full_answers(answer_4="na", explanation_4="Er is geen onderzoek naar deze regeling.")
    )

    assert refused.errors["explanation_4"] == [
        f"Principe 4, {canonical.PRINCIPLES[3][1]}: schrijf in een zin waarom dit principe "
        "niet geldt voor dit besluit."
    ]
    assert accepted.is_valid(), accepted.errors


def test_principle_6_needs_the_reflection_date_in_the_future():
    without = meetlat_form(full_answers(reflection_due=""))
    past = meetlat_form(full_answers(reflection_due="2001-01-01"))
    other_principles_only = meetlat_form(
        {"answer_1": "fully", "explanation_1": "Bewoners schreven mee aan het voorstel."}
    )

    assert without.errors["reflection_due"] == ["Principe 6: kies de datum van de reflectie."]
    assert past.errors["reflection_due"] == ["Kies een datum na vandaag."]
    assert other_principles_only.is_valid(), other_principles_only.errors


def test_the_service_refuses_fully_without_text_and_sets_the_reflection_date():
    by = UserFactory(role="advice_coordinator")
    decision = PolicyDecisionFactory.create(by=by).decision

    with pytest.raises(DomainError) as refused:
        services.save_meetlat(decision=decision, by=by, answers={3: ("fully", ".")})
    with pytest.raises(DomainError) as no_date:
        services.save_meetlat(decision=decision, by=by, answers={6: ("fully", "We kijken terug.")})
    services.save_meetlat(
        decision=decision, by=by, reflection_due=date(2099, 5, 1),
        answers={6: ("fully", "We kijken met bewoners terug."), 4: ("na", "Geen onderzoek.")},
    )  # fmt: skip

    assert refused.value.message == (
        f"Principe 3, {HEADING_3}: schrijf kort hoe dit besluit dit principe eert."
    )
    assert no_date.value.message == "Principe 6: kies de datum van de reflectie."
    decision.refresh_from_db()
    assert decision.reflection_due == date(2099, 5, 1)
    assert sorted(decision.answers.values_list("principle__number", "answer", "explanation")) == [
        (4, "na", "Geen onderzoek."),
        (6, "fully", "We kijken met bewoners terug."),
    ]
    audit = AuditEvent.objects.filter(action="decision.meetlat_saved").latest("pk")
    assert audit.data == {"principles": [4, 6], "reflection_due": "2099-05-01"}


def test_the_database_refuses_an_answer_without_text():
    from django.db import IntegrityError, transaction

    from burgerkracht.meetlat.models import PrincipleAnswer

    decision = PolicyDecisionFactory.create().decision
    principle = decision.meetlat_version.principles.get(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PrincipleAnswer.objects.create(decision=decision, principle=principle, answer="fully")


def test_the_page_shows_each_principle_beside_its_field(client):
    by = UserFactory(role="advice_coordinator")
    decision = PolicyDecisionFactory.create(by=by).decision
    client.force_login(by)

    html = client.get(reverse("meetlat:meetlat", args=[decision.pk])).text

    assert canonical.SUBTITLE in html
    for number, heading, text in canonical.PRINCIPLES:
        fieldset = html.split(f'id="principle-{number}"')[1].split("</fieldset>\n</fieldset>")[0]
        assert f'aria-describedby="principle-{number}-text"' in fieldset
        assert f"{number}. {heading}</legend>" in fieldset
        assert f'id="principle-{number}-text">{text}</p>'.replace("\u2018", "&#x2018;") in (
            fieldset.replace("\u2018", "&#x2018;")
        )
    # principle 6 proposes a date half a year ahead
    assert 'name="reflection_due"' in html.split('id="principle-6"')[1]


def test_triad_lines_are_sentences():
    form = TriadForm(
        {"financial_accountability": ".", "legal_accountability": "Artikel 4 van de regeling."}
    )

    assert list(form.errors) == ["financial_accountability"]


def test_finalising_refuses_a_triad_line_that_is_no_sentence():
    by = UserFactory(role="advice_coordinator")
    decision = complete_decision(PolicyDecisionFactory.create(by=by).decision, by)
    services.update_decision(decision=decision, by=by, legal_accountability="x")

    with pytest.raises(DomainError) as refused:
        services.finalise_decision(decision=decision, by=by)

    assert "juridische verantwoording" in refused.value.message


# --- the reflection ---------------------------------------------------------------------------


@pytest.fixture
def final():
    """A final policy decision of an advice coordinator, its reflection due on 1 June 2027."""
    with on(START):
        owner = UserFactory(role="advice_coordinator", email="eigenaar@example.org")
        decision = complete_decision(
            PolicyDecisionFactory.create(by=owner, title="Wijziging regels Samen Sterk").decision,
            owner,
        )
        services.update_decision(decision=decision, by=owner, reflection_due=date(2027, 6, 1))
        services.finalise_decision(decision=decision, by=owner, reason="Collegebesluit")
    return Decision.objects.get(pk=decision.pk), owner


def test_the_reflection_form_asks_two_sentences():
    form = ReflectionForm({"learned": "x", "changes": "."})

    assert form.errors == {
        "learned": ["Schrijf in een zin wat we hebben geleerd."],
        "changes": ["Schrijf in een zin wat we veranderen."],
    }


def test_the_reflection_is_recorded_once_with_who_and_when_and_shown(client, final):
    decision, owner = final
    decision.is_public = True
    Decision.objects.filter(pk=decision.pk).update(is_public=True)
    with on(date(2027, 6, 2)):
        client.force_login(owner)
        response = client.post(
            reverse("meetlat:reflection", args=[decision.pk]),
            {"learned": "Aanvragen gaan sneller.", "changes": "We schrappen nog een formulier."},
        )
    client.force_login(owner)
    again = client.get(reverse("meetlat:reflection", args=[decision.pk]))

    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.reflection, decision.reflection_changes, decision.reflected_by) == (
        "Aanvragen gaan sneller.", "We schrappen nog een formulier.", owner,
    )  # fmt: skip
    assert decision.reflected_at.date() == date(2027, 6, 2)
    event = AuditEvent.objects.get(action="decision.reflected")
    assert (event.actor, event.reason) == (owner, "Aanvragen gaan sneller.")
    assert again.status_code == 403  # once
    with pytest.raises(DomainError):
        services.record_reflection(decision=decision, by=owner, learned="Nog iets geleerd.",
                                   changes="Nog iets anders.")  # fmt: skip
    detail = client.get(decision.get_absolute_url()).text
    public = client.get(reverse("meetlat:public-detail", args=[decision.pk])).text
    for html in (detail, public):
        assert "We schrappen nog een formulier." in html
        assert "Wat hebben we geleerd?" in html


def test_another_official_of_the_same_role_may_not_reflect(client, final):
    decision, _owner = final
    other = UserFactory(role="advice_coordinator")
    client.force_login(other)

    response = client.post(
        reverse("meetlat:reflection", args=[decision.pk]),
        {"learned": "Aanvragen gaan sneller.", "changes": "We schrappen een formulier."},
    )

    assert response.status_code == 403
    assert Decision.objects.get(pk=decision.pk).reflected_at is None


def test_when_the_owner_has_left_the_advice_coordinators_take_over(client, final):
    decision, owner = final
    other = UserFactory(role="advice_coordinator")
    facilitator = UserFactory(role="facilitator")
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    decision = Decision.objects.get(pk=decision.pk)

    from burgerkracht.meetlat import permissions

    assert permissions.can_reflect(other, decision)
    assert not permissions.can_reflect(facilitator, decision)
    with on(date(2027, 6, 1)):
        reminders.sweep(synchronous=True)
    assert set(Reminder.objects.filter(status="sent").values_list("recipient", flat=True)) == {
        other.pk
    }


# --- reminders, tasks, dashboard, agenda --------------------------------------------------------


def test_the_owner_is_reminded_two_weeks_ahead_and_on_the_day_each_once(final):
    decision, owner = final
    UserFactory(role="advice_coordinator")  # another official of the same role: nothing

    for day in (date(2027, 5, 17), date(2027, 5, 18), date(2027, 5, 19), date(2027, 6, 1),
                date(2027, 6, 1), date(2027, 6, 3)):  # fmt: skip
        with on(day):
            reminders.sweep(synchronous=True)

    rows = Reminder.objects.filter(status="sent").order_by("due_on")
    assert [(r.kind, r.due_on, r.recipient_id) for r in rows] == [
        ("meetlat_reflection_soon", date(2027, 5, 18), owner.pk),
        ("meetlat_reflection_due", date(2027, 6, 1), owner.pk),
    ]
    mails = OutboxMessage.objects.order_by("pk")
    assert [m.to for m in mails] == [[owner.email], [owner.email]]
    assert "Wijziging regels Samen Sterk" in mails[1].subject
    assert decision.get_absolute_url() in mails[1].body


def test_no_reminder_once_the_reflection_is_written(final):
    decision, owner = final
    with on(date(2027, 5, 20)):
        services.record_reflection(decision=decision, by=owner, learned="Het werkte goed.",
                                   changes="We houden het zo.")  # fmt: skip
    with on(date(2027, 6, 1)):
        reminders.sweep(synchronous=True)

    assert not Reminder.objects.filter(status="sent").exists()


def test_the_owner_sees_it_in_tasks_and_on_the_dashboard_and_others_do_not(client, final):
    decision, owner = final
    other = UserFactory(role="advice_coordinator")

    with on(date(2027, 5, 10)):  # within a month
        client.force_login(owner)
        dashboard = client.get(reverse("core:dashboard")).text
        tasks = client.get(reverse("core:tasks")).text
        client.force_login(other)
        others = client.get(reverse("core:dashboard")).text + client.get(reverse("core:tasks")).text
    with on(date(2027, 3, 10)):  # too far ahead
        client.force_login(owner)
        early = client.get(reverse("core:dashboard")).text

    assert 'data-testid="reflections-due"' in dashboard
    assert reverse("meetlat:reflection", args=[decision.pk]) in dashboard
    assert "Reflecteer op het besluit (principe 6)" in tasks
    assert "Wijziging regels Samen Sterk" not in others
    assert 'data-testid="reflections-due"' not in early


def test_the_reflection_is_in_the_owners_agenda_only(client, final):
    decision, owner = final
    other = UserFactory(role="advice_coordinator")

    def feed(user):
        token = CalendarFeed.objects.get_or_create(user=user)[0].token
        calendar = Calendar.from_ical(
            client.get(reverse("core:calendar-feed", args=[token])).content
        )
        return [
            (str(e["uid"]), e["dtstart"].dt, str(e["summary"])) for e in calendar.walk("VEVENT")
        ]

    assert feed(owner) == [
        (f"meetlat-reflection-{decision.pk}@localhost", date(2027, 6, 1),
         "Reflectie op het besluit: Wijziging regels Samen Sterk"),
    ]  # fmt: skip
    assert feed(other) == []


# --- the coverage report ----------------------------------------------------------------------


def test_coverage_counts_reflections_due_done_and_overdue(client, final):
    _decision, owner = final
    with on(START):
        done = complete_decision(PolicyDecisionFactory.create(by=owner).decision, owner)
        services.finalise_decision(decision=done, by=owner)
        late = complete_decision(
            PolicyDecisionFactory.create(by=owner, department="Wijkzaken").decision, owner
        )
        services.update_decision(decision=late, by=owner, reflection_due=date(2027, 4, 1))
        services.finalise_decision(decision=late, by=owner)
        PolicyDecisionFactory.create(by=owner)  # a draft: no reflection due yet
        services.record_reflection(decision=done, by=owner, learned="Het werkte goed.",
                                   changes="We houden het zo.")  # fmt: skip

    with on(date(2027, 5, 1)):
        report = selectors.coverage()
        sections = MeetlatReport().sections({})
        client.force_login(UserFactory(role="read_only"))
        csv = client.get(reverse("meetlat:coverage"), {"_export": "csv"}).content.decode()

    overall = report["overall"]
    assert (overall.total, overall.complete, overall.due, overall.done, overall.overdue) == (
        4, 3, 1, 1, 1,
    )  # fmt: skip
    assert [(r.label, r.due, r.done, r.overdue) for r in report["by_department"]] == [
        ("Sociaal Domein", 1, 1, 0),
        ("Wijkzaken", 0, 0, 1),
    ]
    assert csv.splitlines()[1:] == ["Sociaal Domein,3,2,67,1,1,0", "Wijkzaken,1,1,100,0,0,1"]
    reflections = sections[2]
    assert [f.value for f in reflections.figures] == [1, 1, 1]
    assert [(r["kind"], r["due"], r["done"], r["overdue"]) for r in reflections.tables[0].rows] == [
        ("Beleidsbesluit", 1, 1, 1)
    ]
