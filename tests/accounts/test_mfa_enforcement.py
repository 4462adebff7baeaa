import pytest
from django.urls import reverse

from burgerkracht.accounts.roles import STAFF_ROLES, Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_without_second_factor_is_sent_to_set_it_up(client, role):
    client.force_login(UserFactory(role=role, with_mfa=False))

    for url in (reverse("core:dashboard"), reverse("accounts:profile"), reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_without_second_factor_logs_in_and_lands_on_the_setup_page(client, role):
    user = UserFactory(role=role, with_mfa=False)

    login = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    sent_on = client.get(login["Location"], follow=True)
    # allauth asks for the password once more before a second factor is set up.
    confirmed = client.post(sent_on.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)

    assert sent_on.redirect_chain[0][0] == reverse("mfa_activate_totp")
    assert confirmed.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert confirmed.status_code == 200


@pytest.mark.parametrize("role", sorted(set(Role.values) - STAFF_ROLES))
def test_non_staff_roles_are_offered_but_not_forced(client, role):
    client.force_login(UserFactory(role=role))

    response = client.get(reverse("core:dashboard"))

    assert response.status_code == 200


def test_staff_with_second_factor_reaches_their_pages(client):
    client.force_login(UserFactory(role="facilitator"))

    response = client.get(reverse("core:dashboard"))

    assert response.status_code == 200


def test_superuser_without_role_still_needs_second_factor(client):
    user = UserFactory(with_mfa=False)
    user.is_superuser = True
    user.save()
    client.force_login(user)

    response = client.get(reverse("admin:index"))

    assert response["Location"] == reverse("mfa_activate_totp")
