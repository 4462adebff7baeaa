"""SC-04 (issue #27): an answer cannot be lip service. A recommendation that is partly or not
adopted, or "already policy", needs a reason that is a sentence — in the form (next to the
field and in the error summary, naming the recommendation) and in the service behind it; the
same for reopening, withdrawing, lapsing and the verdicts at the evaluation. Approving and
publishing need a contact person and a backup, two people. Dates of receipt lie in the past."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from advice.enums import Adoption, AnswerStatus, Kept, RequestStatus
from advice.forms.answer import AnswerForm
from advice.forms.answer import ReasonForm as ReopenForm
from advice.forms.followup import EvaluationForm
from advice.forms.register import AdviceForm, ReasonForm, RequestForm, SendForm
from advice.models import Advice, AdviceRequest, Answer, PromiseVerdict
from advice.services import answer as services
from advice.services import followup, register
from burgerkracht.core.exceptions import DomainError
from tests.advice.factories import advice_in, advice_request, body, coordinator, member

pytestmark = pytest.mark.django_db

LIP_SERVICE = [".", "x", "n.v.t.", "   ", "zie boven"]
SENTENCE = "Het budget voor 2027 is al verdeeld over de wijken."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def recs(advice):
    return list(advice.recommendations.order_by("number"))


def started(advice):
    services.start_answer(advice=advice, by=advice.contact)
    return advice


# --- the answer per recommendation -----------------------------------------------------------


@pytest.mark.parametrize("text", LIP_SERVICE)
@pytest.mark.parametrize(
    ("adoption", "asked"),
    [
        (Adoption.NOT_ADOPTED, "Recommendation 3: write in a sentence why the municipality "
                               "does not adopt it."),
        (Adoption.PARTLY, "Recommendation 3: write in a sentence which part the municipality "
                          "does not adopt, and why."),
        (Adoption.ALREADY_POLICY, "Recommendation 3: write in a sentence which policy already "
                                  "does this."),
    ],
)  # fmt: skip
def test_the_service_refuses_lip_service_as_a_reason(text, adoption, asked):
    advice = started(advice_in("final"))
    third = recs(advice)[2]
    with pytest.raises(DomainError) as refused:
        services.answer_recommendation(
            recommendation=third, by=advice.contact, adoption=adoption, reason=text
        )
    assert refused.value.message == asked
    third.refresh_from_db()
    assert (third.adoption, third.reason) == ("", "")


def test_the_service_takes_a_sentence_and_an_adopted_one_needs_none():
    advice = started(advice_in("final"))
    first, _second, third = recs(advice)
    services.answer_recommendation(recommendation=first, by=advice.contact,
                                   adoption=Adoption.ADOPTED, reason="")  # fmt: skip
    services.answer_recommendation(
        recommendation=third, by=advice.contact, adoption=Adoption.NOT_ADOPTED,
        reason=f"  {SENTENCE} ",
    )  # fmt: skip
    third.refresh_from_db()
    assert third.reason == SENTENCE


@pytest.mark.parametrize("text", LIP_SERVICE)
def test_the_form_names_the_recommendation_and_what_is_asked(text):
    advice = advice_in("final")
    data = {"adoption_1": Adoption.ADOPTED, "adoption_2": Adoption.PARTLY, "reason_2": SENTENCE,
            "adoption_3": Adoption.NOT_ADOPTED, "reason_3": text}  # fmt: skip
    form = AnswerForm(data, recommendations=recs(advice))
    assert not form.is_valid()
    assert form.errors == {
        "reason_3": [
            "Recommendation 3: write in a sentence why the municipality does not adopt it."
        ]
    }
    assert AnswerForm({**data, "reason_3": SENTENCE}, recommendations=recs(advice)).is_valid()


def test_the_dutch_message_next_to_the_field_and_in_the_summary(client):
    boss = coordinator()
    advice = started(advice_in("final", coordinator_user=boss))
    client.force_login(boss)
    client.cookies["django_language"] = "nl"
    data = {"adoption_1": Adoption.ADOPTED, "adoption_2": Adoption.PARTLY, "reason_2": SENTENCE,
            "adoption_3": Adoption.NOT_ADOPTED, "reason_3": ".", "save": ""}  # fmt: skip
    with translation.override("nl"):
        response = client.post(reverse("advice:answer", args=[advice.pk]), data)
    html = response.content.decode()
    message = "Aanbeveling 3: schrijf in een zin waarom de gemeente dit niet overneemt."
    assert response.status_code == 200
    assert html.count(message) == 2  # the error summary and next to the field
    assert not advice.recommendations.exclude(adoption="").exists()


def test_a_stored_lip_service_reason_blocks_approval_and_publication():
    """A reason saved before this rule (or past the service) is still no reason."""
    advice = advice_in("draft_answer")
    third = recs(advice)[2]
    type(third).objects.filter(pk=third.pk).update(reason="x")
    assert "the reasons for recommendation 3" in services.answer_missing(advice)
    with pytest.raises(DomainError, match="the reasons for recommendation 3"):
        services.approve_answer(advice=advice, by=advice.contact)


# --- the other reasons of the answer, the register and the evaluation ----------------------


@pytest.mark.parametrize("text", LIP_SERVICE)
def test_reopening_the_answer_needs_a_sentence(text):
    advice = advice_in("approved")
    assert not ReopenForm({"reason": text}).is_valid()
    with pytest.raises(DomainError, match="what must change in the answer"):
        services.reopen_answer(advice=advice, by=advice.contact, reason=text)
    assert Answer.objects.get(advice=advice).status == AnswerStatus.APPROVED
    services.reopen_answer(advice=advice, by=advice.contact, reason="Aanbeveling 2 klopt niet.")
    assert Answer.objects.get(advice=advice).status == AnswerStatus.DRAFT


@pytest.mark.parametrize("text", LIP_SERVICE)
def test_withdraw_take_back_and_lapse_need_a_sentence(text):
    assert not ReasonForm({"reason": text}).is_valid()
    assert ReasonForm({"reason": SENTENCE}).is_valid()
    concept, final = advice_in("concept"), advice_in("final")
    with pytest.raises(DomainError, match="why the advice is withdrawn"):
        register.withdraw_advice(advice=concept, by=concept.created_by, reason=text)
    with pytest.raises(DomainError, match="why the advice goes back to concept"):
        register.take_back_advice(advice=final, by=final.created_by, reason=text)
    asked = advice_request()
    with pytest.raises(DomainError, match="why no advice came"):
        register.change_request_status(advice_request=asked, by=asked.requested_by,
                                       status=RequestStatus.LAPSED, reason=text)  # fmt: skip
    with pytest.raises(DomainError, match="why the request is withdrawn"):
        register.change_request_status(advice_request=asked, by=asked.requested_by,
                                       status=RequestStatus.WITHDRAWN, reason=text)  # fmt: skip
    register.withdraw_advice(advice=concept, by=concept.created_by, reason=SENTENCE)
    register.change_request_status(advice_request=asked, by=asked.requested_by,
                                   status=RequestStatus.LAPSED, reason=SENTENCE)  # fmt: skip
    asked.refresh_from_db()
    assert asked.lapsed_reason == SENTENCE


@pytest.mark.parametrize("text", LIP_SERVICE)
def test_a_promise_not_kept_needs_a_sentence_at_the_evaluation(text):
    advice = advice_in("answered")
    promise = advice.promises.order_by("pk").first()
    form = EvaluationForm(
        {f"kept_{promise.pk}": Kept.NOT_KEPT, f"note_{promise.pk}": text}, promises=[promise]
    )
    assert not form.is_valid() and f"note_{promise.pk}" in form.errors
    with pytest.raises(DomainError, match="Write in a sentence why"):
        followup.save_evaluation(evaluation=advice.evaluation, by=advice.contact,
                                 verdicts={promise.pk: (Kept.NOT_KEPT, text)})  # fmt: skip
    assert not PromiseVerdict.objects.filter(promise=promise).exists()
    followup.save_evaluation(evaluation=advice.evaluation, by=advice.contact,
                             verdicts={promise.pk: (Kept.NOT_KEPT, SENTENCE)})  # fmt: skip
    assert PromiseVerdict.objects.get(promise=promise).note == SENTENCE


# --- contact person and backup -------------------------------------------------------------


def _answer_without_contacts(contact=None, backup=None):
    """A complete draft answer of an advice with the given contacts (the factory sets both)."""
    boss = coordinator()
    advice = advice_in("draft_answer", coordinator_user=boss)
    Advice.objects.filter(pk=advice.pk).update(contact=contact, backup_contact=backup)
    return Advice.objects.get(pk=advice.pk), boss


@pytest.mark.parametrize("which", ["none", "only the contact", "only the backup"])
def test_approve_and_publish_need_a_contact_and_a_backup(which):
    someone = coordinator()
    contact, backup = {"none": (None, None), "only the contact": (someone, None),
                       "only the backup": (None, someone)}[which]  # fmt: skip
    advice, boss = _answer_without_contacts(contact, backup)
    expected = [
        message
        for message, missing in (
            ("the contact person at the municipality", contact is None),
            ("a backup contact person", backup is None),
        )
        if missing
    ]
    assert services.contacts_missing(advice) == expected
    with pytest.raises(DomainError, match="cannot be approved yet") as refused:
        services.approve_answer(advice=advice, by=boss)
    assert all(m in refused.value.message for m in expected)
    # Approved before the contacts went (a person left): publishing refuses too.
    Answer.objects.filter(advice=advice).update(status=AnswerStatus.APPROVED)
    with pytest.raises(DomainError, match="cannot be published"):
        services.publish_answer(advice=advice, by=boss)
    assert Answer.objects.get(advice=advice).published_at is None


def test_the_same_person_twice_is_refused_by_service_and_database():
    advice, boss = _answer_without_contacts()
    with pytest.raises(DomainError, match="The backup must be someone else"):
        register.set_contacts(advice=advice, by=boss, contact=boss, backup=boss)
    with pytest.raises(IntegrityError), transaction.atomic():
        Advice.objects.filter(pk=advice.pk).update(contact=boss, backup_contact=boss)


def test_with_both_contacts_the_answer_is_approved_and_published():
    advice, boss = _answer_without_contacts()
    register.set_contacts(advice=advice, by=boss, contact=boss, backup=coordinator())
    services.approve_answer(advice=advice, by=boss)
    services.publish_answer(advice=advice, by=boss)
    assert Answer.objects.get(advice=advice).status == AnswerStatus.PUBLISHED


def test_the_publish_page_says_what_is_missing_and_links_to_the_contacts(client):
    advice, boss = _answer_without_contacts(coordinator(), None)
    Answer.objects.filter(advice=advice).update(status=AnswerStatus.APPROVED)
    client.force_login(boss)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("advice:answer-publish", args=[advice.pk])).content.decode()
    assert "a backup contact person" in page
    assert reverse("advice:advice-contacts", args=[advice.pk]) in page
    refused = client.post(reverse("advice:answer-publish", args=[advice.pk]))
    assert refused.status_code == 200 and "cannot be published" in refused.content.decode()


# --- dates of receipt are not in the future ------------------------------------------------


def test_future_received_dates_are_refused_by_form_and_service():
    tomorrow = timezone.localdate() + timedelta(days=1)
    asd = body("asd")
    form = AdviceForm({"title": "Advies", "received_on": tomorrow.isoformat()})
    assert form.errors["received_on"] == ["The date received cannot be in the future."]
    assert SendForm({"received_on": tomorrow.isoformat()}).errors["received_on"] == [
        "The date received cannot be in the future."
    ]
    by = member("asd")
    with pytest.raises(DomainError, match="cannot be in the future"):
        register.register_advice(by=by, body=asd, title="Advies", received_on=tomorrow)
    concept = advice_in("concept", by=by)
    with pytest.raises(DomainError, match="cannot be in the future"):
        register.update_advice(advice=concept, by=by, received_on=tomorrow)
    with pytest.raises(DomainError, match="cannot be in the future"):
        register.send_advice(advice=concept, by=by, received_on=tomorrow)
    assert Advice.objects.get(pk=concept.pk).received_on is None
    register.send_advice(advice=concept, by=by, received_on=timezone.localdate())


def test_a_request_dated_in_the_future_is_refused():
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = RequestForm({"requested_on": tomorrow.isoformat()})
    assert form.errors["requested_on"] == ["The date of the request cannot be in the future."]
    made = advice_request()
    with pytest.raises(DomainError, match="cannot be in the future"):
        register.update_request(advice_request=made, by=made.requested_by, requested_on=tomorrow)
    assert AdviceRequest.objects.get(pk=made.pk).requested_on != tomorrow


def test_promises_of_the_answer_have_owner_and_due_date_and_the_evaluation_is_planned():
    advice = advice_in("answered")
    promises = list(advice.promises.all())
    assert promises and all(p.owner_id and p.due_on for p in promises)
    assert advice.evaluation.due_on > timezone.localdate()
