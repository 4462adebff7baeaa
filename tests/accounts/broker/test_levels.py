"""The DigiD level of assurance per action: a resident logged in at a lower level than the
municipality asks is asked to log in again at the higher one; the draft stays as it is."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from budget.enums import ApplicationStatus
from burgerkracht.accounts.models import User
from burgerkracht.accounts.oidc.claims import LEVEL_URNS, bsn_hash
from tests.factories import UserFactory, filled_application
from tests.oidc.fixtures import BrokerLogin

pytestmark = pytest.mark.django_db


def logged_in_draft(portal, person: str, bsn: str):
    portal.log_in("digid", person)
    resident = User.objects.get(bsn_hash=bsn_hash(bsn))
    return filled_application(lead=resident)


def test_a_lower_level_is_asked_to_log_in_again(portal, login_method):
    login_method("digid", level_application="midden")
    application = logged_in_draft(portal, "resident-basis", "999990020")
    check = reverse("budget:application-check", args=[application.pk])

    response = portal.client.post(check)

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("oidc:level")
    assert parse_qs(target.query) == {"actie": ["application"], "next": [check]}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    page = portal.client.get(response["Location"]).content.decode()
    assert "Voor deze stap moet DigiD op niveau Midden zijn" in page
    assert 'name="niveau" value="midden"' in page


def test_the_login_at_a_higher_level_asks_the_broker_for_it(portal, login_method):
    login_method("digid")

    authorize = portal.start("digid", niveau="midden")

    assert parse_qs(urlsplit(authorize).query)["acr_values"] == [LEVEL_URNS["midden"]]


def test_at_the_level_asked_the_application_goes_in(portal, login_method):
    login_method("digid", level_application="midden")
    application = logged_in_draft(portal, "resident-midden", "999990019")

    response = portal.client.post(reverse("budget:application-check", args=[application.pk]))

    assert response["Location"] == reverse("budget:application-sent", args=[application.pk])


def test_the_municipality_can_ask_less(portal, login_method):
    login_method("digid", level_application="basis")
    application = logged_in_draft(portal, "resident-basis", "999990020")

    response = portal.client.post(reverse("budget:application-check", args=[application.pk]))

    assert response["Location"] == reverse("budget:application-sent", args=[application.pk])


def test_a_higher_level_login_must_be_the_same_person(portal, login_method):
    login_method("digid")
    portal.log_in("digid", "resident-basis")
    me = portal.client.session["_auth_user_id"]
    portal.broker = BrokerLogin(portal.broker.issuer)  # someone else at the broker

    response = portal.log_in("digid", "resident-midden", niveau="midden")

    assert response.status_code == 400
    assert "Je logde in met een andere DigiD dan eerst" in response.content.decode()
    assert portal.client.session["_auth_user_id"] == me


def test_an_e_mail_login_is_not_asked_for_a_level(client, login_method):
    login_method("digid", level_application="substantieel")
    resident = UserFactory(role="resident")
    application = filled_application(lead=resident)
    client.force_login(resident)

    response = client.post(reverse("budget:application-check", args=[application.pk]))

    assert response["Location"] == reverse("budget:application-sent", args=[application.pk])


def test_logging_in_again_at_the_level_asked_lets_the_application_go_in(portal, login_method):
    login_method("digid", level_application="midden")
    application = logged_in_draft(portal, "resident-basis", "999990020")
    check = reverse("budget:application-check", args=[application.pk])
    assert portal.client.post(check)["Location"].startswith(reverse("oidc:level"))
    # The test broker ends its own session when the level changes (a page that submits itself
    # with JavaScript); over plain HTTP a new broker session stands in for that.
    portal.broker = BrokerLogin(portal.broker.issuer)

    back = portal.log_in("digid", "resident-basis", niveau="midden", next=check)

    assert back["Location"] == check
    assert portal.client.session["broker_login"]["level"] == "midden"
    response = portal.client.post(check)
    assert response["Location"] == reverse("budget:application-sent", args=[application.pk])
    assert User.objects.filter(bsn_hash=bsn_hash("999990020")).count() == 1
