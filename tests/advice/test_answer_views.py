"""The answer pages: the draft per recommendation with its reasons, promises in the answer,
approving, reopening and publishing, and who sees the draft."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.enums import Adoption, AdviceEvaluationStatus, AdviceStatus, AnswerStatus
from advice.models import Advice, AdviceEvaluation, Answer, Promise
from advice.services import answer as services
from tests.advice.factories import advice_in, coordinator, member, write_answer
from tests.factories import UserFactory, complete_decision
from tests.language import in_language

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """The pages in English, so the tests read the msgids whatever the Dutch says."""
    in_language(client, "en")


def _url(name, advice, *args):
    return reverse(f"advice:{name}", args=[advice.pk, *args])


@pytest.fixture
def boss():
    return coordinator()


@pytest.fixture
def started(boss):
    advice = advice_in("final", coordinator_user=boss)
    services.start_answer(advice=advice, by=boss)
    return Advice.objects.get(pk=advice.pk)


def _answer_data(advice, **overrides):
    data = {"introduction": "Dank voor het advies.", "responded_by": "Het college"}
    for rec in advice.recommendations.all():
        data[f"adoption_{rec.number}"] = Adoption.ADOPTED
        data[f"reason_{rec.number}"] = ""
    return {**data, "save": "", **overrides}


def test_the_coordinator_starts_the_draft_with_its_decision_record(client, boss):
    advice = advice_in("final", coordinator_user=boss)
    client.force_login(boss)

    page = client.get(_url("answer", advice))
    response = client.post(_url("answer", advice), {"start": ""})

    assert 'name="start"' in page.content.decode()
    assert response.status_code == 302
    answer = Answer.objects.get(advice=advice)
    assert answer.status == AnswerStatus.DRAFT and answer.decision_id is not None


def test_reasons_are_mandatory_and_the_input_is_kept(client, boss, started):
    client.force_login(boss)
    data = _answer_data(started, adoption_2=Adoption.NOT_ADOPTED, introduction="Mijn inleiding")

    response = client.post(_url("answer", started), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert (
        html.count("Recommendation 2: write in a sentence why the municipality does not adopt it.")
        == 2
    )  # summary
    assert "Mijn inleiding" in html
    assert response.context["form"]["adoption_2"].value() == Adoption.NOT_ADOPTED
    assert not started.recommendations.exclude(adoption="").exists()  # nothing half-saved


def test_saving_stores_every_answer_and_the_general_fields(client, boss, started):
    client.force_login(boss)
    data = _answer_data(started, adoption_3=Adoption.ALREADY_POLICY, reason_3="Staat al in beleid.")

    response = client.post(_url("answer", started), data)

    assert response.status_code == 302
    recs = {r.number: (r.adoption, r.reason) for r in started.recommendations.all()}
    assert recs[1] == (Adoption.ADOPTED, "")
    assert recs[3] == (Adoption.ALREADY_POLICY, "Staat al in beleid.")
    assert Answer.objects.get(advice=started).responded_by == "Het college"


def test_a_promise_needs_a_due_date_and_can_be_removed(client, boss, started):
    client.force_login(boss)
    rec = started.recommendations.get(number=1)
    data = {"recommendation": rec.pk, "text": "We openen een loket.", "department": "Wmo",
            "owner": boss.pk}  # fmt: skip

    refused = client.post(_url("answer-promise-add", started), data)
    added = client.post(
        _url("answer-promise-add", started),
        {**data, "due_on": (timezone.localdate() + timedelta(days=30)).isoformat()},
    )
    planned = started.answer.planned_promises.get()
    removed = client.post(_url("answer-promise-remove", started, planned.pk))

    assert refused.status_code == 200 and "due_on" in refused.context["form"].errors
    assert added.status_code == 302
    assert removed.status_code == 302
    assert not started.answer.planned_promises.exists()


def test_cannot_approve_while_reasons_are_missing(client, boss, started):
    client.force_login(boss)
    rec = started.recommendations.get(number=2)
    rec.adoption = Adoption.NOT_ADOPTED  # an old row without reasons
    rec.save()

    page = client.get(_url("answer-approve", started))
    response = client.post(_url("answer-approve", started))

    assert "the reasons for recommendation 2" in page.content.decode()
    assert response.status_code == 200
    assert "the reasons for recommendation 2" in response.content.decode()
    assert Answer.objects.get(advice=started).status == AnswerStatus.DRAFT


def test_cannot_publish_while_the_meetlat_is_incomplete(client, boss):
    advice = advice_in("final", coordinator_user=boss)
    write_answer(advice, boss, (Adoption.ADOPTED, Adoption.PARTLY, Adoption.NOT_ADOPTED))
    answer = Answer.objects.get(advice=advice)
    answer.decision.answers.filter(principle__number=3).delete()
    services.approve_answer(advice=advice, by=boss)
    client.force_login(boss)

    page = client.get(_url("answer-publish", advice))
    response = client.post(_url("answer-publish", advice))

    assert "Meetlat principle 3" in page.content.decode()
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert "Meetlat principle 3" in response.content.decode()
    assert Answer.objects.get(advice=advice).status == AnswerStatus.APPROVED
    assert not Promise.objects.filter(advice=advice).exists()


def test_publish_creates_the_promises_and_the_evaluation(client, boss):
    advice = advice_in("approved", coordinator_user=boss)
    client.force_login(boss)

    response = client.post(_url("answer-publish", advice))

    assert response.status_code == 302
    assert Advice.objects.get(pk=advice.pk).status == AdviceStatus.ANSWERED
    assert Promise.objects.filter(advice=advice).count() == 2  # adopted + partly
    assert AdviceEvaluation.objects.get(advice=advice).status == AdviceEvaluationStatus.PLANNED


def test_reopen_needs_a_reason(client, boss):
    advice = advice_in("approved", coordinator_user=boss)
    client.force_login(boss)

    refused = client.post(_url("answer-reopen", advice), {"reason": "  "})
    reopened = client.post(_url("answer-reopen", advice), {"reason": "Toon anders"})

    assert refused.status_code == 200 and refused.context["form"].errors
    assert reopened.status_code == 302
    assert Answer.objects.get(advice=advice).status == AnswerStatus.DRAFT


def test_only_the_advice_coordinator_approves(client):
    boss = coordinator()
    advice = advice_in("draft_answer", coordinator_user=boss)
    client.force_login(UserFactory(role="administrator"))

    assert client.get(_url("answer", advice)).status_code == 200
    assert client.post(_url("answer-approve", advice)).status_code == 403
    assert Answer.objects.get(advice=advice).status == AnswerStatus.DRAFT


@pytest.mark.parametrize("stage", ["draft_answer", "approved"])
def test_asd_members_never_see_the_draft(client, stage):
    asd = member("asd")
    advice = advice_in(stage, by=asd)
    for person in (asd, member("bo-plus", "bo_plus_representative")):
        client.force_login(person)
        assert client.get(_url("answer", advice)).status_code == 403
        assert client.post(_url("answer", advice), {"save": ""}).status_code == 403


def test_the_published_answer_is_readable_to_who_may_view_the_advice(client):
    asd = member("asd")
    advice = advice_in("answered", by=asd)
    bo = member("bo-plus", "bo_plus_representative")

    for person in (asd, bo):
        client.force_login(person)
        response = client.get(_url("answer", advice))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Omdat het budget al vastligt." in html
        assert 'name="save"' not in html
        assert "Summary for the college" not in html
        assert client.post(_url("answer", advice), {"save": ""}).status_code == 403


def test_the_read_only_staff_see_the_draft_and_change_nothing(client):
    advice = advice_in("draft_answer")
    client.force_login(UserFactory(role="read_only"))

    html = client.get(_url("answer", advice)).content.decode()

    assert 'name="save"' not in html
    assert "Omdat het budget al vastligt." in html
    assert client.post(_url("answer", advice), {"save": ""}).status_code == 403


def test_the_answer_page_links_the_meetlat_pages_and_shows_what_is_missing(client, boss, started):
    client.force_login(boss)

    html = client.get(_url("answer", started)).content.decode()

    decision = started.answer.decision_id
    assert reverse("meetlat:triad", args=[decision]) in html
    assert reverse("meetlat:meetlat", args=[decision]) in html
    assert "the answer to recommendation 1" in html
    complete_decision(started.answer.decision, boss)
    assert "decision record still needs" not in client.get(_url("answer", started)).content.decode()


def _summary(advice, user):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("advice/includes/answer_summary.html", {"advice": advice},
                            request=request)  # fmt: skip


def test_the_summary_for_the_advice_page_links_what_each_person_may_open():
    asd = member("asd")
    boss = coordinator()
    draft = Advice.objects.get(pk=advice_in("draft_answer", by=asd, coordinator_user=boss).pk)
    answered = Advice.objects.get(pk=advice_in("answered", by=asd, coordinator_user=boss).pk)

    for_boss = _summary(draft, boss)
    for_member = _summary(draft, asd)
    published = _summary(answered, asd)

    assert reverse("advice:answer", args=[draft.pk]) in for_boss
    assert reverse("advice:answer", args=[draft.pk]) not in for_member
    assert "draft" not in for_member.lower()
    assert reverse("advice:answer", args=[answered.pk]) in published
    assert reverse("advice:evaluation", args=[answered.pk]) in published
    assert reverse("advice:promises") in published
