"""Every form of the bodies part, fed hostile inputs over HTTP: never a server error
(targets.md S1). Refusals end on the form (200) or succeed (302)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advice.enums import MemberRole, Party
from advice.models import Membership
from advice.services import bodies as body_services
from advice.services.followup import plan_meeting
from tests.advice.factories import advice_in, body, coordinator, member, theme
from tests.factories import OrganisationFactory, UpdateFactory, UserFactory
from tests.fuzz import HTTP_EXAMPLES, TEXT, form_data, get_status, rolled_back

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = HTTP_EXAMPLES
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
DATE = st.one_of(st.dates().map(lambda d: d.isoformat()), TEXT)
BOOL = st.sampled_from(["on", "", "true", "x"])


def ids(*pks):
    return st.one_of(st.sampled_from([str(pk) for pk in pks]), st.integers(-5, 10**12).map(str))


def _set_up(url_name):
    """(user, url, fields) for one form, with real objects to point at."""
    boss, admin = coordinator(), UserFactory(role="administrator")
    asd, bo_plus, armoede = body("asd"), body("bo-plus"), theme()
    organisation = body_services.save_organisation(
        by=admin, body=bo_plus, organisation=OrganisationFactory()
    )
    writer = member("asd")
    signal_fields = {
        "body": ids(asd.pk, bo_plus.pk),
        "theme": ids(armoede.pk),
        "title": TEXT,
        "description": TEXT,
        "is_structural": BOOL,
    }
    meeting_fields = {
        "date": DATE,
        "title": TEXT,
        "participants": TEXT,
        "agenda": TEXT,
        "agreements": TEXT,
        "advices": st.lists(ids(1, 2, 3), max_size=3),
    }
    if url_name == "advice:body-member-add":
        fields = {
            "email": st.one_of(st.emails(), st.just(writer.email), TEXT),
            "role": st.one_of(st.sampled_from(MemberRole.values), TEXT),
            "organisation": ids(organisation.pk),
            "started_on": DATE,
        }
        return admin, reverse(url_name, args=["bo-plus"]), fields
    if url_name == "advice:body-member-end":
        pk = Membership.objects.get(user=writer).pk
        return admin, reverse(url_name, args=["asd", pk]), {"ended_on": DATE}
    if url_name in ("advice:body-organisation-add", "advice:body-organisation-edit"):
        fields = {
            "organisation": ids(organisation.organisation_id, OrganisationFactory().pk),
            "themes": st.lists(ids(armoede.pk), max_size=3),
            "groups": st.lists(ids(1, 2), max_size=3),
            "joined_on": DATE,
            "left_on": DATE,
        }
        args = ["bo-plus", organisation.pk] if url_name.endswith("edit") else ["bo-plus"]
        return admin, reverse(url_name, args=args), fields
    if url_name == "advice:signal-create":
        return writer, reverse(url_name), {**signal_fields, "organisation": ids(organisation.pk)}
    if url_name == "advice:obstacle-convert":
        update = UpdateFactory(kind="obstacle", is_signal=True)
        return boss, reverse(url_name, args=[f"initiatives:{update.pk}"]), signal_fields
    if url_name == "advice:advice-signals":
        concept = advice_in("concept", by=writer)
        signal = body_services.convert_obstacle(
            by=boss,
            key=f"initiatives:{UpdateFactory(kind='obstacle', is_signal=True).pk}",
            body=bo_plus,
            theme=armoede,
            title="T",
            description="D",
        )
        fields = {"signals": st.lists(ids(signal.pk), max_size=3)}
        return writer, reverse(url_name, args=[concept.pk]), fields
    if url_name == "advice:meeting-create":
        return boss, reverse(url_name) + "?orgaan=asd", meeting_fields
    if url_name == "advice:meeting-edit":
        meeting = plan_meeting(by=boss, body=asd, date=timezone.localdate(), title="Overleg")
        return boss, reverse(url_name, args=[meeting.pk]), meeting_fields
    if url_name == "advice:factsheet-new":
        fields = {"valid_from": DATE, "why": TEXT}
        for party in Party.values:
            fields |= {f"{party}_tasks": TEXT, f"{party}_powers": TEXT, f"{party}_agreements": TEXT}
        return boss, reverse(url_name), fields
    if url_name == "advice:handover":
        other = coordinator()
        fields = {
            "leaving": ids(boss.pk, other.pk),
            "successor": ids(boss.pk, other.pk),
            "note": TEXT,
        }
        return boss, reverse(url_name), fields
    raise AssertionError(url_name)


FORMS = [
    "advice:body-member-add",
    "advice:body-member-end",
    "advice:body-organisation-add",
    "advice:body-organisation-edit",
    "advice:signal-create",
    "advice:obstacle-convert",
    "advice:advice-signals",
    "advice:meeting-create",
    "advice:meeting-edit",
    "advice:factsheet-new",
    "advice:handover",
]


@pytest.mark.parametrize("url_name", FORMS)
def test_bodies_forms_survive_hostile_input(client, url_name):
    user, url, fields = _set_up(url_name)
    client.force_login(user)

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(fields))
    def post(data):
        with rolled_back():
            assert client.post(url, data).status_code in (200, 302)

    post()


@pytest.mark.parametrize("url_name", ["advice:signals", "advice:meetings"])
def test_list_filters_survive_hostile_input(client, url_name):
    client.force_login(coordinator())
    url = reverse(url_name)
    fields = {
        "theme": TEXT,
        "body": TEXT,
        "structural": TEXT,
        "linked": TEXT,
        "page": TEXT,
        "jaar": TEXT,
    }

    @settings(max_examples=EXAMPLES, **FUZZ)
    @given(data=form_data(fields))
    def get(data):
        assert client.get(url, data).status_code == get_status(data)

    get()
    # Found by this test: "²" passes str.isdigit() but not int(); keep it asked every run.
    for odd in ("²", "١٢", "99999999999", "-1", " 2026"):
        assert client.get(url, {"jaar": odd, "page": odd, "body": odd}).status_code == 200
