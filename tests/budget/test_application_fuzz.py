"""Every application form, fed hostile inputs over HTTP: never a server error (targets.md S1)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from budget.enums import ApplicationStatus, Outcome
from budget.models import Application
from tests.factories import UserFactory, application_in, filled_application, open_line
from tests.fuzz import HTTP_EXAMPLES, TEXT, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = HTTP_EXAMPLES
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
BUTTON = st.sampled_from([{"next": ""}, {"later": ""}, {}])
AMOUNT = st.one_of(
    st.decimals(min_value=-(10**7), max_value=10**9, places=3).map(str),
    st.sampled_from(["1.000,50", "12,5", "€ 20", "1e3", "0,001", "NaN", "Infinity", "-0"]),
)
DATE = st.one_of(st.dates().map(str), TEXT)
STEPS = {
    1: {
        "result_who": TEXT, "result_how": TEXT, "result_difference": TEXT, "sign_1": TEXT,
        "sign_2": TEXT, "sign_3": TEXT, "neighbourhood": st.integers(-5, 10**12).map(str),
        "organisation_name": TEXT, "residents_in_lead": TEXT,
    },
    2: {"goal": TEXT, "means": TEXT},
    3: {"expected_participants": st.integers(-(10**20), 10**20).map(str), "reach": TEXT},
    4: {
        **{f"cost_{n}_description": TEXT for n in range(1, 7)},
        **{f"cost_{n}_amount": AMOUNT for n in range(1, 7)},
        "own_contribution": AMOUNT, "other_funds": AMOUNT, "other_funds_description": TEXT,
        "requested_amount": AMOUNT,
    },
    5: {
        "starts_on": DATE, "ends_on": DATE, "evaluation_wishes": TEXT,
        "backup_email": st.one_of(st.emails().map(str), TEXT),
    },
}  # fmt: skip


def _ok(response):
    assert response.status_code in (200, 302), response.status_code


@pytest.mark.parametrize("step", sorted(STEPS))
def test_application_steps_survive_hostile_input(client, step):
    application = filled_application()
    client.force_login(application.initiative.created_by)
    url = reverse("budget:application-step", args=[application.pk, step])

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(STEPS[step]), button=BUTTON)
    def post(data, button):
        _ok(client.post(url, {**data, **button}))

    post()


def test_new_application_survives_hostile_input(client):
    open_line()
    client.force_login(UserFactory(role="resident"))
    url = reverse("budget:application-new")

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data({"initiative": st.one_of(st.just("new"), TEXT), "new_title": TEXT}))
    def post(data):
        _ok(client.post(url, data))

    post()


def test_assessment_survives_hostile_input(client):
    line, _holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    application = application_in(
        ApplicationStatus.IN_ASSESSMENT, line=line, facilitator=facilitator
    )
    client.force_login(facilitator)
    url = reverse("budget:assess", args=[application.pk])
    fields = {
        "is_complete": st.sampled_from(["on", "", "x"]), "legal_check": TEXT,
        "administrative_check": TEXT, "financial_check": TEXT, "criterion_reasoning": TEXT,
        "proposed_amount": AMOUNT, "line": st.one_of(st.just(str(line.pk)), TEXT),
    }  # fmt: skip

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(fields))
    def post(data):
        _ok(client.post(url, data))

    post()


def test_decision_survives_hostile_input(client):
    line, holder = open_line(allocation="5000.00")
    application = application_in(ApplicationStatus.AWAITING_DECISION, line=line)
    client.force_login(holder)
    url = reverse("budget:decide", args=[application.pk])
    fields = {
        "outcome": st.one_of(st.sampled_from(Outcome.values), TEXT), "granted_amount": AMOUNT,
        "reasons": TEXT, "alternatives": TEXT, "extra_agreements": TEXT,
        "accountability_due": DATE,
        **{f"evaluation_{n}": DATE for n in range(1, 4)},
        **{f"tranche_{n}_date": DATE for n in range(1, 4)},
        **{f"tranche_{n}_amount": AMOUNT for n in range(1, 4)},
    }  # fmt: skip

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(fields))
    def post(data):
        _ok(client.post(url, data))

    post()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.AWAITING_DECISION


ACTIONS = {
    "budget:return": (ApplicationStatus.IN_ASSESSMENT, "facilitator", {"reason": TEXT}),
    "budget:advice-request": (
        ApplicationStatus.IN_ASSESSMENT,
        "facilitator",
        {"professional": st.one_of(st.integers(-5, 10**12).map(str), TEXT), "question": TEXT},
    ),
    "budget:assess-complete": (ApplicationStatus.IN_ASSESSMENT, "facilitator", {"reason": TEXT}),
    "budget:publish": (ApplicationStatus.AWAITING_DECISION, "holder", {"reason": TEXT}),
    "budget:amend": (
        ApplicationStatus.GRANTED,
        "holder",
        {
            "reason": TEXT,
            "extra_agreements": TEXT,
            "accountability_due": DATE,
            **{f"evaluation_{n}": DATE for n in range(1, 4)},
        },
    ),
    "budget:send-back": (ApplicationStatus.AWAITING_DECISION, "holder", {"reason": TEXT}),
    "budget:withdraw": (ApplicationStatus.SUBMITTED, "lead", {"reason": TEXT}),
    "budget:application-message": (ApplicationStatus.SUBMITTED, "lead", {"body": TEXT}),
}


@pytest.mark.parametrize("url_name", sorted(ACTIONS))
def test_action_forms_survive_hostile_input(client, url_name):
    status, who, fields = ACTIONS[url_name]
    line, holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    application = application_in(status, line=line, facilitator=facilitator)
    person = {"facilitator": facilitator, "holder": holder,
              "lead": application.initiative.created_by}[who]  # fmt: skip
    client.force_login(person)
    url = reverse(url_name, args=[application.pk])

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(fields))
    def post(data):
        # Every example starts from the same status, so the action stays possible.
        Application.objects.filter(pk=application.pk).update(status=status)
        _ok(client.post(url, data))

    post()


def test_advice_form_survives_hostile_input(client):
    from budget import services

    facilitator = UserFactory(role="facilitator")
    application = application_in(ApplicationStatus.IN_ASSESSMENT, facilitator=facilitator)
    professional = UserFactory(role="professional")
    advice = services.request_advice(
        application=application, by=facilitator, professional=professional, question="Past dit?"
    )
    client.force_login(professional)
    url = reverse("budget:advice", args=[advice.pk])

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data({"text": TEXT}))
    def post(data):
        type(advice).objects.filter(pk=advice.pk).update(text="", given_at=None)
        _ok(client.post(url, data))

    post()


def test_attachment_upload_survives_hostile_files(client):
    from django.core.exceptions import SuspiciousFileOperation
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = filled_application()
    client.force_login(application.initiative.created_by)
    url = reverse("budget:attachments", args=[application.pk])
    names = st.one_of(
        TEXT.map(lambda t: t[:80]),
        st.sampled_from(["a.pdf", "../../x.pdf", "x.PDF", "x.exe", ".pdf", "x.pdf.exe", "x"]),
    )
    heads = st.one_of(st.binary(max_size=64), st.sampled_from([b"%PDF-1.4", b"\xff\xd8\xff"]))

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(name=names, content=heads)
    def post(name, content):
        application.attachments.all().delete()
        try:
            upload = SimpleUploadedFile(name or "leeg", content)
        except SuspiciousFileOperation:  # not even a file the test client can send
            assume(False)
        _ok(client.post(url, {"file": upload}))

    post()
