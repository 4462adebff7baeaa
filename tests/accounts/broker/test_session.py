"""DigiD sessions: 15 minutes without activity ends them, with a notice before; what was
typed is kept; logging out also ends the session at the broker (RP-initiated logout)."""

import html
import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from burgerkracht.accounts.models import User
from burgerkracht.accounts.oidc.claims import bsn_hash
from tests.accounts.broker.conftest import query
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE_EDIT = "/profiel/wijzigen/"


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_every_page_says_when_the_digid_session_ends(portal, login_method):
    login_method("digid")
    portal.log_in("digid", "resident-midden")

    page = portal.client.get("/mijn/").content.decode()

    assert "Je bent ingelogd met DigiD. Doe je 15 minuten niets" in page
    assert reverse("oidc:keep-alive") in page
    assert re.search(r'data-idle-ends="(89\d|900)"', page)


def test_one_minute_is_one_minute(portal, login_method, settings):
    settings.DIGID_IDLE_TIMEOUT_SECONDS = 90
    login_method("digid")
    portal.log_in("digid", "resident-midden")

    page = portal.client.get("/mijn/").content.decode()

    assert "Doe je 1 minuut niets" in page


def test_an_e_mail_login_has_no_idle_timeout(client, clock):
    client.force_login(UserFactory(role="resident"))
    assert "Je bent ingelogd met DigiD" not in client.get("/mijn/").content.decode()

    clock.shift(timedelta(hours=1))

    assert client.get("/mijn/").status_code == 200


def test_activity_keeps_the_session(portal, login_method, clock):
    login_method("digid")
    portal.log_in("digid", "resident-midden")

    for _ in range(3):
        clock.shift(timedelta(minutes=14))
        assert portal.client.get("/mijn/").status_code == 200


def test_fifteen_minutes_without_activity_ends_it(portal, login_method, clock):
    login_method("digid")
    portal.log_in("digid", "resident-midden")

    clock.shift(timedelta(minutes=15, seconds=30))
    response = portal.client.get("/mijn/", follow=True)

    assert response.redirect_chain[0][0] == "/accounts/login/?next=%2Fmijn%2F"
    assert "_auth_user_id" not in portal.client.session
    assert "omdat je 15 minuten niets deed" in response.content.decode()


def test_i_am_still_here(portal, login_method, clock):
    login_method("digid")
    portal.log_in("digid", "resident-midden")
    clock.shift(timedelta(minutes=13))

    kept = portal.client.post(
        reverse("oidc:keep-alive"), {"next": "/mijn/"}, HTTP_ACCEPT="application/json"
    )
    clock.shift(timedelta(minutes=13))

    assert kept.json()["ends_in"] == 900
    assert portal.client.get("/mijn/").status_code == 200


def test_after_an_idle_timeout_the_broker_asks_to_log_in_again(portal, login_method, clock):
    """The broker's own session outlives ours: after the timeout, "Inloggen met DigiD" must
    not let whoever sits at this computer straight back in."""
    login_method("digid")
    assert "prompt" not in query(portal.start("digid"))  # an ordinary login
    portal.log_in("digid", "resident-midden")
    clock.shift(timedelta(minutes=16))
    portal.client.get("/mijn/")

    again = query(portal.start("digid"))
    then = query(portal.start("digid"))

    assert again["prompt"] == "login"
    assert "prompt" not in then  # once


def test_i_am_still_here_too_late_goes_back_to_the_page(portal, login_method, clock):
    login_method("digid")
    portal.log_in("digid", "resident-midden")
    clock.shift(timedelta(minutes=16))

    response = portal.client.post(reverse("oidc:keep-alive"), {"next": PROFILE_EDIT})

    assert response["Location"] == "/accounts/login/?next=%2Fprofiel%2Fwijzigen%2F"


def test_i_am_still_here_too_late_tells_the_dialog(portal, login_method, clock):
    login_method("digid")
    portal.log_in("digid", "resident-midden")
    clock.shift(timedelta(minutes=16))

    response = portal.client.post(
        reverse("oidc:keep-alive"), {"next": PROFILE_EDIT}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 401
    assert response.json() == {"ends_in": 0}


def test_what_was_typed_after_expiry_is_kept_for_the_same_person(portal, login_method, clock):
    login_method("digid")
    portal.log_in("digid", "resident-midden")
    form = portal.client.get(PROFILE_EDIT).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update(full_name="Anna de Vries-Jansen", phone="0612345678")
    clock.shift(timedelta(minutes=20))

    expired = portal.client.post(PROFILE_EDIT, data)
    assert expired["Location"] == "/accounts/login/?next=%2Finloggen%2Fverder%2F"
    # Logging in again asks the broker for a new login (prompt=login); the broker's cookies
    # are set by its own clock, so ours goes back to it first.
    clock.shift(-timedelta(minutes=20))
    back = portal.log_in("digid", "resident-midden", next="/inloggen/verder/")
    assert back["Location"] == "/inloggen/verder/"
    page = portal.client.get("/inloggen/verder/").content.decode()
    assert 'value="Anna de Vries-Jansen"' in page
    assert f'action="{PROFILE_EDIT}"' in page
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    portal.client.post(PROFILE_EDIT, {k: html.unescape(v) for k, v in fields.items()})

    resident = User.objects.get(bsn_hash=bsn_hash("999990019"))
    assert resident.full_name == "Anna de Vries-Jansen"
    assert resident.phone == "0612345678"


def test_what_was_typed_is_not_shown_to_someone_else(portal, login_method, clock):
    login_method("digid")
    portal.log_in("digid", "resident-midden")
    clock.shift(timedelta(minutes=20))
    portal.client.post(PROFILE_EDIT, {"full_name": "Geheim"})
    portal.client.force_login(UserFactory(role="resident"))

    response = portal.client.get("/inloggen/verder/")

    assert response.status_code == 302
    assert "Geheim" not in portal.client.get("/mijn/").content.decode()


def test_logging_out_ends_the_session_at_the_broker(portal, login_method):
    login_method("digid")
    portal.log_in("digid", "resident-midden")

    response = portal.client.post("/accounts/logout/")

    assert response["Location"] == reverse("oidc:logged-out")
    assert "_auth_user_id" not in portal.client.session
    page = portal.client.get(response["Location"]).content.decode()
    issuer = re.escape(portal.broker.issuer)
    link = re.search(rf'<a class="utrecht-link" href="({issuer}[^"]+)"', page)
    url = html.unescape(link.group(1))
    params = parse_qs(urlsplit(url).query)
    assert url.startswith(portal.broker.issuer)
    assert params["post_logout_redirect_uri"] == ["http://localhost:8000/"]
    assert params["client_id"] == ["digid"]
    # At the broker: its page submits its logout form, and the broker sends the browser back.
    at_broker = portal.broker.request(url)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', at_broker.body.decode()))
    action = re.search(r'action="([^"]+)"', at_broker.body.decode()).group(1)
    done = portal.broker.request(action, fields)
    assert done.location == "http://localhost:8000/"


def test_the_id_token_with_the_bsn_stays_out_of_the_logout_address(portal, login_method):
    """A DigiD ID token carries the BSN: not in the address of the broker's logout, which the
    browser keeps in its history and the broker writes to its access log, nor in clear in
    the session after logging out."""
    login_method("digid")
    portal.log_in("digid", "resident-midden")

    portal.client.post("/accounts/logout/")
    session = json.dumps(dict(portal.client.session))
    page = portal.client.get(reverse("oidc:logged-out")).content.decode()

    assert "id_token_hint" not in page and "id_token_hint" not in session
    assert "eyJ" not in page and "eyJ" not in session  # no JWT at all


def test_an_e_mail_logout_stays_in_the_portal(client):
    client.force_login(UserFactory(role="resident"))

    response = client.post("/accounts/logout/")

    assert response["Location"] == "/"
