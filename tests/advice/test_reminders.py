"""Reminders of the advice register (WF-13): each kind on its day to exactly its people, once
per due date, never a day early, never once the thing is done; recipients read again at
sending time; a constant number of queries however many items are due."""

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advice import reminders as advice_reminders
from advice.enums import MemberRole, PromiseStatus, RequestStatus
from advice.models import Advice, Membership, Promise
from advice.services import followup, register
from burgerkracht.accounts.models import User
from burgerkracht.core.messaging import reminders
from burgerkracht.core.models import OutboxMessage, Reminder
from tests.advice.factories import advice_in, advice_request, body, coordinator, member
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = date(2027, 1, 4)  # the day the items are made


@contextmanager
def on(day: date, hour: int = 9):
    with time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM),
                             tick=False):  # fmt: skip
        yield


def sweep_on(*days: date) -> None:
    for day in days:
        with on(day):
            reminders.sweep()


def sent(kind: str) -> list[tuple[str, date]]:
    rows = Reminder.objects.filter(kind=kind, status="sent").select_related("recipient")
    return sorted((r.recipient.email, r.due_on) for r in rows)


def emails(*users) -> list[str]:
    return sorted({u.email for u in users})


def coordinators() -> list[User]:
    return list(User.objects.filter(groups__name="advice_coordinator"))


def members(slug: str = "asd") -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(body=body(slug), ended_on__isnull=True).select_related(
            "user"
        )
    ]


def days(n: int) -> timedelta:
    return timedelta(days=n)


# --- the deadline of a request -------------------------------------------------------------


@pytest.fixture
def asked():
    """A request to the ASD on 4 January 2027, due 1 March 2027 (56 days)."""
    with on(START):
        asker = coordinator()
        member("asd")
        member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
        member("bo-plus", "bo_plus_representative")  # another body: never a recipient
        made = advice_request(by=asker, days=56)
    OutboxMessage.objects.all().delete()
    return made


def test_deadline_soon_14_and_3_days_before_to_members_and_requester_once(asked):
    deadline = asked.deadline
    t14, t3 = deadline - days(14), deadline - days(3)
    people = emails(*members("asd"), asked.requested_by)

    sweep_on(t14 - days(1))
    assert sent("advice_deadline_soon") == []

    sweep_on(t14, t14, t14 + days(1), t3 - days(1))
    assert sent("advice_deadline_soon") == [(e, t14) for e in people]
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == people

    sweep_on(t3, t3, deadline)
    assert sent("advice_deadline_soon") == sorted(
        [(e, t14) for e in people] + [(e, t3) for e in people]
    )
    assert Reminder.objects.filter(kind="advice_deadline_soon").count() == 2 * len(people)
    assert OutboxMessage.objects.count() == 2 * len(people)
    message = OutboxMessage.objects.filter(to=[asked.requested_by.email]).first()
    assert settings.SITE_URL + asked.get_absolute_url() in message.body


def test_deadline_passed_the_day_after_to_members_requester_and_coordinators(asked):
    deadline = asked.deadline
    people = emails(*members("asd"), asked.requested_by, *coordinators())

    sweep_on(deadline)
    assert sent("advice_deadline_passed") == []
    sweep_on(deadline + days(1), deadline + days(1), deadline + days(3))

    assert sent("advice_deadline_passed") == [(e, deadline + days(1)) for e in people]
    assert Reminder.objects.filter(kind="advice_deadline_passed").count() == len(people)


def test_deadline_passed_catches_up_within_the_window_but_not_after(asked):
    deadline = asked.deadline
    sweep_on(deadline + days(1 + settings.REMINDER_CATCH_UP_DAYS))
    assert sent("advice_deadline_passed") == []

    sweep_on(deadline + days(3))
    assert {due for _, due in sent("advice_deadline_passed")} == {deadline + days(1)}


def test_no_deadline_reminders_once_the_advice_is_sent(asked):
    deadline = asked.deadline
    sweep_on(deadline - days(14))
    with on(deadline - days(10)):
        by = members("asd")[0]
        advice = register.register_advice(
            by=by,
            body=body("asd"),
            title="Advies verordening",
            advice_request=asked,
            summary="Kort.",
        )
        register.save_recommendations(advice=advice, by=by, texts=["Doe het anders."])
        register.send_advice(advice=advice, by=by)
    asked.refresh_from_db()
    assert asked.status == RequestStatus.ANSWERED

    sweep_on(deadline - days(3), deadline + days(1))

    assert {due for _, due in sent("advice_deadline_soon")} == {deadline - days(14)}
    assert sent("advice_deadline_passed") == []


def test_a_reminder_queued_before_the_advice_came_is_skipped_when_sent(asked):
    t3 = asked.deadline - days(3)
    reminders.collect(t3)
    register.change_request_status(advice_request=asked, by=asked.requested_by, status="withdrawn",
                                   reason="Het besluit is van de baan.")  # fmt: skip

    sweep_on(t3)

    rows = Reminder.objects.filter(kind="advice_deadline_soon")
    assert rows.exists()
    assert set(rows.values_list("status", "note")) == {("skipped", reminders.NOT_RELEVANT)}
    assert OutboxMessage.objects.count() == 0


def test_a_member_who_left_the_body_gets_no_reminder(asked):
    leaver = members("asd")[0]
    reminders.collect(asked.deadline - days(14))
    Membership.objects.filter(user=leaver).update(ended_on=START)

    sweep_on(asked.deadline - days(14))

    row = Reminder.objects.get(kind="advice_deadline_soon", recipient=leaver)
    assert (row.status, row.note) == ("skipped", reminders.NOT_INVOLVED)


# --- the answer ----------------------------------------------------------------------------


@pytest.fixture
def final():
    with on(START):
        advice = advice_in("final")
    OutboxMessage.objects.all().delete()
    return advice


def test_answer_overdue_the_day_after_the_term_to_contacts_coordinators_and_members(final):
    due = final.response_due
    assert due == START + timedelta(weeks=settings.ADVICE_RESPONSE_WEEKS)
    people = emails(final.contact, final.backup_contact, *coordinators(), *members("asd"))

    sweep_on(due)
    assert sent("advice_answer_overdue") == []
    sweep_on(due + days(1), due + days(1), due + days(2))

    assert sent("advice_answer_overdue") == [(e, due + days(1)) for e in people]
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == people


def test_answer_overdue_follows_a_change_of_contact_at_sending_time(final):
    due = final.response_due + days(1)
    old_contact, backup = UserFactory(role="professional"), UserFactory(role="professional")
    register.set_contacts(advice=final, by=final.contact, contact=old_contact, backup=backup)
    reminders.collect(due)
    new_contact = UserFactory(role="professional")
    register.set_contacts(advice=final, by=old_contact, contact=new_contact, backup=backup)
    OutboxMessage.objects.all().delete()

    sweep_on(due)

    old = Reminder.objects.get(kind="advice_answer_overdue", recipient=old_contact)
    assert (old.status, old.note) == ("skipped", reminders.NOT_INVOLVED)
    new = Reminder.objects.get(kind="advice_answer_overdue", recipient=new_contact)
    assert new.status == "sent"
    assert OutboxMessage.objects.filter(to=[new_contact.email]).count() == 1
    assert not OutboxMessage.objects.filter(to=[old_contact.email]).exists()


def test_answer_overdue_not_after_the_answer_is_published():
    with on(START):
        advice = advice_in("answered")
    sweep_on(advice.response_due + days(1))
    assert sent("advice_answer_overdue") == []


# --- promises ------------------------------------------------------------------------------


@pytest.fixture
def answered():
    with on(START):
        advice = advice_in("answered")
    OutboxMessage.objects.all().delete()
    return advice


def test_promise_soon_to_owner_and_contact_once(answered):
    promise = answered.promises.order_by("pk").first()
    soon = promise.due_on - days(settings.REMINDER_PROMISE_SOON_DAYS)
    people = emails(promise.owner, answered.contact)
    count = answered.promises.count()

    sweep_on(soon - days(1))
    assert sent("advice_promise_soon") == []
    sweep_on(soon, soon, soon + days(1), promise.due_on)

    assert sent("advice_promise_soon") == sorted([(e, soon) for e in people] * count)
    assert Reminder.objects.filter(kind="advice_promise_soon").count() == len(people) * count


def test_promise_overdue_to_owner_contact_coordinators_and_members(answered):
    promises = list(answered.promises.order_by("pk"))
    due = promises[0].due_on
    followup.update_promise(promise=promises[1], by=answered.contact, note="Klaar.",
                            status=PromiseStatus.DONE)  # fmt: skip
    people = emails(promises[0].owner, answered.contact, *coordinators(), *members("asd"))

    sweep_on(due)
    assert sent("advice_promise_overdue") == []
    sweep_on(due + days(1), due + days(1), due + days(4))

    rows = Reminder.objects.filter(kind="advice_promise_overdue")
    assert set(rows.values_list("object_id", flat=True)) == {promises[0].pk}
    assert sent("advice_promise_overdue") == [(e, due + days(1)) for e in people]


def test_promise_reminders_stop_when_the_promise_is_dropped(answered):
    promise = answered.promises.order_by("pk").first()
    followup.update_promise(promise=promise, by=answered.contact, note="Gaat niet door.",
                            status=PromiseStatus.DROPPED, drop_reason="Geen budget.")  # fmt: skip
    sweep_on(promise.due_on - days(14), promise.due_on + days(1))
    assert not Reminder.objects.filter(object_id=promise.pk, kind__startswith="advice_promise")
    assert Promise.objects.get(pk=promise.pk).is_overdue(promise.due_on + days(1)) is False


# --- the evaluation of an advice -----------------------------------------------------------


def test_evaluation_due_on_its_day_to_members_contact_and_coordinators(answered):
    evaluation = answered.evaluation
    people = emails(*members("asd"), answered.contact, *coordinators())

    sweep_on(evaluation.due_on - days(1))
    assert sent("advice_evaluation_due") == []
    sweep_on(evaluation.due_on, evaluation.due_on, evaluation.due_on + days(2))

    assert sent("advice_evaluation_due") == [(e, evaluation.due_on) for e in people]


def test_no_evaluation_reminder_once_it_is_done():
    with on(START):
        advice = advice_in("closed")
    sweep_on(advice.evaluation.due_on)
    assert sent("advice_evaluation_due") == []


# --- meetings ------------------------------------------------------------------------------


@pytest.fixture
def bodies():
    with on(START):
        boss = coordinator()
        secretary = member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
        member("asd")  # a plain member gets no meeting reminder
        bo_secretary = member("bo-plus", "bo_plus_representative",
                              member_role=MemberRole.SECRETARY)  # fmt: skip
        for when in (date(2027, 2, 1), date(2027, 11, 1)):
            followup.plan_meeting(by=boss, body=body("bo-plus"), date=when, title="Overleg BO+")
        followup.plan_meeting(by=boss, body=body("asd"), date=date(2026, 12, 1), title="Vorig jaar")
    return boss, secretary, bo_secretary


def test_too_few_meetings_on_1_july_and_1_october_to_coordinators_and_secretaries(bodies):
    boss, secretary, bo_secretary = bodies
    asd = body("asd")
    people = emails(boss, secretary)

    sweep_on(date(2027, 6, 30))
    assert sent("advice_few_meetings") == []
    sweep_on(date(2027, 7, 1), date(2027, 7, 1), date(2027, 7, 5))
    assert sent("advice_few_meetings") == [(e, date(2027, 7, 1)) for e in people]
    assert set(Reminder.objects.values_list("object_id", flat=True)) == {asd.pk}
    assert not Reminder.objects.filter(recipient=bo_secretary).exists()

    followup.plan_meeting(by=boss, body=asd, date=date(2027, 9, 1), title="Overleg ASD")
    sweep_on(date(2027, 10, 1))
    assert sorted(due for _, due in sent("advice_few_meetings")) == sorted(
        [date(2027, 7, 1)] * 2 + [date(2027, 10, 1)] * 2
    )

    followup.plan_meeting(by=boss, body=asd, date=date(2027, 12, 1), title="Overleg ASD")
    Reminder.objects.filter(due_on=date(2027, 10, 1)).delete()
    sweep_on(date(2027, 10, 2))
    assert Reminder.objects.filter(due_on=date(2027, 10, 1)).count() == 0


# --- scale ---------------------------------------------------------------------------------


def _due_items(count: int, boss) -> None:
    """`count` requests whose deadline is 14 days away, and `count` promises due tomorrow."""
    with on(START):
        for _ in range(count):
            advice_request(by=boss, days=56)
        advice = advice_in("answered", coordinator_user=boss)
    Promise.objects.bulk_create(
        Promise(advice=advice, text=f"Belofte {n}", department="Zorg", owner=boss,
                due_on=START + days(56))
        for n in range(count)
    )  # fmt: skip


def _measure(day: date) -> tuple[int, int, int]:
    """(reminders written, queries of the collect, queries of the advice sources alone);
    a first collect warms the caches (content types), then the rows go again."""
    with on(day):
        reminders.collect(day)
    Reminder.objects.all().delete()
    with on(day), CaptureQueriesContext(connection) as everything:
        created = reminders.collect(day)
    with CaptureQueriesContext(connection) as sources:
        for source in advice_reminders.SOURCES:
            list(source.candidates(day))
    Reminder.objects.all().delete()
    return created, len(everything.captured_queries), len(sources.captured_queries)


def test_collect_of_advice_reminders_runs_as_many_queries_for_3_as_for_30_items():
    boss = coordinator()
    member("asd")
    day = START + days(56 - 14)

    _due_items(3, boss)
    created_few, collect_few, sources_few = _measure(day)
    _due_items(27, boss)
    created_many, collect_many, sources_many = _measure(day)

    assert created_many > created_few > 0
    assert collect_many == collect_few
    assert sources_many == sources_few


# --- the messages --------------------------------------------------------------------------


def test_every_advice_reminder_renders_a_subject_and_a_body_with_its_link():
    from django.template.loader import render_to_string

    from advice.models import AdviceEvaluation, AdviceRequest, AdvisoryBody
    from burgerkracht.core.models import Municipality

    with on(START):
        made = advice_request(days=56)
        answered = advice_in("answered")
        final = advice_in("final")
    items = {
        AdviceRequest: made,
        Advice: final,
        Promise: answered.promises.first(),
        AdviceEvaluation: answered.evaluation,
        AdvisoryBody: body("asd"),
    }
    recipient = answered.contact
    for source in advice_reminders.SOURCES:
        item = source.get(items[source.model].pk)
        for kind in source.kinds:
            template, context = source.message(item, kind, START, START, recipient)
            assert template == f"reminders/{kind}"
            context = {**context, "municipality": Municipality.current(),
                       "recipient": recipient, "settings_link": "https://x/profiel/"}  # fmt: skip
            subject = render_to_string(f"email/{template}_subject.txt", context).strip()
            text = render_to_string(f"email/{template}_body.txt", context)
            assert subject, kind
            assert context["link"].startswith(settings.SITE_URL), kind
            assert context["link"] in text, kind
            assert "https://x/profiel/" in text, kind
