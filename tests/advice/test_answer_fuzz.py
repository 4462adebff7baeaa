"""Every form of the answer, the promises and the evaluation, fed hostile inputs over HTTP:
never a server error (targets.md S1). State that a valid input changes is put back after
each example, so every example hits the form again."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advice.enums import Adoption, Kept
from advice.enums import PromiseStatus as P
from tests.advice.factories import advice_in, coordinator
from tests.fuzz import HTTP_EXAMPLES, TEXT, form_data, rolled_back

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = HTTP_EXAMPLES
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
DATE = st.one_of(st.dates().map(str), TEXT)
ID = st.one_of(st.integers(-5, 10**12).map(str), TEXT)


def _ok(response):
    assert response.status_code in (200, 302), response.status_code


def _run(client, url, fields, buttons):
    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(fields), button=st.sampled_from(buttons))
    def post(data, button):
        with rolled_back():
            _ok(client.post(url, {**data, **button}))

    post()


def test_the_answer_form(client):
    boss = coordinator()
    advice = advice_in("draft_answer", coordinator_user=boss)
    client.force_login(boss)
    fields = {"introduction": TEXT, "explanations": TEXT, "summary_for_college": TEXT,
              "responded_by": TEXT, "ris_link": TEXT}  # fmt: skip
    for n in (1, 2, 3, 4):
        fields[f"adoption_{n}"] = st.one_of(st.sampled_from(Adoption.values), TEXT)
        fields[f"reason_{n}"] = TEXT

    _run(client, reverse("advice:answer", args=[advice.pk]), fields, [{"save": ""}, {}])


def test_the_promise_in_the_answer_and_reopening(client):
    boss = coordinator()
    draft = advice_in("draft_answer", coordinator_user=boss)
    approved = advice_in("approved", coordinator_user=boss)
    client.force_login(boss)
    promise = {"recommendation": ID, "text": TEXT, "department": TEXT, "owner": ID,
               "due_on": DATE}  # fmt: skip
    _run(client, reverse("advice:answer-promise-add", args=[draft.pk]), promise, [{"save": ""}])

    _run(client, reverse("advice:answer-reopen", args=[approved.pk]), {"reason": TEXT},
         [{"save": ""}])  # fmt: skip


def test_the_promise_forms(client):
    boss = coordinator()
    advice = advice_in("answered", coordinator_user=boss)
    promise = advice.promises.order_by("pk").first()
    client.force_login(boss)
    fields = {
        "update-note": TEXT, "update-status": st.one_of(st.sampled_from(P.values), TEXT),
        "update-drop_reason": TEXT, "reassign-owner": ID, "reassign-department": TEXT,
        "reassign-due_on": DATE, "reassign-reason": TEXT,
    }  # fmt: skip

    _run(client, promise.get_absolute_url(), fields, [{"update": ""}, {"reassign": ""}, {}])


def test_the_evaluation_form(client):
    boss = coordinator()
    advice = advice_in("answered", coordinator_user=boss)
    client.force_login(boss)
    fields = {"held_on": DATE, "participants": TEXT, "what_happened": TEXT, "effect": TEXT,
              "body_appraisal": TEXT, "lessons": TEXT}  # fmt: skip
    for p in advice.promises.all():
        fields[f"kept_{p.pk}"] = st.one_of(st.sampled_from(Kept.values), TEXT)
        fields[f"note_{p.pk}"] = TEXT

    _run(client, reverse("advice:evaluation", args=[advice.pk]), fields,
         [{"save": ""}, {"complete": ""}])  # fmt: skip
