"""The services of requests, advices, contacts and signals (WF-7, WF-8): the happy path, the
audit trail with actor and reason, and every refusal."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from advice.enums import AdviceKind, AdviceStatus, RequestStatus
from advice.models import Advice, AdviceRequest, Signal
from advice.services import register
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, OutboxMessage
from tests.advice.factories import advice_in, advice_request, body, coordinator, member, theme
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def events(subject, action: str):
    return list(AuditEvent.objects.for_subject(subject).filter(action=action).order_by("pk"))


def only_event(subject, action: str) -> AuditEvent:
    found = events(subject, action)
    assert len(found) == 1, [e.action for e in AuditEvent.objects.for_subject(subject)]
    return found[0]


def fields(**extra):
    today = timezone.localdate()
    return {
        "subject": "Nieuwe Wmo-verordening", "question": "Wat vindt u ervan?",
        "department": "Sociaal Domein", "requested_on": today,
        "deadline": today + timedelta(days=60), **extra,
    }  # fmt: skip


# --- requests ------------------------------------------------------------------------------


def test_request_advice_tells_the_body_and_is_audited():
    asker, one, two = coordinator(), member("asd"), member("asd")
    member("bo-plus", "bo_plus_representative")

    made = register.request_advice(by=asker, body=body("asd"), **fields())

    assert made.reference == f"VRG-{timezone.localdate().year}-001"
    assert made.status == RequestStatus.OPEN and made.is_time_pressure is False
    event = only_event(made, "advice_request.created")
    assert event.actor == asker and event.data == {"pressure": False}
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == sorted([one.email, two.email])


def test_second_request_gets_the_next_reference():
    first, second = advice_request(), advice_request()
    year = timezone.localdate().year
    assert (first.reference, second.reference) == (f"VRG-{year}-001", f"VRG-{year}-002")


def test_time_pressure_needs_its_reason():
    with pytest.raises(DomainError, match="Write in a sentence why there is so little time"):
        register.request_advice(
            by=coordinator(), body=body("asd"),
            **fields(deadline=timezone.localdate() + timedelta(days=41),
                     time_agreement="Eén avond."),
        )  # fmt: skip
    assert not AdviceRequest.objects.exists()


def test_time_pressure_needs_its_time_agreement():
    with pytest.raises(DomainError, match="agreements about time and effort"):
        register.request_advice(
            by=coordinator(), body=body("asd"),
            **fields(deadline=timezone.localdate() + timedelta(days=41),
                     pressure_reason="Het college besluit voor het reces."),
        )  # fmt: skip


def test_time_pressure_with_reason_and_agreement_is_allowed_and_recorded():
    # SC-05: asked on 6 December, due 1 January, decided 7 January.
    made = register.request_advice(
        by=coordinator(), body=body("asd"),
        **fields(requested_on=date(2026, 12, 6), deadline=date(2027, 1, 1),
                 decision_moment=date(2027, 1, 7), pressure_reason="Rijksregels per 1 januari.",
                 time_agreement="Eén extra vergadering; reactie per mail telt."),
    )  # fmt: skip
    assert made.is_time_pressure is True
    assert made.lead_days == 26
    assert only_event(made, "advice_request.created").data == {"pressure": True}


def test_42_days_is_not_time_pressure():
    made = register.request_advice(
        by=coordinator(), body=body("asd"),
        **fields(deadline=timezone.localdate() + timedelta(days=42)),
    )  # fmt: skip
    assert made.is_time_pressure is False


def test_request_refuses_unknown_fields():
    with pytest.raises(ValueError, match="status"):
        register.request_advice(by=coordinator(), body=body("asd"), **fields(status="answered"))


def test_moving_the_deadline_needs_a_reason_and_keeps_the_old_date():
    made = advice_request(days=60)
    old = made.deadline
    new = old + timedelta(days=14)

    with pytest.raises(DomainError, match="Write in a sentence why the date moves"):
        register.update_request(advice_request=made, by=made.requested_by, deadline=new)

    register.update_request(
        advice_request=made, by=made.requested_by, deadline=new, reason="Het college schuift op."
    )
    event = only_event(made, "advice_request.updated")
    assert event.actor == made.requested_by
    assert event.reason == "Het college schuift op."
    assert event.data["moved"] == {"deadline": [old.isoformat(), new.isoformat()]}
    assert event.data["fields"] == ["deadline"]
    assert AdviceRequest.objects.get(pk=made.pk).deadline == new


def test_moving_the_decision_moment_is_recorded_too():
    made = advice_request(days=60, decision_moment=timezone.localdate() + timedelta(days=70))
    new = timezone.localdate() + timedelta(days=90)
    register.update_request(advice_request=made, by=made.requested_by, decision_moment=new,
                            reason="Raad vergadert later.")  # fmt: skip
    moved = only_event(made, "advice_request.updated").data["moved"]
    assert moved["decision_moment"][1] == new.isoformat()


def test_moving_the_deadline_into_time_pressure_needs_reason_and_agreement():
    made = advice_request(days=60)
    with pytest.raises(DomainError, match="so little time"):
        register.update_request(advice_request=made, by=made.requested_by, reason="Sneller nodig.",
                                deadline=made.requested_on + timedelta(days=20))  # fmt: skip


def test_a_closed_request_cannot_change():
    made = advice_request()
    register.change_request_status(advice_request=made, by=made.requested_by, status="withdrawn",
                                   reason="Niet meer nodig.")  # fmt: skip
    with pytest.raises(DomainError, match="closed"):
        register.update_request(advice_request=made, by=made.requested_by, subject="Anders")


def test_lapsing_and_withdrawing_need_a_reason_which_is_audited():
    made = advice_request()
    with pytest.raises(DomainError):
        register.change_request_status(advice_request=made, by=made.requested_by, status="lapsed")
    register.change_request_status(advice_request=made, by=made.requested_by, status="lapsed",
                                   reason="Geen advies gekomen.")  # fmt: skip
    made.refresh_from_db()
    assert (made.status, made.lapsed_reason) == ("lapsed", "Geen advies gekomen.")
    event = only_event(made, "advice_request.lapsed")
    assert (event.actor, event.reason) == (made.requested_by, "Geen advies gekomen.")


# --- the advice ----------------------------------------------------------------------------


def test_register_unsolicited_advice_is_a_concept_and_audited():
    by = member("asd")
    advice = register.register_advice(by=by, body=body("asd"), title="Eenzaamheid")
    assert (advice.kind, advice.status, advice.advice_request) == (
        AdviceKind.UNSOLICITED, AdviceStatus.CONCEPT, None,
    )  # fmt: skip
    assert advice.reference.startswith("ADV-")
    assert only_event(advice, "advice.registered").actor == by


def test_solicited_advice_is_linked_to_its_request_and_answers_it_when_sent():
    made = advice_request()
    by = member("asd")
    advice = register.register_advice(by=by, body=body("asd"), title="Verordening",
                                      advice_request=made, summary="Ons advies.")  # fmt: skip
    assert advice.kind == AdviceKind.SOLICITED and advice.advice_request == made
    register.save_recommendations(advice=advice, by=by, texts=["Doe het zo."])

    register.send_advice(advice=advice, by=by)

    made.refresh_from_db()
    assert made.status == RequestStatus.ANSWERED
    assert only_event(made, "advice_request.answered").actor == by

    register.take_back_advice(advice=advice, by=by, reason="Nog een aanbeveling erbij.")

    made.refresh_from_db()
    assert made.status == RequestStatus.OPEN
    assert only_event(made, "advice_request.reopened").reason == "Nog een aanbeveling erbij."
    advice.refresh_from_db()
    assert (advice.status, advice.response_due) == (AdviceStatus.CONCEPT, None)


def test_a_request_of_another_body_or_with_an_advice_is_refused():
    made = advice_request(body_slug="bo-plus")
    with pytest.raises(DomainError, match="another body"):
        register.register_advice(by=member("asd"), body=body("asd"), title="X", advice_request=made)
    by = member("bo-plus", "bo_plus_representative")
    register.register_advice(by=by, body=body("bo-plus"), title="X", advice_request=made)
    with pytest.raises(DomainError, match="already has an advice"):
        register.register_advice(by=by, body=body("bo-plus"), title="Y", advice_request=made)


def test_update_advice_only_while_concept_and_audits_the_fields():
    advice = advice_in("concept")
    register.update_advice(advice=advice, by=advice.created_by, title="Nieuwe titel")
    assert only_event(advice, "advice.updated").data == {"fields": ["title"]}
    final = advice_in("final")
    with pytest.raises(DomainError, match="concept"):
        register.update_advice(advice=final, by=final.created_by, title="Anders")


def test_save_recommendations_numbers_them_and_drops_empty_lines():
    advice = advice_in("concept")
    recs = register.save_recommendations(
        advice=advice, by=advice.created_by, texts=["Een", "", "  ", "Twee"]
    )
    assert [(r.number, r.text) for r in recs] == [(1, "Een"), (2, "Twee")]
    assert advice.recommendations.count() == 2
    assert events(advice, "advice.recommendations_saved")[-1].data == {"count": 2}


def test_send_sets_the_answer_term_and_tells_the_coordinators():
    boss = coordinator()
    advice = advice_in("concept", coordinator_user=boss)
    OutboxMessage.objects.all().delete()

    register.send_advice(advice=advice, by=advice.created_by, received_on=date(2026, 3, 1))

    advice.refresh_from_db()
    assert advice.status == AdviceStatus.FINAL
    assert advice.response_due == date(2026, 3, 1) + timedelta(weeks=8)
    assert only_event(advice, "advice.sent").data == {
        "from": "concept", "to": "final", "received_on": "2026-03-01"}  # fmt: skip
    assert boss.email in [m.to[0] for m in OutboxMessage.objects.all()]


def test_send_refuses_without_recommendations():
    by = member("asd")
    advice = register.register_advice(by=by, body=body("asd"), title="Leeg", summary="Kort.")
    with pytest.raises(DomainError, match="at least one recommendation"):
        register.send_advice(advice=advice, by=by)
    assert Advice.objects.get(pk=advice.pk).status == AdviceStatus.CONCEPT


def test_take_back_needs_a_reason_and_no_answer_yet():
    advice = advice_in("final")
    with pytest.raises(DomainError):
        register.take_back_advice(advice=advice, by=advice.created_by, reason=" ")
    answered = advice_in("draft_answer")
    with pytest.raises(DomainError, match="started its answer"):
        register.take_back_advice(advice=answered, by=answered.created_by, reason="Toch niet.")


def test_withdraw_a_concept_with_a_reason():
    advice = advice_in("concept")
    with pytest.raises(DomainError):
        register.withdraw_advice(advice=advice, by=advice.created_by, reason="")
    register.withdraw_advice(advice=advice, by=advice.created_by, reason="Achterhaald.")
    assert Advice.objects.get(pk=advice.pk).status == AdviceStatus.WITHDRAWN
    event = only_event(advice, "advice.withdrawn")
    assert (event.actor, event.reason) == (advice.created_by, "Achterhaald.")


# --- contacts and publicity ----------------------------------------------------------------


def test_set_contacts_refuses_the_same_person_twice_and_a_missing_one():
    advice = advice_in("final")
    someone = UserFactory(role="professional")
    with pytest.raises(DomainError, match="someone else"):
        register.set_contacts(advice=advice, by=advice.contact, contact=someone, backup=someone)
    with pytest.raises(DomainError, match="both"):
        register.set_contacts(advice=advice, by=advice.contact, contact=someone, backup=None)


def test_set_contacts_tells_only_the_new_ones_and_audits_before_and_after():
    advice = advice_in("final")
    boss, backup = advice.contact, advice.backup_contact
    newcomer = UserFactory(role="professional")
    OutboxMessage.objects.all().delete()

    register.set_contacts(advice=advice, by=boss, contact=newcomer, backup=backup,
                          reason="Ruud gaat weg.")  # fmt: skip

    event = events(advice, "advice.contacts_set")[-1]
    assert event.actor == boss and event.reason == "Ruud gaat weg."
    assert event.data["before"] == [boss.pk, backup.pk, None]
    assert event.data["after"] == [newcomer.pk, backup.pk, None]
    assert [m.to[0] for m in OutboxMessage.objects.all()] == [newcomer.email]


def test_a_concept_is_never_public():
    concept = advice_in("concept")
    with pytest.raises(DomainError, match="never public"):
        register.set_public(advice=concept, by=coordinator(), is_public=True)
    assert Advice.objects.get(pk=concept.pk).is_public is False


def test_set_public_on_a_final_advice_is_audited_once():
    advice = advice_in("final")
    boss = advice.contact
    register.set_public(advice=advice, by=boss, is_public=True)
    register.set_public(advice=advice, by=boss, is_public=True)
    assert only_event(advice, "advice.published").actor == boss
    register.set_public(advice=advice, by=boss, is_public=False)
    assert only_event(advice, "advice.unpublished").actor == boss


# --- signals -------------------------------------------------------------------------------


def test_record_signal_and_link_it_to_one_advice_only():
    by = member("asd")
    signal = register.record_signal(by=by, body=body("asd"), theme=theme(), title="Wachttijd",
                                    description="Lang wachten.", is_structural=True)  # fmt: skip
    assert only_event(signal, "signal.recorded").data == {"structural": True}
    first, second = advice_in("concept", by=by), advice_in("concept", by=by)

    register.link_signals(advice=first, by=by, signals=[signal])

    assert Signal.objects.get(pk=signal.pk).advice == first
    assert only_event(first, "advice.signals_linked").data == {"signals": [signal.pk]}
    with pytest.raises(DomainError, match="one advice only"):
        register.link_signals(advice=second, by=by, signals=[signal])
    register.link_signals(advice=first, by=by, signals=[])
    assert Signal.objects.get(pk=signal.pk).advice is None


def test_an_obstacle_becomes_a_signal_once():
    by = member("asd")
    source = UserFactory()  # any model instance stands in for the obstacle
    kwargs = {"by": by, "body": body("asd"), "theme": theme(), "title": "Drempel",
              "description": "Te veel formulieren.", "source": source}  # fmt: skip
    register.record_signal(**kwargs)
    with pytest.raises(DomainError, match="already a signal"):
        register.record_signal(**kwargs)
