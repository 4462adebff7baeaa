"""Every form of the register, fed hostile inputs over HTTP: never a server error (targets.md
S1). What a successful post changes is rolled back after each example, so every example
meets the same form."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.advice.factories import advice_in, advice_request, body, coordinator, member
from tests.fuzz import HTTP_EXAMPLES, TEXT, form_data, get_status, rolled_back

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = HTTP_EXAMPLES
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
DATE = st.one_of(st.dates().map(str), TEXT)
ID = st.one_of(st.integers(-5, 10**12).map(str), TEXT)
CHECK = st.sampled_from(["on", "", "true", "0"])
REQUEST = {
    "body": ID, "subject": TEXT, "question": TEXT, "policy_document": TEXT,
    "document_url": st.one_of(TEXT, st.just("https://example.org/x.pdf")),
    "department": TEXT, "requested_on": DATE, "deadline": DATE, "decision_moment": DATE,
    "decision_forum": TEXT, "time_agreement": TEXT, "pressure_reason": TEXT,
}  # fmt: skip
ADVICE = {
    "body": ID, "advice_request": ID, "title": TEXT, "summary": TEXT, "document": TEXT,
    "received_on": DATE, "from_earlier_reaction": CHECK, "consent_note": TEXT,
}  # fmt: skip
RECS = {f"rec_{n}": TEXT for n in range(1, 7)}
REASON = {"reason": TEXT}


def _world():
    boss = coordinator()
    asd_member = member("asd")
    return {
        "boss": boss,
        "member": asd_member,
        "advice_request": advice_request(by=boss),
        "concept": advice_in("concept", by=asd_member),
        "final": advice_in("final", by=asd_member, coordinator_user=boss),
    }


# (url name, who posts, the object, the fields)
FORMS = {
    "request-create": ("advice:request-create", "boss", None, REQUEST),
    "request-edit": ("advice:request-edit", "boss", "advice_request", {**REQUEST, **REASON}),
    "request-lapse": ("advice:request-lapse", "boss", "advice_request", REASON),
    "request-withdraw": ("advice:request-withdraw", "boss", "advice_request", REASON),
    "advice-create": ("advice:advice-create", "member", None, ADVICE),
    "advice-edit": ("advice:advice-edit", "member", "concept", ADVICE),
    "recommendations": ("advice:recommendations", "member", "concept", RECS),
    "advice-send": ("advice:advice-send", "member", "concept", {"received_on": DATE}),
    "advice-withdraw": ("advice:advice-withdraw", "member", "concept", REASON),
    "advice-take-back": ("advice:advice-take-back", "member", "final", REASON),
    "advice-contacts": ("advice:advice-contacts", "boss", "final",
                        {"contact": ID, "backup": ID, "body_contact": ID, "reason": TEXT}),
    "advice-public": ("advice:advice-public", "boss", "final", {"is_public": CHECK}),
}  # fmt: skip


@pytest.mark.parametrize("form", sorted(FORMS))
def test_register_forms_survive_hostile_input(client, form):
    name, who, obj, fields = FORMS[form]
    w = _world()
    client.force_login(w[who])
    url = reverse(name, args=[w[obj].pk] if obj else [])

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(fields))
    def post(data):
        with rolled_back():
            response = client.post(url, data)
            assert response.status_code in (200, 302), response.status_code

    post()


def test_register_and_public_filters_survive_hostile_input(client):
    client.force_login(coordinator())
    body("asd")
    register, public = reverse("advice:register"), reverse("advice:public-list")
    filters = {"body": ID, "kind": TEXT, "status": TEXT, "answer_overdue": TEXT,
               "promises_overdue": TEXT, "sort": TEXT, "page": TEXT, "orgaan": TEXT,
               "jaar": TEXT}  # fmt: skip

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(filters))
    def get(data):
        assert client.get(register, data).status_code in {get_status(data), 404}
        assert client.get(public, data).status_code in {get_status(data), 404}

    get()
