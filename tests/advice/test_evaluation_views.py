"""The evaluation of an advice: filled jointly by the body and the coordinator, explanation
required unless a promise was kept, saving keeps the input, completing closes the advice."""

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.enums import AdviceEvaluationStatus, AdviceStatus, Kept
from advice.models import Advice, AdviceEvaluation, PromiseVerdict
from tests.advice.factories import advice_in, member
from tests.factories import UserFactory
from tests.language import in_language

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    in_language(client, "en")


@pytest.fixture
def asd():
    return member("asd")


@pytest.fixture
def answered(asd):
    return advice_in("answered", by=asd)


def _url(advice):
    return reverse("advice:evaluation", args=[advice.pk])


def _full(advice, kept=Kept.KEPT, note="", **overrides):
    data = {
        "held_on": timezone.localdate().isoformat(), "participants": "ASD en gemeente",
        "what_happened": "Het loket is er.", "effect": "Minder wachten.",
        "body_appraisal": "Goed.", "lessons": "Eerder beginnen.",
    }  # fmt: skip
    for p in advice.promises.all():
        data[f"kept_{p.pk}"], data[f"note_{p.pk}"] = kept, note
    return {**data, **overrides}


def test_a_body_member_saves_and_the_input_is_kept(client, asd, answered):
    client.force_login(asd)

    response = client.post(_url(answered), {"participants": "Wij", "save": ""})

    assert response.status_code == 302
    evaluation = AdviceEvaluation.objects.get(advice=answered)
    assert evaluation.participants == "Wij" and evaluation.status == AdviceEvaluationStatus.PLANNED
    assert "Wij" in client.get(_url(answered)).content.decode()


def test_not_kept_needs_an_explanation_and_nothing_is_lost(client, asd, answered):
    client.force_login(asd)

    response = client.post(_url(answered), {**_full(answered, kept=Kept.NOT_KEPT), "save": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert "was not (fully) kept." in html and "Write in a sentence why" in html
    assert "Het loket is er." in html
    assert not PromiseVerdict.objects.exists()


def test_completing_names_what_is_missing(client, asd, answered):
    client.force_login(asd)

    response = client.post(_url(answered), {"participants": "Wij", "complete": ""})

    assert response.status_code == 200
    assert "the date it was held" in response.content.decode()
    assert Advice.objects.get(pk=answered.pk).status == AdviceStatus.ANSWERED


def test_the_coordinator_completes_and_the_advice_closes(client, answered):
    client.force_login(answered.contact)
    data = _full(answered, kept=Kept.PARTLY, note="Half gedaan.")

    response = client.post(_url(answered), {**data, "complete": ""})

    assert response.status_code == 302
    assert AdviceEvaluation.objects.get(advice=answered).status == AdviceEvaluationStatus.DONE
    assert Advice.objects.get(pk=answered.pk).status == AdviceStatus.CLOSED
    assert PromiseVerdict.objects.filter(kept=Kept.PARTLY).count() == answered.promises.count()
    html = client.get(_url(answered)).content.decode()
    assert 'name="complete"' not in html and "Half gedaan." in html


def test_a_done_evaluation_is_read_only(client, asd):
    closed = advice_in("closed", by=asd)
    client.force_login(asd)

    assert client.get(_url(closed)).status_code == 200
    assert client.post(_url(closed), {"participants": "x", "save": ""}).status_code == 403


def test_another_body_and_read_only_staff(client, answered):
    client.force_login(member("bo-plus", "bo_plus_representative"))
    assert client.get(_url(answered)).status_code == 403
    client.force_login(UserFactory(role="read_only"))
    assert client.get(_url(answered)).status_code == 200
    assert client.post(_url(answered), {"save": ""}).status_code == 403


def test_no_evaluation_before_the_answer_is_published(client):
    advice = advice_in("approved")
    client.force_login(advice.contact)

    assert client.get(_url(advice)).status_code == 404
