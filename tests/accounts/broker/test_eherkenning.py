"""An organisation logs in with eHerkenning: the KvK number, branch and the acting person."""

import pytest

from burgerkracht.accounts.models import User

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
