"""The answer per recommendation (WF-9, SC-04): draft, approve, publish; the promises and the
evaluation it creates; every refusal with what is missing named."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from advice.enums import Adoption, AdviceEvaluationStatus, AdviceStatus, AnswerStatus, PromiseStatus
from advice.models import Advice, AdviceEvaluation, Answer, AnswerPromise, Promise
from advice.services import answer as services
from advice.services.answer import add_months
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent, OutboxMessage
from burgerkracht.meetlat.enums import DecisionStatus
from tests.advice.factories import advice_in, member
from tests.factories import UserFactory, complete_decision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def events(subject, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.for_subject(subject).filter(action=action).order_by("pk"))


@pytest.fixture
def final() -> Advice:
    return advice_in("final")


def three(advice: Advice):
    return list(advice.recommendations.order_by("number"))


def draft(advice: Advice, *, skip: str = "", owner=None) -> Answer:
    """A complete draft answer (adopted, partly, not adopted), its decision record complete
    except `skip`."""
    by = advice.contact
    answer = services.start_answer(advice=advice, by=by)
    first, second, third = three(advice)
    services.answer_recommendation(recommendation=first, by=by, adoption=Adoption.ADOPTED,
                                   reason="")  # fmt: skip
    services.answer_recommendation(recommendation=second, by=by, adoption=Adoption.PARTLY,
                                   reason="Alleen in de Waterwijk.")  # fmt: skip
    services.answer_recommendation(recommendation=third, by=by, adoption=Adoption.NOT_ADOPTED,
                                   reason="Het budget ligt vast.")  # fmt: skip
    for rec in (first, second):
        services.add_promise(advice=advice, by=by, recommendation=rec, text=f"We doen {rec.number}",
                             department="Zorg", owner=owner or by,
                             due_on=timezone.localdate() + timedelta(days=60))  # fmt: skip
    complete_decision(answer.decision, by, skip=skip)
    return answer


def test_start_answer_makes_a_draft_with_its_decision_record_once(final):
    answer = services.start_answer(advice=final, by=final.contact)
    assert answer.status == AnswerStatus.DRAFT
    assert answer.decision is not None and answer.decision.status == DecisionStatus.DRAFT
    assert services.start_answer(advice=final, by=final.contact) == answer
    assert len(events(final, "advice.answer_started")) == 1
    assert events(final, "advice.answer_started")[0].actor == final.contact


def test_a_concept_cannot_be_answered():
    concept = advice_in("concept")
    with pytest.raises(DomainError, match="Only a final advice"):
        services.start_answer(advice=concept, by=UserFactory(role="advice_coordinator"))


def test_save_answer_audits_the_changed_fields_and_refuses_unknown_ones(final):
    services.start_answer(advice=final, by=final.contact)
    services.save_answer(advice=final, by=final.contact, introduction="Dank voor uw advies.")
    assert events(final, "advice.answer_saved")[0].data == {"fields": ["introduction"]}
    with pytest.raises(ValueError, match="status"):
        services.save_answer(advice=final, by=final.contact, status="published")


def test_sc04_three_recommendations_cannot_be_saved_without_reasons(final):
    services.start_answer(advice=final, by=final.contact)
    first, second, third = three(final)
    by = final.contact

    services.answer_recommendation(recommendation=first, by=by, adoption=Adoption.ADOPTED,
                                   reason="")  # fmt: skip
    with pytest.raises(DomainError, match="Recommendation 2: write in a sentence which part"):
        services.answer_recommendation(recommendation=second, by=by, adoption=Adoption.PARTLY,
                                       reason="  ")  # fmt: skip
    with pytest.raises(DomainError, match="Recommendation 3: write in a sentence why"):
        services.answer_recommendation(recommendation=third, by=by,
                                       adoption=Adoption.NOT_ADOPTED, reason="")  # fmt: skip
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.adoption, third.adoption) == ("", "")

    services.answer_recommendation(recommendation=second, by=by, adoption=Adoption.PARTLY,
                                   reason="Alleen voor ouderen.")  # fmt: skip
    services.answer_recommendation(recommendation=third, by=by, adoption=Adoption.NOT_ADOPTED,
                                   reason="Wettelijk niet mogelijk.")  # fmt: skip
    third.refresh_from_db()
    assert (third.adoption, third.reason) == (Adoption.NOT_ADOPTED, "Wettelijk niet mogelijk.")
    answered = events(final, "advice.recommendation_answered")
    assert [(e.data["number"], e.data["adoption"]) for e in answered] == [
        (1, "adopted"), (2, "partly"), (3, "not_adopted"),
    ]  # fmt: skip
    assert all(e.actor == by for e in answered)


def test_add_promise_needs_due_date_owner_text_and_department(final):
    services.start_answer(advice=final, by=final.contact)
    rec = three(final)[0]
    base = {"advice": final, "by": final.contact, "recommendation": rec, "text": "Loket open",
            "department": "Zorg", "owner": final.contact,
            "due_on": timezone.localdate()}  # fmt: skip
    for change, message in (
        ({"due_on": None}, "due date"),
        ({"owner": None}, "owner"),
        ({"text": " "}, "what is promised"),
        ({"department": ""}, "department"),
    ):
        with pytest.raises(DomainError, match=message):
            services.add_promise(**{**base, **change})
    other = advice_in("final")
    with pytest.raises(DomainError, match="another advice"):
        services.add_promise(**{**base, "recommendation": three(other)[0]})
    planned = services.add_promise(**base)
    assert events(final, "advice.promise_planned")[0].data == {"promise": planned.pk}
    services.remove_promise(planned=planned, by=final.contact)
    assert not AnswerPromise.objects.exists()
    assert events(final, "advice.promise_removed")[0].data == {"text": "Loket open"}


def test_approve_refuses_while_something_is_missing_and_names_it(final):
    by = final.contact
    services.start_answer(advice=final, by=by)
    first = three(final)[0]
    services.answer_recommendation(recommendation=first, by=by, adoption=Adoption.ADOPTED,
                                   reason="")  # fmt: skip

    with pytest.raises(DomainError) as refused:
        services.approve_answer(advice=final, by=by)

    message = refused.value.message
    assert "a promise with owner and due date for recommendation 1" in message
    assert "the answer to recommendation 2" in message
    assert "the answer to recommendation 3" in message
    assert Answer.objects.get(advice=final).status == AnswerStatus.DRAFT


def test_approve_then_reopen_with_a_reason(final):
    draft(final)
    services.approve_answer(advice=final, by=final.contact)
    answer = Answer.objects.get(advice=final)
    assert (answer.status, answer.approved_by) == (AnswerStatus.APPROVED, final.contact)
    with pytest.raises(DomainError, match="only while it is a draft"):
        services.save_answer(advice=final, by=final.contact, introduction="Anders")
    with pytest.raises(DomainError):
        services.reopen_answer(advice=final, by=final.contact, reason="")

    services.reopen_answer(advice=final, by=final.contact, reason="Toon is te stellig.")

    answer.refresh_from_db()
    assert (answer.status, answer.approved_by) == (AnswerStatus.DRAFT, None)
    assert events(final, "advice.answer_reopened")[0].reason == "Toon is te stellig."


def test_publish_refuses_while_the_meetlat_is_incomplete_and_names_it(final):
    draft(final, skip="principle:3")
    services.approve_answer(advice=final, by=final.contact)

    with pytest.raises(DomainError, match="Meetlat principle 3"):
        services.publish_answer(advice=final, by=final.contact)

    assert Advice.objects.get(pk=final.pk).status == AdviceStatus.FINAL
    assert Answer.objects.get(advice=final).status == AnswerStatus.APPROVED
    assert not Promise.objects.exists() and not AdviceEvaluation.objects.exists()


def test_publish_needs_approval_first(final):
    draft(final)
    with pytest.raises(InvalidTransition):
        services.publish_answer(advice=final, by=final.contact)


def test_publish_creates_the_promises_the_evaluation_and_tells_everyone(final, settings):
    settings.ADVICE_EVALUATION_MONTHS = 6
    one, two = member("asd"), member("asd")
    owner = UserFactory(role="professional")
    draft(final, owner=owner)
    services.approve_answer(advice=final, by=final.contact)
    OutboxMessage.objects.all().delete()

    answer = services.publish_answer(advice=final, by=final.contact)

    final.refresh_from_db()
    assert final.status == AdviceStatus.ANSWERED
    assert answer.status == AnswerStatus.PUBLISHED and answer.published_by == final.contact
    assert Answer.objects.get(pk=answer.pk).decision.status == DecisionStatus.FINAL
    planned = list(AnswerPromise.objects.filter(answer=answer).order_by("pk"))
    promises = list(Promise.objects.filter(advice=final).order_by("pk"))
    assert len(promises) == len(planned) == 2
    assert [(p.text, p.owner, p.due_on, p.recommendation_id, p.status) for p in promises] == [
        (a.text, a.owner, a.due_on, a.recommendation_id, PromiseStatus.NEW) for a in planned
    ]
    evaluation = final.evaluation
    assert evaluation.status == AdviceEvaluationStatus.PLANNED
    assert evaluation.due_on == add_months(timezone.localdate(), 6)
    event = events(final, "advice.answer_published")[0]
    assert event.actor == final.contact
    assert event.data == {"promises": 2, "evaluation_due": evaluation.due_on.isoformat()}
    # One e-mail per person: members, contact, backup, the owner (of two promises: once).
    expected = {final.created_by, one, two, final.contact, final.backup_contact, owner}
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == sorted(u.email for u in expected)


def test_publish_twice_is_refused():
    answered = advice_in("answered")
    with pytest.raises(InvalidTransition):
        services.publish_answer(advice=answered, by=answered.contact)
    assert Promise.objects.filter(advice=answered).count() == 2


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    from datetime import date

    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 3, 15), 12) == date(2028, 3, 15)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
