"""The demo data of the advice register: every fact the demo promises, exactly, and a second
run that changes nothing."""

from datetime import date

import pytest
from django.utils import timezone

from advice.enums import (
    Adoption,
    AdviceEvaluationStatus,
    AdviceKind,
    AdviceStatus,
    AnswerStatus,
    MemberRole,
    Party,
    PromiseStatus,
    RequestStatus,
)
from advice.models import (
    Advice,
    AdviceEvaluation,
    AdviceRequest,
    AdvisoryBody,
    Answer,
    BodyOrganisation,
    FactsheetVersion,
    Meeting,
    Membership,
    Promise,
    PromiseNote,
    PromiseVerdict,
    Recommendation,
    Signal,
    TargetGroup,
)
from burgerkracht.core.models import AuditEvent, OutboxMessage
from burgerkracht.seeding.demo import advice as demo
from burgerkracht.seeding.demo import core as core_demo
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

MODELS = (Advice, AdviceRequest, Recommendation, Answer, Promise, PromiseNote, PromiseVerdict,
          AdviceEvaluation, Meeting, Membership, BodyOrganisation, Signal, FactsheetVersion,
          AuditEvent, OutboxMessage)  # fmt: skip


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _seed)


@pytest.fixture
def seeded(_seeded, db):
    """The advice demo on the reference data and the demo logins, seeded once for the module;
    each test reads (or seeds again) in its own savepoint."""


def _seed():
    core_demo.seed_reference_data()
    core_demo.seed_users()
    demo.seed()


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


def test_the_advice_demo_is_in_the_seeding_entry_point():
    assert "burgerkracht.seeding.demo.advice" in core_demo.APP_DEMOS
    assert core_demo.APP_DEMOS.index(
        "burgerkracht.seeding.demo.advice"
    ) > core_demo.APP_DEMOS.index("burgerkracht.seeding.demo.meetlat")


def test_seeding_twice_changes_nothing(seeded):
    before = counts()
    demo.seed()
    assert counts() == before


def test_the_bodies_their_people_and_the_youth_gap(seeded):
    asd, bo_plus = AdvisoryBody.objects.get(slug="asd"), AdvisoryBody.objects.get(slug="bo-plus")
    memberships = {
        (m.body.slug, m.user.email, m.role)
        for m in Membership.objects.filter(ended_on__isnull=True).select_related("body", "user")
    }
    assert memberships == {
        ("asd", "asd-lid@example.org", MemberRole.MEMBER),
        ("asd", "asd-secretaris@example.org", MemberRole.SECRETARY),
        ("bo-plus", "boplus@example.org", MemberRole.REPRESENTATIVE),
        ("vip", "asd-lid@example.org", MemberRole.MEMBER),  # SC-10: a double hat
    }
    assert Membership.objects.get(
        user__email="boplus@example.org"
    ).organisation.organisation.name == ("Ouderenbond Haven")
    organisations = BodyOrganisation.objects.filter(body=bo_plus)
    assert sorted(o.organisation.name for o in organisations) == [
        "Cliëntenraad Samen", "Ouderenbond Haven", "Stichting De Schoor", "Vrijwilligerscentrale",
    ]  # fmt: skip
    assert all(o.themes.exists() and o.groups.exists() for o in organisations)
    represented = set(
        TargetGroup.objects.filter(bodyorganisation__body=bo_plus).values_list("name", flat=True)
    )
    assert "Jeugd" not in represented  # the gap the overview shows
    assert "Ouderen" in represented
    assert not BodyOrganisation.objects.filter(body=asd).exists()


def test_signals_under_a_theme_some_linked_to_an_advice(seeded):
    signals = Signal.objects.select_related("theme", "advice")
    assert signals.count() == 3
    linked = signals.filter(advice__isnull=False)
    assert {s.advice.title for s in linked} == {demo.ANSWERED_TITLE}
    assert {s.theme.name for s in linked} == {"Armoede"}
    assert signals.filter(advice__isnull=True).get().theme.name == "Eenzaamheid"


def test_the_solicited_advice_under_time_pressure_sc05(seeded):
    advice = Advice.objects.get(title=demo.PRESSURE_TITLE)
    asked = advice.advice_request
    assert advice.kind == AdviceKind.SOLICITED
    assert (asked.requested_on, asked.deadline, asked.decision_moment) == (
        date(2025, 12, 6), date(2026, 1, 1), date(2026, 1, 7),
    )  # fmt: skip
    assert asked.is_time_pressure is True
    assert asked.pressure_reason and asked.time_agreement
    assert asked.status == RequestStatus.ANSWERED
    assert advice.from_earlier_reaction is True and advice.consent_note
    assert advice.status == AdviceStatus.FINAL and advice.is_public is True
    # Its answer is still an internal draft, half written.
    assert advice.answer.status == AnswerStatus.DRAFT
    assert list(advice.recommendations.values_list("adoption", flat=True)) == [
        Adoption.ADOPTED, "", "",
    ]  # fmt: skip
    assert AdviceRequest.objects.count() == 1


def test_the_unsolicited_advice_answered_with_two_rejections(seeded):
    advice = Advice.objects.get(title=demo.ANSWERED_TITLE)
    assert advice.kind == AdviceKind.UNSOLICITED and advice.advice_request is None
    assert advice.status == AdviceStatus.ANSWERED and advice.is_public is True
    assert advice.answer.status == AnswerStatus.PUBLISHED
    recs = list(advice.recommendations.order_by("number"))
    assert [r.adoption for r in recs] == [
        Adoption.ADOPTED, Adoption.PARTLY, Adoption.NOT_ADOPTED, Adoption.NOT_ADOPTED,
    ]  # fmt: skip
    assert all(r.reason for r in recs[1:])
    assert (advice.contact.email, advice.backup_contact.email, advice.body_contact.email) == (
        "advies-coordinator@example.org", "coordinator@example.org",
        "asd-secretaris@example.org",
    )  # fmt: skip
    assert advice.evaluation.status == AdviceEvaluationStatus.PLANNED
    assert {p.recommendation.number for p in advice.promises.all()} == {1, 2}


def test_promises_in_every_status_with_progress_notes(seeded):
    today = timezone.localdate()
    promises = list(Promise.objects.filter(advice__title=demo.ANSWERED_TITLE).order_by("pk"))
    assert [p.status for p in promises] == [
        PromiseStatus.NEW, PromiseStatus.DONE, PromiseStatus.ON_TRACK, PromiseStatus.ON_TRACK,
        PromiseStatus.DROPPED,
    ]  # fmt: skip
    assert [p.is_overdue(today) for p in promises] == [False, False, False, True, False]
    assert promises[4].drop_reason
    assert [p.notes.count() for p in promises] == [0, 1, 1, 1, 1]
    # Every status but "not kept" among the answers: the demo's one evaluated advice judged
    # its two promises kept and partly kept, and the verdict sets the status (issue #22 §3).
    shown = set(Promise.objects.filter(advice__isnull=False).values_list("status", flat=True))
    assert set(PromiseStatus.values) - {PromiseStatus.NOT_KEPT} == shown


def test_the_inclusion_agenda_of_vip_in_phases_sc10(seeded):
    from advice.models import Agenda

    lia = Agenda.objects.get(title="Lokale Inclusie Agenda")
    assert (lia.body.slug, lia.body.kind) == ("vip", "other")
    topics = list(lia.promises.order_by("pk"))
    assert sorted({p.phase for p in topics}) == ["Fase 1 (2019)", "Fase 2 (2021)", "Fase 3 (2023)"]
    statuses = [p.status for p in topics]
    assert statuses.count(PromiseStatus.DONE) == 2
    assert statuses.count(PromiseStatus.NOT_KEPT) == 1
    broken = next(p for p in topics if p.status == PromiseStatus.NOT_KEPT)
    assert broken.verdict.note and broken.verdict.evaluation is None
    assert any(p.is_overdue(timezone.localdate()) for p in topics)
    assert Promise.objects.filter(advice__isnull=True, agenda__isnull=True).count() == 1


def test_the_closed_advice_with_its_completed_evaluation(seeded):
    advice = Advice.objects.get(title=demo.CLOSED_TITLE)
    assert advice.status == AdviceStatus.CLOSED and advice.is_public is True
    evaluation = advice.evaluation
    assert evaluation.status == AdviceEvaluationStatus.DONE and evaluation.completed_at
    assert sorted(v.kept for v in evaluation.verdicts.all()) == ["kept", "partly"]
    assert Advice.objects.filter(status=AdviceStatus.CLOSED).count() == 1


def test_a_college_asd_meeting_and_a_second_factsheet_version(seeded):
    meeting = Meeting.objects.get()
    assert meeting.body.slug == "asd"
    assert [a.title for a in meeting.advices.all()] == [demo.ANSWERED_TITLE]
    current = FactsheetVersion.current()
    assert current.number == 2
    assert current.why == demo.FACTSHEET_WHY
    assert current.entries.count() == len(Party.values)
    assert "jongeren" in current.entries.get(party=Party.BO_PLUS).agreements


def test_every_demo_advice_is_audited_and_public_where_it_makes_sense(seeded):
    for advice in Advice.objects.all():
        assert AuditEvent.objects.for_subject(advice).filter(action="advice.registered").exists()
    assert set(Advice.objects.filter(is_public=True).values_list("title", flat=True)) == {
        demo.ANSWERED_TITLE, demo.PRESSURE_TITLE, demo.CLOSED_TITLE,
    }  # fmt: skip
