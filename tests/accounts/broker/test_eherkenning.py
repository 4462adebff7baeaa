"""An organisation logs in with eHerkenning: the KvK number, branch and the acting person."""

import pytest
from django.urls import reverse

from budget import services
from budget.models import Application
from burgerkracht.accounts.models import User
from tests.factories import UserFactory, filled_application, open_line

pytestmark = pytest.mark.django_db


def test_the_organisation_and_the_acting_person_are_recorded(portal, login_method):
    login_method("eherkenning")

    response = portal.log_in("eherkenning", "woonmere")

    assert response.status_code == 302
    user = User.objects.get(kvk_number="41329178")
    assert user.branch_number == "000041329178"
    assert user.organisation_name == "Stichting WoonMere"
    assert user.full_name == "Paul Offerman"
    assert user.has_role("resident")
    assert portal.client.session["broker_login"]["kind"] == "eherkenning"


def test_without_a_branch_the_organisation_as_a_whole(portal, login_method):
    login_method("eherkenning")

    portal.log_in("eherkenning", "woonmere-no-branch")

    user = User.objects.get(kvk_number="41329178")
    assert user.branch_number == ""


def test_the_application_gets_the_organisation_and_cannot_change_it(portal, login_method):
    login_method("eherkenning")
    line, _holder = open_line(allocation="5000.00")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    portal.log_in("eherkenning", "woonmere")

    started = portal.client.post(
        reverse("budget:application-new"), {"initiative": "new", "new_title": "Buurtkamer"}
    )

    application = Application.objects.get()
    assert started["Location"] == reverse("budget:application-step", args=[application.pk, 1])
    assert application.on_behalf_of_organisation
    assert (application.kvk_number, application.branch_number) == ("41329178", "000041329178")
    assert application.organisation_name == "Stichting WoonMere"
    assert application.acting_person == "Paul Offerman"
    form = portal.client.get(started["Location"]).context["form"]
    assert form.fields["kvk_number"].disabled
    assert form.fields["organisation_name"].disabled
    assert form.fields["on_behalf_of_organisation"].disabled

    portal.client.post(
        started["Location"],
        {"kvk_number": "12345678", "organisation_name": "Iets anders", "later": "1",
         "on_behalf_of_organisation": "no"},
    )  # fmt: skip

    application.refresh_from_db()
    assert application.kvk_number == "41329178"
    assert application.organisation_name == "Stichting WoonMere"
    assert application.on_behalf_of_organisation


def test_the_service_keeps_the_lock_whatever_is_sent(login_method):
    organisation = UserFactory(
        role="resident", kvk_number="41329178", organisation_name="Stichting WoonMere",
        full_name="Paul Offerman",
    )  # fmt: skip
    application = filled_application(lead=organisation)
    services.confirm_organisation(application=application, by=organisation)

    services.save_application_step(
        application=application, by=organisation, step=1,
        data={"kvk_number": "12345678", "on_behalf_of_organisation": False},
    )  # fmt: skip

    application.refresh_from_db()
    assert application.kvk_number == "41329178"
    assert application.on_behalf_of_organisation
