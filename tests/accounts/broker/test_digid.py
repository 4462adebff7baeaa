"""A resident logs in with DigiD through the test broker (tests/oidc)."""

import json
import logging
import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse

from burgerkracht.accounts.models import User
from burgerkracht.accounts.oidc import session as broker_session
from burgerkracht.accounts.oidc.claims import bsn_hash
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BSN = "999990019"  # resident-midden at the test broker


def digid_button(page: str) -> str:
    """The text of the button in the form that starts a DigiD login."""
    found = re.search(
        r'action="/accounts/oidc/digid/login/".*?<button[^>]*>(.*?)</button>', page, re.S
    )
    assert found, "no DigiD button on the page"
    return found.group(1).strip()


def test_a_new_resident_gets_an_account_with_the_bsn_encrypted(portal, login_method):
    login_method("digid")

    response = portal.log_in("digid", "resident-midden")

    assert response.status_code == 302
    user = User.objects.get(bsn_hash=bsn_hash(BSN))
    assert user.bsn == BSN
    assert user.full_name == "Anna de Vries"
    assert user.has_role("resident")
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn FROM accounts_user WHERE id = %s", [user.pk])
        stored = cursor.fetchone()[0]
    assert BSN not in stored
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "digid"
    assert account.uid == bsn_hash(BSN)
    assert BSN not in json.dumps(account.extra_data)


def test_the_session_keeps_the_level_and_never_the_bsn_in_clear(portal, login_method):
    login_method("digid")

    portal.log_in("digid", "resident-midden")

    session = portal.client.session
    assert broker_session.login_kind_of(session) == "digid"
    assert session[broker_session.LOGIN_KEY]["level"] == "midden"
    for row in Session.objects.all():
        assert BSN not in json.dumps(row.get_decoded())
        assert BSN not in row.session_data


def test_the_next_login_finds_the_same_account(portal, login_method, client, oidc_broker):
    login_method("digid")
    portal.log_in("digid", "resident-midden")
    portal.client.post("/accounts/logout/")

    again = portal.log_in("digid", "resident-midden")

    assert again.status_code == 302
    assert User.objects.filter(bsn_hash=bsn_hash(BSN)).count() == 1
    assert portal.client.get("/profiel/").status_code == 200


def test_the_profile_shows_the_bsn_masked(portal, login_method):
    login_method("digid")
    portal.log_in("digid", "resident-midden")

    page = portal.client.get("/profiel/").content.decode()

    assert "*****0019" in page
    assert BSN not in page


def test_a_resident_with_only_a_bsn_gets_an_account_without_e_mail(portal, login_method):
    login_method("digid")

    response = portal.log_in("digid", "resident-bsn-only")

    assert response.status_code == 302
    user = User.objects.get(bsn_hash=bsn_hash("999990044"))
    assert user.email is None
    assert user.full_name == ""


def test_the_bsn_never_reaches_the_log(portal, login_method, caplog):
    login_method("digid")
    caplog.set_level(logging.DEBUG)

    portal.log_in("digid", "resident-midden")
    portal.client.get("/profiel/")

    assert BSN not in caplog.text


def test_an_e_mail_account_is_linked_only_after_the_person_confirms(portal, login_method):
    login_method("digid")
    existing = UserFactory(role="resident", email="anna.devries@example.nl")

    response = portal.log_in("digid", "resident-midden")

    assert response["Location"] == "/inloggen/koppelen/"
    page = portal.client.get("/inloggen/koppelen/").content.decode()
    assert "Ja, koppel DigiD" in page
    existing.refresh_from_db()
    assert not existing.bsn_hash
    assert "_auth_user_id" not in portal.client.session

    portal.client.post("/inloggen/koppelen/", {"choice": "link"})

    existing.refresh_from_db()
    assert existing.bsn == BSN
    assert int(portal.client.session["_auth_user_id"]) == existing.pk
    assert User.objects.filter(bsn_hash=bsn_hash(BSN)).count() == 1


def test_no_link_without_confirmation(portal, login_method):
    login_method("digid")
    existing = UserFactory(role="resident", email="anna.devries@example.nl")
    portal.log_in("digid", "resident-midden")

    response = portal.client.post("/inloggen/koppelen/", {"choice": "cancel"})

    assert response["Location"] == "/accounts/login/"
    existing.refresh_from_db()
    assert not existing.bsn_hash
    assert "_auth_user_id" not in portal.client.session
    assert not SocialAccount.objects.exists()


def test_a_logged_in_resident_links_digid_from_the_profile(portal, login_method):
    login_method("digid")
    resident = UserFactory(role="resident", email="iemand@example.org")
    portal.client.force_login(resident)

    page = portal.client.get("/profiel/").content.decode()
    assert digid_button(page) == "DigiD koppelen"  # it links; the person is logged in already
    response = portal.log_in("digid", "resident-basis")
    assert response["Location"] == "/inloggen/koppelen/"
    portal.client.post("/inloggen/koppelen/", {"choice": "link"})

    resident.refresh_from_db()
    assert resident.bsn == "999990020"
    assert int(portal.client.session["_auth_user_id"]) == resident.pk
    # The e-mail account keeps its password, and the way to change it.
    page = portal.client.get("/profiel/").content.decode()
    assert reverse("account_change_password") in page


def test_the_login_page_still_says_log_in_with_digid(portal, login_method):
    login_method("digid")

    page = portal.client.get(reverse("account_login")).content.decode()

    assert digid_button(page) == "Inloggen met DigiD"


def test_a_digid_only_account_is_not_offered_a_password(portal, login_method):
    login_method("digid")
    portal.log_in("digid", "resident-midden")
    assert not User.objects.get(bsn_hash=bsn_hash(BSN)).has_usable_password()

    page = portal.client.get("/profiel/").content.decode()

    assert reverse("account_change_password") not in page
    assert reverse("account_set_password") not in page
    assert "wachtwoord" not in page.lower()


def test_deleting_the_account_removes_the_bsn_and_the_digid_link(portal, login_method):
    from burgerkracht.accounts.services import delete_account, export_personal_data

    login_method("digid")
    portal.log_in("digid", "resident-midden")
    user = User.objects.get(bsn_hash=bsn_hash(BSN))
    assert export_personal_data(user=user)["account"]["digid_bsn"] == "*****0019"
    assert BSN not in json.dumps(export_personal_data(user=user), default=str)

    delete_account(user=user, by=user)

    user.refresh_from_db()
    assert (user.bsn, user.bsn_hash) == ("", None)
    assert not SocialAccount.objects.filter(user=user).exists()
