"""Bad input at a broker login: each ends on a page with a clear Dutch message, nobody is
logged in, and none is a server error (issue #29)."""

import pytest

from burgerkracht.accounts.models import LoginMethod, User

pytestmark = pytest.mark.django_db

WRONG_ANSWER = "Het antwoord van de inlogdienst klopte niet."
EXPIRED = "Deze inlogpoging is verlopen of al gebruikt."


def assert_refused(response, message: str, status: int = 400) -> None:
    page = response.content.decode()
    assert response.status_code == status, page[:2000]
    assert "Inloggen is niet gelukt" in page
    assert message in page
    assert "Je bent niet ingelogd." in page


def assert_nobody_logged_in(portal) -> None:
    assert "_auth_user_id" not in portal.client.session
    assert not User.objects.exclude(bsn_hash=None).exists()


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("wrong-key", WRONG_ANSWER),  # the signature is not the broker's
        ("wrong-audience", WRONG_ANSWER),  # the token was meant for another client
        ("wrong-issuer", WRONG_ANSWER),
        ("wrong-nonce", WRONG_ANSWER),
        ("expired-token", WRONG_ANSWER),
        ("expired-code", EXPIRED),
    ],
)
def test_a_misbehaving_broker_logs_nobody_in(portal, login_method, mode, message):
    login_method("digid", mode)

    response = portal.log_in("digid", "resident-midden")

    assert_refused(response, message)
    assert_nobody_logged_in(portal)


def test_a_token_endpoint_that_fails(portal, login_method):
    login_method("digid", "server-error")

    response = portal.log_in("digid", "resident-midden")

    assert_refused(response, "De inlogdienst is nu niet bereikbaar.", status=503)
    assert_nobody_logged_in(portal)


def test_a_replayed_code_is_refused(portal, login_method):
    login_method("digid")
    callback = portal.at_broker(portal.start("digid"), "resident-midden")
    states = portal.client.session["socialaccount_states"]
    assert portal.client.get(callback).status_code == 302
    portal.client.post("/accounts/logout/")
    session = portal.client.session
    session["socialaccount_states"] = states  # as if the state were still open
    session.save()

    response = portal.client.get(callback)

    assert_refused(response, EXPIRED)
    assert "_auth_user_id" not in portal.client.session


def test_a_wrong_state_is_refused(portal, login_method):
    login_method("digid")
    callback = portal.at_broker(portal.start("digid"), "resident-midden")

    response = portal.client.get(callback.replace("state=", "state=x"))

    assert_refused(response, "Deze inlogpoging is verlopen of onbekend.")
    assert_nobody_logged_in(portal)


def test_a_wrong_state_while_logged_in_does_not_say_logged_out(portal, login_method):
    """A person already logged in who opens a stale callback stays logged in, and the page
    says so (it said "you are not logged in" under the DigiD notice)."""
    login_method("digid")
    portal.log_in("digid", "resident-midden")
    callback = portal.at_broker(portal.start("digid"), "resident-midden")

    response = portal.client.get(callback.replace("state=", "state=x"))
    page = response.content.decode()

    assert response.status_code == 400
    assert "Je bent niet ingelogd" not in page
    assert "Je bent nog steeds ingelogd, zoals eerst." in page
    assert "_auth_user_id" in portal.client.session


def test_a_callback_without_a_login_started_here_is_refused(portal, login_method, client):
    login_method("digid")
    callback = portal.at_broker(portal.start("digid"), "resident-midden")
    portal.client.cookies.clear()  # another browser: the state is not in its session

    response = portal.client.get(callback)

    assert_refused(response, "Deze inlogpoging is verlopen of onbekend.")


def test_a_missing_bsn_claim_is_refused(portal, login_method):
    login_method("digid")

    response = portal.log_in("digid", "resident-no-bsn")

    assert_refused(response, "DigiD heeft ons je burgerservicenummer (BSN) niet doorgegeven.")
    assert not User.objects.filter(email="zonder.bsn@example.nl").exists()


def test_a_missing_kvk_claim_is_refused(portal, login_method):
    login_method("eherkenning")

    response = portal.log_in("eherkenning", "eherkenning-no-kvk")

    assert_refused(response, "eHerkenning heeft ons het KvK-nummer van je organisatie niet")
    assert not User.objects.filter(full_name="Zonder KvK").exists()


def test_a_broker_that_is_down_at_the_start(portal, login_method, dead_broker_url):
    login_method("digid", server_url=dead_broker_url)

    response = portal.client.post("/accounts/oidc/digid/login/", {"process": "login"})

    assert_refused(response, "De inlogdienst is nu niet bereikbaar.", status=503)


def test_a_broker_that_goes_down_before_the_callback(portal, login_method, dead_broker_url):
    login_method("digid")
    callback = portal.at_broker(portal.start("digid"), "resident-midden")
    LoginMethod.objects.filter(kind="digid").update(server_url=dead_broker_url)

    response = portal.client.get(callback)

    assert_refused(response, "De inlogdienst is nu niet bereikbaar.", status=503)
    assert_nobody_logged_in(portal)


def test_cancelling_at_the_broker(portal, login_method):
    login_method("digid")
    back = portal.broker.log_in(portal.start("digid"), cancel=True)

    response = portal.client.get(back[back.index("/accounts/") :], follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Je hebt het inloggen afgebroken" in page
    assert "_auth_user_id" not in portal.client.session


def test_a_switched_off_method_cannot_be_used(portal, login_method):
    login_method("digid", enabled=False)

    response = portal.client.post("/accounts/oidc/digid/login/", {"process": "login"})

    assert response.status_code == 404
