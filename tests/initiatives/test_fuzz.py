"""Every intake form, fed hostile inputs over HTTP: never a server error (targets.md S1)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.enums import InitiativeTheme, Result, Scale, Support, UpdateKind
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, NeighbourhoodFactory, UserFactory
from tests.fuzz import HTTP_EXAMPLES, TEXT, form_data, get_status

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

INTAKE_EXAMPLES = ACTION_EXAMPLES = HTTP_EXAMPLES
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}

BUTTON = st.sampled_from([{"next": ""}, {"later": ""}, {}])
STEP_FIELDS = {
    1: {"title": TEXT, "summary": TEXT, "theme": st.sampled_from(InitiativeTheme.values)},
    2: {"why": TEXT, "goal": TEXT, "distance_to_goal": TEXT, "actions_needed": TEXT},
    3: {
        "scale": st.sampled_from(Scale.values),
        "neighbourhoods": st.lists(st.integers(-5, 10**12).map(str), max_size=3),
        "target_group": TEXT,
        "expected_participants": st.integers(-(10**20), 10**20).map(str),
    },
    4: {
        "backup_email": st.emails().map(str),
        "co_emails": st.lists(st.emails().map(str), max_size=12).map("\n".join),
        "interest": TEXT,
        "dream": TEXT,
        "allergy": TEXT,
        "contribution": TEXT,
        "resident_email": st.emails().map(str),
    },
    5: {
        "support_wanted": st.lists(st.sampled_from([*Support.values, "bogus"]), max_size=4),
        "support_other": TEXT,
        "publication_consent": st.sampled_from(["on", "", "true", "x"]),
    },
}


def _assert_no_server_error(response):
    assert response.status_code in (200, 302), response.status_code


@pytest.mark.parametrize("step", [2, 3, 4, 5])
def test_intake_steps_survive_hostile_input(client, step):
    initiative = InitiativeFactory()
    NeighbourhoodFactory()
    client.force_login(initiative.created_by)
    url = reverse("initiatives:intake-step", args=[initiative.pk, step])

    @settings(max_examples=INTAKE_EXAMPLES, **FUZZ)
    @given(data=form_data(STEP_FIELDS[step]), button=BUTTON)
    def post(data, button):
        _assert_no_server_error(client.post(url, {**data, **button}))

    post()


def test_new_initiative_survives_hostile_input(client):
    client.force_login(UserFactory(role="resident"))
    url = reverse("initiatives:new")

    @settings(max_examples=INTAKE_EXAMPLES, **FUZZ)
    @given(data=form_data(STEP_FIELDS[1]), button=BUTTON)
    def post(data, button):
        _assert_no_server_error(client.post(url, {**data, **button}))

    post()


def test_assisted_people_step_survives_hostile_input(client):
    professional = UserFactory(role="professional")
    initiative = InitiativeFactory(created_by=professional, assisted_by=professional, lead=False)
    client.force_login(professional)
    url = reverse("initiatives:intake-step", args=[initiative.pk, 4])

    @settings(max_examples=INTAKE_EXAMPLES, **FUZZ)
    @given(data=form_data(STEP_FIELDS[4]), button=BUTTON)
    def post(data, button):
        _assert_no_server_error(client.post(url, {**data, **button}))

    post()


ACTIONS = {
    "initiatives:update-create": {
        "kind": st.sampled_from(UpdateKind.values),
        "text": TEXT,
        "is_signal": st.sampled_from(["on", ""]),
    },
    "initiatives:message-create": {"body": TEXT},
    "initiatives:pause": {"reason": TEXT},
    "initiatives:end": {"result": st.sampled_from(Result.values), "lessons": TEXT},
}


@pytest.mark.parametrize("url_name", sorted(ACTIONS))
def test_workspace_forms_survive_hostile_input(client, url_name):
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    client.force_login(facilitator)
    url = reverse(url_name, args=[initiative.pk])

    @settings(max_examples=ACTION_EXAMPLES, **FUZZ)
    @given(data=form_data(ACTIONS[url_name]))
    def post(data):
        # Every example starts from a running initiative, so ending or pausing stays possible.
        Initiative.objects.filter(pk=initiative.pk).update(
            status="active", ended_at=None, result=""
        )
        _assert_no_server_error(client.post(url, data))

    post()


def test_public_search_survives_hostile_input(client):
    url = reverse("initiatives:public-list")

    @settings(max_examples=ACTION_EXAMPLES, **FUZZ)
    @given(data=form_data({"q": TEXT, "wijk": TEXT, "theme": TEXT, "pagina": TEXT}))
    def get(data):
        assert client.get(url, data).status_code == get_status(data)

    get()
