"""Reminders (WF-13): each kind on its day to exactly its people, never a day early, never once
it stopped mattering; a second sweep sends nothing; the check at sending time; handovers and
preferences. The grant comes from the services (application_in): evaluation on 1 May 2027,
accountability due 31 December 2027."""

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budget.enums import AccountabilityStatus, ApplicationStatus, EvaluationStatus
from budget.models import Application
from burgerkracht.core.messaging import reminders
from burgerkracht.core.models import OutboxMessage, Reminder
from burgerkracht.core.tasks import sweep_reminders_task
from initiatives.models import Initiative, Initiator
from tests.factories import InitiatorFactory, UserFactory, application_in

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EVALUATION_ON = date(2027, 5, 1)
ACCOUNTABILITY_DUE = date(2027, 12, 31)


@contextmanager
def on(day: date, hour: int = 9):
    with time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM),
                             tick=False):  # fmt: skip
        yield


def sweep_on(day: date) -> reminders.SweepResult:
    """What beat does: the sweep task, with the send tasks run by the (eager) worker."""
    with on(day):
        return reminders.sweep()


class Grant:
    """A running grant with everyone in place: lead and backup initiator, facilitator and
    backup facilitator, and one facilitator coordinator."""

    def __init__(self, *, backups: bool = True) -> None:
        self.application = application_in("granted")
        self.initiative = self.application.initiative
        self.lead = self.initiative.created_by
        self.facilitator = self.initiative.facilitator
        self.coordinator = UserFactory(role="facilitator_coordinator")
        self.backup = None
        self.backup_facilitator = None
        if backups:
            self.backup = UserFactory(role="resident")
            Initiator.objects.filter(initiative=self.initiative, is_backup=True).update(
                user=self.backup, email=self.backup.email, accepted_at=timezone.now()
            )
            self.backup_facilitator = UserFactory(role="facilitator")
            Initiative.objects.filter(pk=self.initiative.pk).update(
                backup_facilitator=self.backup_facilitator
            )
        self.evaluation = self.application.evaluations.get()
        self.accountability = self.application.accountability
        # The mails of applying and deciding are tested elsewhere; here only reminders count.
        OutboxMessage.objects.all().delete()


@pytest.fixture
def grant() -> Grant:
    return Grant()


def sent(kind: str) -> list[tuple[str, date]]:
    """(recipient e-mail, due date) of every reminder of `kind` that went to the outbox."""
    rows = Reminder.objects.filter(kind=kind, status="sent").select_related("recipient")
    return sorted((r.recipient.email, r.due_on) for r in rows)


def outbox() -> list[tuple[str, str]]:
    return sorted((m.to[0], m.subject) for m in OutboxMessage.objects.all())


def emails(*users) -> list[str]:
    return sorted(u.email for u in users)


# --- interim evaluation ---------------------------------------------------------------


def test_evaluation_soon_14_and_3_days_before_to_initiators_and_both_facilitators(grant):
    people = emails(grant.lead, grant.backup, grant.facilitator, grant.backup_facilitator)
    t14, t3 = date(2027, 4, 17), date(2027, 4, 28)

    sweep_on(t14 - timedelta(days=1))
    assert sent("evaluation_soon") == []

    sweep_on(t14)
    assert sent("evaluation_soon") == [(e, t14) for e in people]
    title = grant.initiative.title
    assert outbox() == sorted(
        [(e, f'Tussentijdse evaluatie van "{title}" op 1 mei 2027') for e in people]
        + [
            (e, f'Plan het bezoek voor "{title}"')
            for e in emails(grant.facilitator, grant.backup_facilitator)
        ]
    )

    for day in (t14 + timedelta(days=1), t3 - timedelta(days=1)):
        sweep_on(day)
    assert sent("evaluation_soon") == [(e, t14) for e in people]

    sweep_on(t3)
    assert sent("evaluation_soon") == sorted([(e, t14) for e in people] + [(e, t3) for e in people])


def test_evaluation_soon_catches_up_on_the_day_itself_but_never_after_it(grant):
    sweep_on(EVALUATION_ON + timedelta(days=1))
    assert sent("evaluation_soon") == []

    sweep_on(EVALUATION_ON)
    assert [due for _, due in sent("evaluation_soon")] == [date(2027, 4, 28)] * 4


def test_evaluation_reminders_stop_once_it_is_written_down(grant):
    sweep_on(date(2027, 4, 17))
    grant.evaluation.status = EvaluationStatus.RECORDED
    grant.evaluation.save(update_fields=["status"])

    for day in (date(2027, 4, 28), date(2027, 5, 8)):
        sweep_on(day)

    assert {due for _, due in sent("evaluation_soon")} == {date(2027, 4, 17)}
    assert sent("evaluation_overdue") == []


def test_evaluation_reminders_stop_when_the_grant_stops(grant):
    Application.objects.filter(pk=grant.application.pk).update(status=ApplicationStatus.STOPPED)

    for day in (date(2027, 4, 17), date(2027, 4, 28), date(2027, 5, 8)):
        sweep_on(day)

    assert Reminder.objects.filter(content_type__model="evaluation").count() == 0


def test_visit_to_plan_14_days_before_to_both_facilitators_only_without_a_visit_date(grant):
    sweep_on(date(2027, 4, 16))
    assert sent("visit_to_plan") == []

    sweep_on(date(2027, 4, 17))

    assert sent("visit_to_plan") == [
        (e, date(2027, 4, 17)) for e in emails(grant.facilitator, grant.backup_facilitator)
    ]


def test_visit_to_plan_not_sent_when_the_visit_is_planned(grant):
    grant.evaluation.visit_on = date(2027, 4, 25)
    grant.evaluation.save(update_fields=["visit_on"])

    sweep_on(date(2027, 4, 17))

    assert sent("visit_to_plan") == []


def test_visit_soon_two_days_before_to_visitors_and_facilitator(grant):
    colleague = UserFactory(role="professional")
    grant.evaluation.visit_on = date(2027, 4, 25)
    grant.evaluation.save(update_fields=["visit_on"])
    grant.evaluation.visitors.add(grant.backup_facilitator, colleague)

    sweep_on(date(2027, 4, 22))
    assert sent("visit_soon") == []
    sweep_on(date(2027, 4, 23))
    sweep_on(date(2027, 4, 24))

    people = emails(grant.facilitator, grant.backup_facilitator, colleague)
    assert sent("visit_soon") == [(e, date(2027, 4, 23)) for e in people]
    assert (colleague.email, f'Bezoek aan "{grant.initiative.title}" op 25 april 2027') in outbox()


def test_visit_soon_follows_a_moved_visit(grant):
    grant.evaluation.visit_on = date(2027, 4, 25)
    grant.evaluation.save(update_fields=["visit_on"])
    reminders.collect(date(2027, 4, 23))
    grant.evaluation.visit_on = date(2027, 4, 29)
    grant.evaluation.save(update_fields=["visit_on"])

    with on(date(2027, 4, 23)):
        reminders.sweep()
    sweep_on(date(2027, 4, 27))

    rows = Reminder.objects.filter(kind="visit_soon")
    assert sorted((r.due_on, r.status, r.note) for r in rows) == [
        (date(2027, 4, 23), "skipped", reminders.NOT_RELEVANT),
        (date(2027, 4, 27), "sent", ""),
    ]


def test_evaluation_overdue_7_days_after_to_facilitators_and_coordinators(grant):
    sweep_on(date(2027, 5, 7))
    assert sent("evaluation_overdue") == []

    sweep_on(date(2027, 5, 8))

    people = emails(grant.facilitator, grant.backup_facilitator, grant.coordinator)
    assert sent("evaluation_overdue") == [(e, date(2027, 5, 8)) for e in people]


def test_evaluation_overdue_is_caught_up_for_a_week_only(grant):
    sweep_on(date(2027, 5, 15))
    assert sent("evaluation_overdue") == []

    sweep_on(date(2027, 5, 14))
    assert len(sent("evaluation_overdue")) == 3


# --- accountability -------------------------------------------------------------------


def test_accountability_soon_due_and_overdue_to_initiators_and_facilitator(grant):
    people = emails(grant.lead, grant.backup, grant.facilitator)
    soon, due, overdue = date(2027, 12, 17), ACCOUNTABILITY_DUE, date(2028, 1, 14)

    for kind, day in (
        ("accountability_soon", soon),
        ("accountability_due", due),
        ("accountability_overdue", overdue),
    ):
        sweep_on(day - timedelta(days=1))
        assert sent(kind) == [], kind
        sweep_on(day)
        assert sent(kind) == [(e, day) for e in people], kind


def test_accountability_reminders_stop_when_it_is_sent_in_and_resume_when_more_is_asked(grant):
    grant.accountability.status = AccountabilityStatus.SUBMITTED
    grant.accountability.save(update_fields=["status"])
    sweep_on(ACCOUNTABILITY_DUE)
    assert sent("accountability_due") == []

    grant.accountability.status = AccountabilityStatus.MORE_ASKED
    grant.accountability.save(update_fields=["status"])
    sweep_on(date(2028, 1, 14))

    assert len(sent("accountability_overdue")) == 3


def test_accountability_of_a_stopped_grant_is_still_reminded_but_not_of_a_closed_one(grant):
    Application.objects.filter(pk=grant.application.pk).update(status=ApplicationStatus.STOPPED)
    sweep_on(date(2027, 12, 17))
    assert len(sent("accountability_soon")) == 3

    Application.objects.filter(pk=grant.application.pk).update(status=ApplicationStatus.CLOSED)
    sweep_on(ACCOUNTABILITY_DUE)
    assert sent("accountability_due") == []


# --- missing backups ------------------------------------------------------------------


def test_missing_backups_at_once_and_then_every_monday():
    grant = Grant(backups=False)
    wednesday, monday = date(2027, 3, 3), date(2027, 3, 1)

    sweep_on(wednesday)
    sweep_on(wednesday + timedelta(days=1))

    initiator_people = emails(grant.lead, grant.facilitator, grant.coordinator)
    facilitator_people = emails(grant.facilitator, grant.coordinator)
    assert sent("backup_initiator_missing") == [(e, monday) for e in initiator_people]
    assert sent("backup_facilitator_missing") == [(e, monday) for e in facilitator_people]

    sweep_on(date(2027, 3, 8))

    assert len(sent("backup_initiator_missing")) == 2 * len(initiator_people)
    assert len(sent("backup_facilitator_missing")) == 2 * len(facilitator_people)


def test_missing_backup_reminders_stop_once_there_is_a_backup():
    grant = Grant(backups=False)
    sweep_on(date(2027, 3, 3))
    Initiator.objects.filter(initiative=grant.initiative, is_backup=True).update(
        user=UserFactory(role="resident"), accepted_at=timezone.now()
    )
    Initiative.objects.filter(pk=grant.initiative.pk).update(
        backup_facilitator=UserFactory(role="facilitator")
    )

    sweep_on(date(2027, 3, 8))

    assert {due for _, due in sent("backup_initiator_missing")} == {date(2027, 3, 1)}
    assert {due for _, due in sent("backup_facilitator_missing")} == {date(2027, 3, 1)}


def test_nothing_is_reminded_for_a_complete_grant_far_from_its_dates(grant):
    result = sweep_on(date(2027, 3, 3))

    assert (result.created, result.enqueued, Reminder.objects.count()) == (0, 0, 0)


# --- exactly once ---------------------------------------------------------------------


def test_a_second_sweep_right_after_the_first_inserts_and_sends_nothing(grant):
    before = OutboxMessage.objects.count()
    first = sweep_on(date(2027, 4, 17))
    after_first = (Reminder.objects.count(), OutboxMessage.objects.count())

    second = sweep_on(date(2027, 4, 17))

    assert (first.created, first.enqueued) == (6, 6)  # 4 evaluation_soon + 2 visit_to_plan
    assert after_first == (6, before + 6)
    assert (second.created, second.requeued, second.enqueued) == (0, 0, 0)
    assert (Reminder.objects.count(), OutboxMessage.objects.count()) == after_first


def test_send_reminder_twice_sends_once(grant):
    with on(date(2027, 4, 17)):
        reminders.collect(date(2027, 4, 17))
        pk = Reminder.objects.filter(recipient=grant.lead).get().pk
        before = OutboxMessage.objects.count()

        first = reminders.send_reminder(reminder_pk=pk)
        second = reminders.send_reminder(reminder_pk=pk)

    assert (first, second) == ("sent", None)
    assert OutboxMessage.objects.count() == before + 1


def test_a_queued_reminder_is_handed_over_again_only_after_the_requeue_time(grant, settings):
    settings.REMINDER_REQUEUE_SECONDS = 600
    with on(date(2027, 4, 17)):
        reminders.collect(date(2027, 4, 17))  # written, but its task was lost
    queued = Reminder.objects.filter(status="queued").count()

    with time_machine.travel(datetime(2027, 4, 17, 9, 9, tzinfo=AMSTERDAM), tick=False):
        early = reminders.sweep()
    with time_machine.travel(datetime(2027, 4, 17, 9, 11, tzinfo=AMSTERDAM), tick=False):
        late = reminders.sweep()

    assert queued == 6
    assert (early.created, early.requeued, early.enqueued) == (0, 0, 0)
    assert (late.created, late.requeued, late.enqueued) == (0, 6, 6)
    assert Reminder.objects.filter(status="sent").count() == 6


def test_sweep_task_sends_through_the_worker(grant):
    with on(date(2027, 4, 17)):
        result = sweep_reminders_task.delay().get()

    assert result == {"created": 6, "requeued": 0, "enqueued": 6}
    assert Reminder.objects.filter(status="sent").count() == 6


def test_management_command_sweeps_and_sends_in_process(grant, capsys):
    with on(date(2027, 4, 17)):
        call_command("send_due_reminders")

    assert Reminder.objects.filter(status="sent").count() == 6
    assert capsys.readouterr().out.strip() == (
        "6 nieuwe herinnering(en), 6 verstuurd, 0 niet verstuurd (niet meer nodig of uitgezet)."
    )


# --- the check at sending time --------------------------------------------------------


def test_reminder_is_skipped_when_the_evaluation_was_written_down_meanwhile(grant):
    with on(date(2027, 4, 17)):
        reminders.collect(date(2027, 4, 17))
        grant.evaluation.status = EvaluationStatus.RECORDED
        grant.evaluation.save(update_fields=["status"])
        before = OutboxMessage.objects.count()

        outcomes = [reminders.send_reminder(reminder_pk=r.pk) for r in Reminder.objects.all()]

    assert outcomes == ["skipped"] * 6
    assert set(Reminder.objects.values_list("note", flat=True)) == {reminders.NOT_RELEVANT}
    assert OutboxMessage.objects.count() == before


def test_reminders_follow_a_handover_to_another_facilitator(grant):
    successor = UserFactory(role="facilitator")
    with on(date(2027, 4, 17)):
        reminders.collect(date(2027, 4, 17))
        Initiative.objects.filter(pk=grant.initiative.pk).update(facilitator=successor)

        reminders.sweep()

    old = Reminder.objects.filter(recipient=grant.facilitator)
    assert sorted((r.kind, r.status, r.note) for r in old) == [
        ("evaluation_soon", "skipped", reminders.NOT_INVOLVED),
        ("visit_to_plan", "skipped", reminders.NOT_INVOLVED),
    ]
    assert sent("evaluation_soon") == [
        (e, date(2027, 4, 17))
        for e in emails(grant.lead, grant.backup, successor, grant.backup_facilitator)
    ]
    assert [to for to, _ in outbox()].count(grant.facilitator.email) == 0


def test_a_facilitator_changed_before_the_day_never_gets_the_reminder(grant):
    successor = UserFactory(role="facilitator")
    Initiative.objects.filter(pk=grant.initiative.pk).update(facilitator=successor)

    sweep_on(date(2027, 5, 8))

    assert sent("evaluation_overdue") == [
        (e, date(2027, 5, 8))
        for e in emails(successor, grant.backup_facilitator, grant.coordinator)
    ]


def test_an_initiator_who_left_gets_no_reminder(grant):
    gone = InitiatorFactory(initiative=grant.initiative, left_at=timezone.now()).user

    sweep_on(date(2027, 4, 17))

    assert gone.email not in [e for e, _ in sent("evaluation_soon")]
    assert len(sent("evaluation_soon")) == 4


def test_a_person_who_switched_reminders_off_gets_none(grant):
    grant.lead.notify_reminders = False
    grant.lead.save(update_fields=["notify_reminders"])

    sweep_on(date(2027, 4, 17))

    assert grant.lead.email not in [e for e, _ in sent("evaluation_soon")]
    assert Reminder.objects.filter(recipient=grant.lead).count() == 0
    assert grant.lead.email not in [to for to, _ in outbox()]


def test_switching_reminders_off_after_the_sweep_still_counts(grant):
    with on(date(2027, 4, 17)):
        reminders.collect(date(2027, 4, 17))
        grant.backup.notify_reminders = False
        grant.backup.save(update_fields=["notify_reminders"])
        pk = Reminder.objects.get(recipient=grant.backup).pk

        outcome = reminders.send_reminder(reminder_pk=pk)

    assert (outcome, Reminder.objects.get(pk=pk).note) == ("skipped", reminders.NOT_WANTED)
    assert grant.backup.email not in [to for to, _ in outbox()]


# --- the e-mail -----------------------------------------------------------------------


def test_reminder_mail_is_dutch_and_links_to_the_item(grant, settings):
    sweep_on(date(2027, 12, 17))

    message = OutboxMessage.objects.get(to=[grant.lead.email])
    title = grant.initiative.title
    assert message.subject == f'Verantwoording voor "{title}": stuur die in vóór 31 december 2027'
    assert "Hallo," in message.body
    assert settings.SITE_URL + "/profiel/" in message.body
    assert settings.SITE_URL + "/samen-sterk/" in message.body


# --- scale ----------------------------------------------------------------------------


def test_collect_uses_the_same_number_of_queries_for_one_grant_as_for_many():
    Grant()
    with on(date(2027, 4, 17)), CaptureQueriesContext(connection) as one:
        reminders.collect(date(2027, 4, 17))
    Reminder.objects.all().delete()
    for _ in range(3):
        Grant()

    with on(date(2027, 4, 17)), CaptureQueriesContext(connection) as many:
        created = reminders.collect(date(2027, 4, 17))

    assert created == 4 * 6
    assert len(many.captured_queries) == len(one.captured_queries)


def test_operators_see_a_reminder_in_the_admin(grant, client):
    sweep_on(date(2027, 4, 17))
    reminder = Reminder.objects.get(recipient=grant.lead)
    client.force_login(UserFactory(role="administrator"))

    response = client.get(reminder.get_absolute_url())

    assert response.status_code == 200
    assert "evaluation_soon" in response.content.decode()
