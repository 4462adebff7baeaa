"""After the answer: promises and their progress, the evaluation that closes the advice,
meetings, the factsheet, and handing over contacts and promises."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from advice.enums import AdviceEvaluationStatus, AdviceStatus, Kept, Party, PromiseStatus
from advice.models import Advice, FactsheetVersion, Promise, PromiseVerdict
from advice.services import followup
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent, OutboxMessage
from tests.advice.factories import advice_in, body, coordinator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def events(subject, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.for_subject(subject).filter(action=action).order_by("pk"))


@pytest.fixture
def answered() -> Advice:
    return advice_in("answered")


def first_promise(advice: Advice) -> Promise:
    return advice.promises.order_by("pk").first()


# --- promises ------------------------------------------------------------------------------


def test_update_promise_writes_a_note_and_is_audited(answered):
    promise = first_promise(answered)
    by = answered.contact

    followup.update_promise(promise=promise, by=by, note="Loket is ingericht.",
                            status=PromiseStatus.ON_TRACK)  # fmt: skip

    promise.refresh_from_db()
    assert promise.status == PromiseStatus.ON_TRACK
    note = promise.notes.get()
    assert (note.author, note.text, note.status) == (by, "Loket is ingericht.", "on_track")
    event = events(promise, "promise.updated")[0]
    assert event.actor == by and event.data == {"from": "new", "to": "on_track"}


def test_update_promise_needs_a_note(answered):
    with pytest.raises(DomainError, match="progress"):
        followup.update_promise(promise=first_promise(answered), by=answered.contact, note=" ")


def test_dropping_a_promise_needs_its_reason(answered):
    promise = first_promise(answered)
    with pytest.raises(DomainError, match="dropped"):
        followup.update_promise(promise=promise, by=answered.contact, note="Stopt.",
                                status=PromiseStatus.DROPPED)  # fmt: skip
    followup.update_promise(promise=promise, by=answered.contact, note="Stopt.",
                            status=PromiseStatus.DROPPED, drop_reason="Geen geld.")  # fmt: skip
    promise.refresh_from_db()
    assert (promise.status, promise.drop_reason) == (PromiseStatus.DROPPED, "Geen geld.")
    assert events(promise, "promise.updated")[0].reason == "Geen geld."
    # Picked up again: the reason goes.
    followup.update_promise(promise=promise, by=answered.contact, note="Toch geld.",
                            status=PromiseStatus.ON_TRACK)  # fmt: skip
    promise.refresh_from_db()
    assert (promise.status, promise.drop_reason) == (PromiseStatus.ON_TRACK, "")


def test_a_promise_cannot_go_from_done_to_dropped(answered):
    promise = first_promise(answered)
    followup.update_promise(promise=promise, by=answered.contact, note="Klaar.",
                            status=PromiseStatus.DONE)  # fmt: skip
    with pytest.raises(InvalidTransition):
        followup.update_promise(promise=promise, by=answered.contact, note="Weg.",
                                status=PromiseStatus.DROPPED, drop_reason="x")  # fmt: skip


def test_overdue_is_derived_from_the_date_of_an_open_promise(answered):
    promise = first_promise(answered)
    due = promise.due_on
    assert promise.is_overdue(due) is False
    assert promise.is_overdue(due + timedelta(days=1)) is True
    followup.update_promise(promise=promise, by=answered.contact, note="Klaar.",
                            status=PromiseStatus.DONE)  # fmt: skip
    promise.refresh_from_db()
    assert promise.is_overdue(due + timedelta(days=1)) is False


def test_reassign_promise_needs_a_reason_tells_the_new_owner_and_keeps_the_old(answered):
    promise = first_promise(answered)
    old_owner, old_due = promise.owner, promise.due_on
    newcomer = UserFactory(role="professional")
    new_due = old_due + timedelta(days=30)
    with pytest.raises(DomainError, match="Say why"):
        followup.reassign_promise(promise=promise, by=answered.contact, owner=newcomer,
                                  department="Zorg", due_on=new_due, reason="")  # fmt: skip
    OutboxMessage.objects.all().delete()

    followup.reassign_promise(promise=promise, by=answered.contact, owner=newcomer,
                              department="Werk", due_on=new_due,
                              reason="Andere afdeling.")  # fmt: skip

    promise.refresh_from_db()
    assert (promise.owner, promise.department, promise.due_on) == (newcomer, "Werk", new_due)
    event = events(promise, "promise.reassigned")[0]
    assert event.reason == "Andere afdeling."
    assert event.data["before"]["owner"] == old_owner.pk
    assert event.data["before"]["due_on"] == old_due.isoformat()
    assert [m.to[0] for m in OutboxMessage.objects.all()] == [newcomer.email]


# --- the evaluation ------------------------------------------------------------------------


def _fill(evaluation, by, verdicts=None):
    return followup.save_evaluation(
        evaluation=evaluation, by=by, held_on=timezone.localdate(), participants="ASD, gemeente",
        what_happened="Het loket is er.", effect="Minder wachttijd.",
        body_appraisal="Goed.", verdicts=verdicts,
    )  # fmt: skip


def test_evaluation_complete_refuses_without_a_verdict_per_promise(answered):
    evaluation = answered.evaluation
    promises = list(answered.promises.order_by("pk"))
    _fill(evaluation, answered.contact, {promises[0].pk: (Kept.KEPT, "")})

    with pytest.raises(DomainError) as refused:
        followup.complete_evaluation(evaluation=evaluation, by=answered.contact)

    assert promises[1].text[:60] in refused.value.message
    assert Advice.objects.get(pk=answered.pk).status == AdviceStatus.ANSWERED


def test_a_verdict_not_kept_needs_its_explanation(answered):
    promise = first_promise(answered)
    with pytest.raises(DomainError, match="not \\(fully\\) kept"):
        _fill(answered.evaluation, answered.contact, {promise.pk: (Kept.NOT_KEPT, "")})
    other = first_promise(advice_in("answered"))
    with pytest.raises(DomainError, match="another advice"):
        _fill(answered.evaluation, answered.contact, {other.pk: (Kept.KEPT, "")})


def test_completing_the_evaluation_closes_the_advice_and_tells_people(answered):
    evaluation = answered.evaluation
    promises = list(answered.promises.order_by("pk"))
    verdicts = {promises[0].pk: (Kept.KEPT, ""), promises[1].pk: (Kept.PARTLY, "In één wijk.")}
    _fill(evaluation, answered.contact, verdicts)
    OutboxMessage.objects.all().delete()

    followup.complete_evaluation(evaluation=evaluation, by=answered.contact)

    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.completed_by) == (
        AdviceEvaluationStatus.DONE, answered.contact,
    )  # fmt: skip
    assert Advice.objects.get(pk=answered.pk).status == AdviceStatus.CLOSED
    assert PromiseVerdict.objects.filter(evaluation=evaluation).count() == 2
    assert events(answered, "advice.evaluated_and_closed")[0].actor == answered.contact
    assert answered.created_by.email in [m.to[0] for m in OutboxMessage.objects.all()]
    with pytest.raises(DomainError, match="done"):
        _fill(evaluation, answered.contact)


# --- meetings and the factsheet ------------------------------------------------------------


def test_plan_and_update_a_meeting_with_its_advices(answered):
    boss = coordinator()
    meeting = followup.plan_meeting(by=boss, body=body("asd"), date=date(2027, 3, 1),
                                    title="Overleg college-ASD", advices=[answered])  # fmt: skip
    assert list(meeting.advices.all()) == [answered]
    assert events(meeting, "meeting.planned")[0].data == {"date": "2027-03-01"}
    followup.update_meeting(meeting=meeting, by=boss, agreements="Voortgang in juni.",
                            advices=[])  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.agreements == "Voortgang in juni." and not meeting.advices.exists()
    assert events(meeting, "meeting.updated")[0].data == {"fields": ["agreements"]}


def _entries():
    return {party: (f"Taken {party}", f"Bevoegdheden {party}", "") for party in Party.values}


def test_factsheet_versions_keep_their_why():
    boss = coordinator()
    with pytest.raises(DomainError, match="Say why"):
        followup.publish_factsheet(by=boss, why="", valid_from=date(2027, 1, 1),
                                   entries=_entries())  # fmt: skip
    missing = _entries()
    missing[Party.COUNCIL] = ("", "x", "")
    with pytest.raises(DomainError):
        followup.publish_factsheet(by=boss, why="Eerste.", valid_from=date(2027, 1, 1),
                                   entries=missing)  # fmt: skip

    before = FactsheetVersion.current()
    start = before.number if before else 0
    first = followup.publish_factsheet(by=boss, why="Eerste versie.",
                                       valid_from=date(2027, 1, 1), entries=_entries())  # fmt: skip
    why = "Het BO+ adviseert nu ook over jeugd."
    second = followup.publish_factsheet(by=boss, why=why, valid_from=date(2027, 6, 1),
                                        entries=_entries())  # fmt: skip

    assert (first.number, second.number) == (start + 1, start + 2)
    assert FactsheetVersion.objects.get(number=start + 1).why == "Eerste versie."
    assert FactsheetVersion.current() == second
    assert second.entries.count() == len(Party.values)
    assert events(second, "factsheet.published")[0].reason == "Het BO+ adviseert nu ook over jeugd."


# --- handover ------------------------------------------------------------------------------


def test_hand_over_moves_contacts_and_open_promises_and_leaves_closed_ones():
    leaving = coordinator()
    successor = UserFactory(role="advice_coordinator")
    answered = advice_in("answered", coordinator_user=leaving)
    closed = advice_in("closed", coordinator_user=leaving)
    open_promises = list(answered.promises.order_by("pk"))
    followup.update_promise(promise=open_promises[1], by=leaving, note="Klaar.",
                            status=PromiseStatus.DONE)  # fmt: skip
    OutboxMessage.objects.all().delete()

    with pytest.raises(DomainError):
        followup.hand_over_contacts(by=leaving, leaving=leaving, successor=successor, note="")
    with pytest.raises(DomainError):
        followup.hand_over_contacts(by=leaving, leaving=leaving, successor=leaving, note="Pensioen")

    counts = followup.hand_over_contacts(by=leaving, leaving=leaving, successor=successor,
                                         note="Ik ga met pensioen.")  # fmt: skip

    # The open promise of the answered advice only: the done promise stays, and so do the
    # closed advice's contacts and its promises, judged kept at its evaluation (issue #22 §3).
    assert counts == {"contact": 1, "backup": 0, "promises": 1}
    assert set(closed.promises.values_list("status", "owner")) == {("done", leaving.pk)}
    answered.refresh_from_db()
    closed.refresh_from_db()
    assert answered.contact == successor
    assert closed.contact == leaving
    assert Promise.objects.get(pk=open_promises[0].pk).owner == successor
    assert Promise.objects.get(pk=open_promises[1].pk).owner == leaving  # done: stays
    assert not AuditEvent.objects.for_subject(closed).filter(action="advice.handed_over")
    assert events(answered, "advice.handed_over")[0].reason == "Ik ga met pensioen."
    assert events(open_promises[0], "promise.handed_over")[0].data == {
        "before": leaving.pk, "after": successor.pk,
    }  # fmt: skip
    assert [m.to[0] for m in OutboxMessage.objects.all()] == [successor.email]


def test_hand_over_to_the_backup_leaves_the_backup_empty():
    leaving = coordinator()
    answered = advice_in("answered", coordinator_user=leaving)
    backup = answered.backup_contact

    counts = followup.hand_over_contacts(by=leaving, leaving=leaving, successor=backup,
                                         note="Over naar de backup.")  # fmt: skip

    answered.refresh_from_db()
    assert counts["contact"] == 1
    assert (answered.contact, answered.backup_contact) == (backup, None)
