"""Publication consent for an initiative born from a Samen Sterk application.

Such an initiative never went through the intake, whose step 5 asks for publication
consent; the story step of the accountability asks instead. End to end through the views:
with consent the settled grant, its result and its story are on the public pages; without
it they never are, whatever the story box says.
"""

import pytest
from django.urls import reverse

from budget import services
from budget.models import Accountability
from initiatives import services as initiative_services
from initiatives.models import Initiative
from tests.factories import UserFactory, application_in, fill_accountability

pytestmark = pytest.mark.django_db

TITLE = "Moestuin aan de Vaart"
STORY = "Twintig buren kweken nu samen groente."


def _granted_from_a_new_initiative():
    lead = UserFactory(role="resident")
    initiative = initiative_services.start_initiative(by=lead, title=TITLE)
    application = application_in("granted", lead=lead, initiative=initiative)
    accountability = fill_accountability(application.accountability, lead, submit=False)
    return application, accountability, lead


def _story(client, accountability, **boxes):
    return client.post(
        reverse("budget:accountability-step", args=[accountability.pk, 4]),
        {"story": STORY, "lessons": "", "next_step": "independent", **boxes},
    )


def _public_texts(client, application) -> str:
    year = application.fund.starts_on.year
    results = client.get(reverse("budget:public-results"), {"jaar": year})
    listing = client.get(reverse("initiatives:public-list"))
    assert results.status_code == listing.status_code == 200
    return results.text + listing.text


@pytest.mark.parametrize("consent", [True, False])
def test_consent_at_the_story_step_decides_whether_the_settled_grant_is_public(client, consent):
    application, accountability, lead = _granted_from_a_new_initiative()
    client.force_login(lead)
    asked = client.get(reverse("budget:accountability-step", args=[accountability.pk, 4]))
    assert 'name="publication_consent"' in asked.text

    boxes = {"story_public": "on", "publication_consent": "on"} if consent else {}
    saved = _story(client, accountability, **boxes)
    submitted = client.post(reverse("budget:accountability-submit", args=[accountability.pk]), {})
    before = _public_texts(client, application)
    services.settle_accountability(
        accountability=Accountability.objects.get(pk=accountability.pk),
        by=application.initiative.facilitator,
    )
    client.logout()
    after = _public_texts(client, application)

    assert saved.status_code == submitted.status_code == 302
    initiative = Initiative.objects.get(pk=application.initiative_id)
    assert initiative.publication_consent is consent
    assert Accountability.objects.get(pk=accountability.pk).story_public is consent
    if consent:
        assert TITLE in after and STORY in after
        again = client.get(reverse("budget:accountability-step", args=[accountability.pk, 4]))
        assert 'name="publication_consent"' not in again.text  # asked once
    else:
        assert TITLE not in before and TITLE not in after and STORY not in after


def test_a_public_story_without_a_public_initiative_is_refused(client):
    application, accountability, lead = _granted_from_a_new_initiative()
    client.force_login(lead)

    refused = _story(client, accountability, story_public="on")

    assert refused.status_code == 200
    assert "Vink ook aan dat het initiatief getoond mag worden" in refused.text
    assert Accountability.objects.get(pk=accountability.pk).story_public is False
    assert Initiative.objects.get(pk=application.initiative_id).publication_consent is False
