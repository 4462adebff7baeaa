"""The PDF copy of a sent application (issue #24): the resident downloads "je aanvraag"; an
official reads the same page about someone else's application, so the link says "de aanvraag"."""

import pytest
from django.urls import reverse

from budget.enums import ApplicationStatus
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db


def _page(client, user, application) -> str:
    client.force_login(user)
    response = client.get(application.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    return response.content.decode()


def test_the_copy_link_speaks_to_the_resident_and_about_the_application_to_an_official(client):
    facilitator = UserFactory(role="facilitator", with_mfa=True)
    application = application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator)
    copy = reverse("budget:copy", args=[application.pk])

    resident = _page(client, application.initiative.created_by, application)
    official = _page(client, facilitator, application)

    assert "Download je aanvraag als pdf" in resident and copy in resident
    assert "Download de aanvraag als pdf" in official and copy in official
    assert "Download je aanvraag" not in official
