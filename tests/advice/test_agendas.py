"""SC-10: promises on their own and agendas — creating them, the constraint on their source,
the verdict step of a promise on its own (every status and every verdict), and who sees what
(rights follow the agenda: the members of the group that handed it in)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from advice import permissions
from advice.enums import JUDGEABLE, PROMISE_TRANSITIONS, STATUS_OF_VERDICT, Kept, PromiseSource
from advice.enums import PromiseStatus as S
from advice.meeting_selectors import draft_agenda
from advice.models import Promise, PromiseVerdict
from advice.promise_selectors import PromiseTable, promise_register
from advice.services import followup, promises
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, OutboxMessage
from tests.advice.agenda_factories import agenda, agenda_promise, commitment, vip, vip_member
from tests.advice.factories import advice_in, body, coordinator, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


TODAY = timezone.localdate


def test_a_promise_on_its_own_has_a_source_owner_phase_and_the_owner_is_told():
    boss = coordinator()
    promise = commitment(by=boss)
    assert promise.advice is None and promise.is_standalone
    assert promise.source_kind == PromiseSource.COMMITMENT
    assert "12 maart" in promise.source_description
    assert OutboxMessage.objects.filter(to__contains=[promise.owner.email]).exists()
    assert AuditEvent.objects.filter(action="promise.created", actor=boss).exists()
    lia = agenda(by=boss)
    topic = agenda_promise(lia, by=boss, phase="Fase 2 (2021)")
    assert (topic.agenda, topic.phase, topic.source_kind) == (lia, "Fase 2 (2021)", "agenda")


@pytest.mark.parametrize(
    ("fields", "refused"),
    [
        ({"source_kind": "answer"}, "made in the answer"),
        ({"source_kind": "agenda"}, "Choose the agenda"),
        ({"source_kind": "commitment", "source_description": ""}, "another source"),
    ],
)
def test_a_promise_without_advice_needs_another_source(fields, refused):
    owner = coordinator()
    kwargs = {"by": owner, "text": "Iets", "owner": owner, "department": "X",
              "due_on": TODAY(), "source_description": "De wethouder", **fields}  # fmt: skip
    with pytest.raises((DomainError, ValidationError)) as error:
        promises.create_promise(**kwargs)
    assert refused in str(error.value)
    assert not Promise.objects.exists()


def test_the_database_refuses_a_promise_without_any_source():
    owner = coordinator()
    with pytest.raises(IntegrityError), transaction.atomic():
        Promise.objects.create(text="x", source_kind="other", owner=owner, department="X",
                               due_on=TODAY())  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Promise.objects.create(text="x", source_kind="agenda", source_description="y",
                               owner=owner, department="X", due_on=TODAY())  # fmt: skip


def test_the_database_refuses_the_same_topic_twice_on_an_agenda():
    lia = agenda()
    agenda_promise(lia, text="Toegankelijke stembureaus")
    with pytest.raises(ValidationError, match="already on the agenda"):
        agenda_promise(lia, text="toegankelijke STEMBUREAUS")


def test_promises_of_answers_keep_working_as_before():
    advice = advice_in("answered")
    for promise in advice.promises.all():
        assert promise.source_kind == PromiseSource.ANSWER and promise.agenda is None


# --- the verdict of a promise on its own ---------------------------------------------------


def _in_status(status: str, *, days: int = -1):
    boss = coordinator()
    promise = agenda_promise(agenda(by=boss), by=boss, days=days)
    if status in (S.ON_TRACK, S.DONE, S.DROPPED):
        reason = "Geen geld." if status == S.DROPPED else ""
        followup.update_promise(
            promise=promise, by=boss, note="Stand.", status=status, drop_reason=reason
        )
    elif status in (S.PARTLY_KEPT, S.NOT_KEPT):
        kept = Kept.PARTLY if status == S.PARTLY_KEPT else Kept.NOT_KEPT
        promises.judge_promise(promise=promise, by=boss, kept=kept, reason="Te duur gebleken.")
    return Promise.objects.get(pk=promise.pk), boss


@pytest.mark.parametrize("kept", Kept.values)
@pytest.mark.parametrize("status", S.values)
def test_verdict_transition_table_every_status_and_verdict(status, kept):
    promise, boss = _in_status(status)
    allowed = status in JUDGEABLE and STATUS_OF_VERDICT[kept] in (
        PROMISE_TRANSITIONS[status] | {status}
    )
    reason = "" if kept == Kept.KEPT else "Het budget ging naar iets anders."
    if allowed:
        promises.judge_promise(promise=promise, by=boss, kept=kept, reason=reason)
        promise.refresh_from_db()
        assert promise.status == STATUS_OF_VERDICT[kept]
        assert promise.verdict.note == reason and promise.verdict.given_by == boss
        assert promise.notes.last().status == promise.status
        event = AuditEvent.objects.filter(action="promise.judged").last()
        assert (event.data["from"], event.data["to"]) == (status, promise.status)
    else:
        verdicts = PromiseVerdict.objects.count()
        with pytest.raises(DomainError):
            promises.judge_promise(promise=promise, by=boss, kept=kept, reason=reason)
        assert Promise.objects.get(pk=promise.pk).status == status
        assert PromiseVerdict.objects.count() == verdicts


@pytest.mark.parametrize("reason", ["", "  ", ".", "x"])
@pytest.mark.parametrize("kept", [Kept.PARTLY, Kept.NOT_KEPT])
def test_partly_or_not_kept_needs_a_real_reason(kept, reason):
    promise, boss = _in_status(S.ON_TRACK)
    with pytest.raises(ValidationError, match="not \\(fully\\) kept"):
        promises.judge_promise(promise=promise, by=boss, kept=kept, reason=reason)
    assert Promise.objects.get(pk=promise.pk).status == S.ON_TRACK


def test_no_verdict_before_the_due_date_unless_the_owner_says_done():
    promise, boss = _in_status(S.ON_TRACK, days=10)
    with pytest.raises(DomainError, match="due date has come"):
        promises.judge_promise(promise=promise, by=boss, kept=Kept.KEPT)
    followup.update_promise(promise=promise, by=promise.owner, note="Klaar.", status=S.DONE)
    promises.judge_promise(promise=promise, by=boss, kept=Kept.KEPT)
    assert Promise.objects.get(pk=promise.pk).verdict.kept == Kept.KEPT


def test_no_verdict_step_for_a_promise_of_an_advice():
    advice = advice_in("answered")
    promise = advice.promises.first()
    Promise.objects.filter(pk=promise.pk).update(due_on=TODAY() - timedelta(days=3))
    with pytest.raises(DomainError, match="evaluation"):
        promises.judge_promise(promise=promise, by=coordinator(), kept=Kept.KEPT)


def test_after_the_verdict_the_status_no_longer_changes():
    promise, boss = _in_status(S.DONE)
    promises.judge_promise(promise=promise, by=boss, kept=Kept.KEPT)
    with pytest.raises(DomainError, match="no longer changes"):
        followup.update_promise(promise=promise, by=boss, note="Toch niet.", status=S.ON_TRACK)


def test_not_kept_shows_with_its_reason_in_the_register_never_on_track():
    promise, boss = _in_status(S.ON_TRACK)
    promises.judge_promise(promise=promise, by=boss, kept=Kept.NOT_KEPT, reason="Te duur.")
    row = promise_register().get(pk=promise.pk)
    with translation.override("en"):
        cell = PromiseTable([row]).rows[0].get_cell("status")
        assert "Not kept" in cell and "Te duur." in cell and "On track" not in cell
    assert row.overdue is False


def test_an_open_promise_past_its_date_has_one_status_late_in_the_register():
    promise, _boss = _in_status(S.ON_TRACK)
    Promise.objects.filter(pk=promise.pk).update(due_on=TODAY() - timedelta(days=1))
    row = promise_register().get(pk=promise.pk)
    with translation.override("en"):
        table = PromiseTable([row])
        cell = table.rows[0].get_cell("status")
        assert "Late" in cell and "On track" not in cell
        assert [c.name for c in table.columns if c.visible].count("overdue") == 0
        assert table.rows[0].get_cell_value("overdue") == "Yes"  # in the export


# --- who sees what -------------------------------------------------------------------------


def test_rights_follow_the_agenda():
    lia = agenda()
    topic = agenda_promise(lia)
    ours, theirs = vip_member(), member("asd")
    loose = commitment()
    assert permissions.can_view_agenda(ours, lia) and not permissions.can_view_agenda(theirs, lia)
    assert permissions.can_view_promise(ours, topic)
    assert not permissions.can_view_promise(theirs, topic)
    assert not permissions.can_view_promise(theirs, loose)
    assert permissions.can_view_promise(loose.owner, loose)
    assert set(promise_register(user=theirs)) == set()
    assert set(promise_register(user=ours)) == {topic}
    assert {topic, loose} <= set(promise_register(user=coordinator()))


# --- the college-body meeting ----------------------------------------------------------------


def test_overdue_agenda_topics_are_proposed_for_the_meetings_grouped_per_agenda():
    lia = agenda()
    late = agenda_promise(lia, days=-3, text="Toegankelijke speeltuinen")
    agenda_promise(lia, days=3, text="Later")
    loose = commitment(days=-1)
    asd_agenda = draft_agenda(body("asd"), TODAY())
    assert asd_agenda.overdue_agenda_items == {lia.title: [late], "": [loose]}
    assert "Toegankelijke speeltuinen" in asd_agenda.text()
    assert draft_agenda(vip(), TODAY()).overdue_agenda_items == {lia.title: [late]}
    assert draft_agenda(body("bo-plus"), TODAY()).overdue_agenda_items == {}
    promises.judge_promise(promise=late, by=coordinator(), kept=Kept.NOT_KEPT, reason="Geen geld.")
    assert draft_agenda(vip(), TODAY()).overdue_agenda_items == {}


# --- the report ----------------------------------------------------------------------------


def test_the_advice_report_counts_promises_per_agenda_with_the_verdicts():
    from burgerkracht.core.reporting import reports

    boss = coordinator()
    lia = agenda(by=boss)
    for text, days in (("A", -3), ("B", -2), ("C", 5)):
        agenda_promise(lia, by=boss, text=text, days=days)
    commitment(by=boss)
    first = lia.promises.get(text="A")
    promises.judge_promise(promise=first, by=boss, kept=Kept.NOT_KEPT, reason="Geen geld meer.")
    sections = reports.build(reports.get("advice"), {})
    rows = next(t.rows for s in sections for t in s.tables if str(t.title) == "Promises per agenda")
    by_name = {row["agenda_name"]: row for row in rows}
    assert {k: by_name[lia.title][k] for k in ("total", "overdue", "open", "not_kept")} == {
        "total": 3, "overdue": 1, "open": 1, "not_kept": 1}  # fmt: skip
    assert by_name["Commitments on their own"]["total"] == 1
    narrowed = reports.build(reports.get("advice"), {"orgaan": body("asd")})
    assert not next(t.rows for s in narrowed for t in s.tables
                    if str(t.title) == "Promises per agenda")  # fmt: skip


def test_continuity_names_a_promise_on_its_own_by_its_agenda_or_source():
    from advice.report_selectors import promises_at_risk

    topic = agenda_promise(agenda(), text="Speeltuinen")
    loose = commitment()
    for promise in (topic, loose):
        promise.owner.is_active = False
        promise.owner.save(update_fields=["is_active"])
    rows = {row["pk"]: row["reference"] for row in promises_at_risk()}
    assert rows == {topic.pk: "Lokale Inclusie Agenda", loose.pk: loose.source_description}
