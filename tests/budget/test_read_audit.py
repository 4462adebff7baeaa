"""Every read of a resident's personal content by somebody else is in the audit trail
(who, what, when, why); the residents' own reads are not (targets.md S7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget import services
from budget.enums import ApplicationStatus
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.services import READ_ACTION
from initiatives.models import Initiative
from tests.budget.followup_helpers import grant
from tests.factories import UserFactory, application_in, filled_application
from tests.language import in_language
from tests.upload_samples import PDF

pytestmark = pytest.mark.django_db

DETAIL = "budget:application"


def reads():
    return list(AuditEvent.objects.filter(action=READ_ACTION).order_by("pk"))


@pytest.mark.parametrize(
    ("url_name", "purpose"),
    [
        (DETAIL, "Viewing the application"),
        ("budget:assess", "Checking the application"),
    ],
)
def test_the_facilitator_reading_an_application_is_recorded(client, url_name, purpose):
    facilitator = UserFactory(role="facilitator")
    application = application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator)
    client.force_login(facilitator)

    response = in_language(client, "en").get(reverse(url_name, args=[application.pk]))

    assert response.status_code == 200
    [event] = reads()
    assert (event.actor, event.subject, event.reason) == (facilitator, application, purpose)


def test_the_residents_reading_their_own_application_are_not_recorded(client):
    application = application_in(ApplicationStatus.SUBMITTED)
    client.force_login(application.initiative.created_by)

    response = client.get(reverse(DETAIL, args=[application.pk]))

    assert response.status_code == 200
    assert reads() == []


def test_a_refused_read_is_not_a_read(client):
    application = application_in(ApplicationStatus.SUBMITTED)
    client.force_login(UserFactory(role="resident"))

    response = client.get(reverse(DETAIL, args=[application.pk]))

    assert response.status_code == 403
    assert reads() == []


def test_reading_the_evaluation_and_the_accountability_is_recorded_on_each(client):
    application, holder, _facilitator = grant()
    evaluation = application.evaluations.get()
    accountability = application.accountability
    client.force_login(holder)

    for obj in (evaluation, accountability):
        assert client.get(obj.get_absolute_url()).status_code == 200

    assert [(e.actor, e.subject) for e in reads()] == [
        (holder, evaluation),
        (holder, accountability),
    ]
    client.force_login(application.initiative.created_by)
    client.get(evaluation.get_absolute_url())
    assert len(reads()) == 2


def test_opening_an_attachment_is_recorded_for_officials_only(client):
    facilitator = UserFactory(role="facilitator")
    application = filled_application()
    Initiative.objects.filter(pk=application.initiative_id).update(facilitator=facilitator)
    lead = application.initiative.created_by
    attachment = services.add_attachment(
        application=application, by=lead,
        upload=SimpleUploadedFile("offerte.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip
    services.submit_application(application=application, by=lead)
    url = reverse("budget:attachment", args=[application.pk, attachment.pk])

    client.force_login(lead)
    assert client.get(url).status_code == 200
    client.force_login(facilitator)
    assert client.get(url).status_code == 200

    [event] = reads()
    assert (event.actor, event.subject) == (facilitator, application)
