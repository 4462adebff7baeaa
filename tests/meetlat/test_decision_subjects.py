"""A decision's rights follow its subject (issue #23, "High"): the attack of the issue, the
service's own re-check, and reads that follow the subject's rule and are audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from budget import services as budget_services
from budget.enums import ApplicationStatus
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.services import READ_ACTION
from burgerkracht.meetlat import services
from burgerkracht.meetlat.models import Decision
from tests.factories import (
    PolicyDecisionFactory,
    UserFactory,
    application_in,
    complete_decision,
    decide,
    open_line,
)

pytestmark = pytest.mark.django_db

FORGED = {
    "title": "Vervalst",
    "outcome": "Afgewezen",
    "reasons": "Zomaar.",
    "decided_by": "Wethouder X",
    "is_public": "on",
}


@pytest.fixture
def awaiting():
    """An application waiting for its line's holder, the decision complete as a draft."""
    line, holder = open_line(allocation="5000.00")
    application = application_in(ApplicationStatus.AWAITING_DECISION, line=line)
    decide(application, holder)
    application.refresh_from_db()
    return application, holder


def _post_everything(client, decision):
    return [
        client.post(reverse("meetlat:decision-edit", args=[decision.pk]), FORGED).status_code,
        client.post(reverse("meetlat:triad", args=[decision.pk]), {}).status_code,
        client.post(reverse("meetlat:meetlat", args=[decision.pk]), {}).status_code,
        client.post(reverse("meetlat:finalise", args=[decision.pk]), {"reason": "x"}).status_code,
    ]


@pytest.mark.parametrize("role", ["advice_coordinator", "budget_decision_holder", "facilitator"])
def test_an_official_not_tied_to_the_application_cannot_forge_its_decision(client, awaiting, role):
    application, _holder = awaiting
    before = Decision.objects.get(pk=application.decision_id)
    client.force_login(UserFactory(role=role))

    statuses = _post_everything(client, before)

    after = Decision.objects.get(pk=before.pk)
    assert statuses == [403, 403, 403, 403]
    assert (after.status, after.outcome, after.decided_by, after.is_public) == (
        "draft", before.outcome, before.decided_by, before.is_public,
    )  # fmt: skip
    response = client.get(reverse("meetlat:public-detail", args=[before.pk]))
    assert response.status_code == 404


def test_the_holder_still_decides_through_the_application(client, awaiting):
    application, holder = awaiting
    client.force_login(holder)

    edit = client.get(reverse("meetlat:decision-edit", args=[application.decision_id]))
    finalise_here = client.get(reverse("meetlat:finalise", args=[application.decision_id]))
    budget_services.publish_decision(application=application, by=holder)

    application.refresh_from_db()
    assert (edit.status_code, finalise_here.status_code) == (200, 403)
    assert application.status == ApplicationStatus.GRANTED
    assert application.decision.is_final


def test_the_facilitator_prepares_the_grant_but_does_not_make_it_final(client, awaiting):
    application, _holder = awaiting
    client.force_login(application.initiative.facilitator)

    response = client.post(
        reverse("meetlat:decision-edit", args=[application.decision_id]),
        {**FORGED, "title": application.decision.title, "is_public": ""},
    )
    with pytest.raises(PermissionDenied):
        services.finalise_decision(
            decision=application.decision, by=application.initiative.facilitator
        )

    assert response.status_code == 302
    assert Decision.objects.get(pk=application.decision_id).decided_by == "Wethouder X"
    assert not Decision.objects.get(pk=application.decision_id).is_final


@pytest.mark.parametrize("role", ["advice_coordinator", "budget_decision_holder", "administrator"])
def test_the_service_refuses_to_finalise_for_the_wrong_official(awaiting, role):
    application, _holder = awaiting
    other = UserFactory(role=role)
    if role == "budget_decision_holder":
        other = open_line()[1]  # the holder of another line

    with pytest.raises(PermissionDenied):
        services.finalise_decision(decision=application.decision, by=other, reason="vervalst")

    decision = Decision.objects.get(pk=application.decision_id)
    assert (decision.status, decision.finalised_by) == ("draft", None)
    assert not AuditEvent.objects.filter(action="decision.finalised").exists()


def test_a_policy_decision_is_its_owners(client):
    owner = UserFactory(role="facilitator")
    decision = complete_decision(PolicyDecisionFactory.create(by=owner).decision, owner)
    other = UserFactory(role="facilitator")
    client.force_login(other)

    assert client.get(reverse("meetlat:decision-detail", args=[decision.pk])).status_code == 200
    assert _post_everything(client, decision) == [403, 403, 403, 403]
    with pytest.raises(PermissionDenied):
        services.finalise_decision(decision=decision, by=other)
    client.force_login(owner)
    assert (
        client.post(reverse("meetlat:finalise", args=[decision.pk]), {"reason": "klaar"})[
            "Location"
        ]
        == decision.get_absolute_url()
    )
    assert Decision.objects.get(pk=decision.pk).is_final


def _granted():
    line, holder = open_line(allocation="5000.00")
    return application_in(ApplicationStatus.GRANTED, line=line), holder


@pytest.mark.parametrize("url_name", ["meetlat:decision-detail", "meetlat:pdf"])
def test_reading_a_grant_decision_follows_the_application(client, url_name):
    application, holder = _granted()
    url = reverse(url_name, args=[application.decision_id])
    refused = []
    for role in ("read_only", "advice_coordinator", "budget_decision_holder"):
        client.force_login(UserFactory(role=role))
        refused.append(client.get(url).status_code)
    refused_reads = AuditEvent.objects.filter(action=READ_ACTION).count()

    client.force_login(holder)
    response = client.get(url)

    assert refused == [403, 403, 403]
    assert refused_reads == 0
    assert response.status_code == 200
    [event] = AuditEvent.objects.filter(action=READ_ACTION)
    assert (event.actor, event.subject) == (holder, application)


def test_reading_a_policy_decision_is_not_a_read_of_personal_data(client):
    owner = UserFactory(role="facilitator")
    decision = PolicyDecisionFactory.create(by=owner).decision
    client.force_login(UserFactory(role="read_only"))

    response = client.get(reverse("meetlat:decision-detail", args=[decision.pk]))

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action=READ_ACTION).exists()
