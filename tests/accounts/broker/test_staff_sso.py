"""Officials log in with the municipality's SSO; the staff two-step rule is met when the
provider says a second factor was used (amr/acr), otherwise the portal's own TOTP applies."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from burgerkracht.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SANNE = "sanne.smit@gemeente.example.nl"  # staff-mfa: amr pwd + otp
RUUD = "ruud.mulder@gemeente.example.nl"  # staff-pwd: amr pwd only


def test_an_official_with_a_second_factor_at_the_provider_reaches_the_queue(portal, login_method):
    login_method("staff")
    sanne = UserFactory(role="facilitator", email=SANNE, with_mfa=False)

    response = portal.log_in("staff", "staff-mfa")

    assert response.status_code == 302
    assert int(portal.client.session["_auth_user_id"]) == sanne.pk
    assert portal.client.get(reverse("budget:queue")).status_code == 200


def test_the_acr_alone_can_count_as_the_second_factor(portal, login_method):
    login_method("staff", second_factor_amr="")
    UserFactory(role="facilitator", email=SANNE, with_mfa=False)

    portal.log_in("staff", "staff-mfa")

    assert portal.client.get(reverse("budget:queue")).status_code == 200


def test_an_official_without_one_is_asked_to_set_up_totp(portal, login_method):
    login_method("staff")
    UserFactory(role="facilitator", email=RUUD, with_mfa=False)

    portal.log_in("staff", "staff-pwd")

    response = portal.client.get(reverse("budget:queue"))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_official_with_totp_but_none_at_the_provider_enters_the_code(portal, login_method):
    login_method("staff")
    UserFactory(role="facilitator", email=RUUD)

    response = portal.log_in("staff", "staff-pwd")

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in portal.client.session


def test_an_official_with_totp_and_a_second_factor_at_the_provider_is_not_asked(
    portal, login_method
):
    login_method("staff")
    sanne = UserFactory(role="facilitator", email=SANNE)

    response = portal.log_in("staff", "staff-mfa")

    assert response["Location"] != reverse("mfa_authenticate")
    assert int(portal.client.session["_auth_user_id"]) == sanne.pk


def test_an_unknown_official_gets_no_account_without_a_role_mapping(portal, login_method):
    login_method("staff")

    response = portal.log_in("staff", "staff-mfa")

    assert response.status_code == 403
    assert "Het portaal kent je nog niet" in response.content.decode()
    assert not User.objects.filter(email=SANNE).exists()


def test_roles_can_come_from_a_claim(portal, login_method):
    login_method(
        "staff", claim_roles="groups", role_mapping={"subsidies-behandelaars": "facilitator"}
    )

    portal.log_in("staff", "staff-mfa")

    sanne = User.objects.get(email=SANNE)
    assert sanne.has_role("facilitator")
    assert portal.client.get(reverse("budget:queue")).status_code == 200


def test_a_mapped_role_the_claim_no_longer_gives_is_taken_away(portal, login_method):
    login_method(
        "staff", claim_roles="groups", role_mapping={"budget-beslissers": "budget_decision_holder"}
    )
    sanne = UserFactory(role="facilitator", email=SANNE, with_mfa=False)
    sanne.groups.add(Group.objects.get(name="budget_decision_holder"))

    portal.log_in("staff", "staff-mfa")

    sanne = User.objects.get(pk=sanne.pk)
    assert sanne.has_role("facilitator")  # not in the mapping: the administrator's
    assert not sanne.has_role("budget_decision_holder")
