"""The test broker itself: it runs, it is a real OpenID Connect provider, and each of its
misbehaving clients misbehaves as promised, so a journey that fails against it fails because
of the portal, not the harness.

Plain HTTP from Python: discovery, JWKS, the authorization code flow with PKCE, the ID token
checked against the JWKS with `cryptography`, userinfo, RP-initiated logout.
"""

import base64
import html.parser
import json
import secrets
import time
import urllib.parse

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.oidc.fixtures import BROKERS, MODES, USERS, BrokerClient, BrokerLogin, pkce_pair

# Where the portal's allauth callback would be; the broker accepts any loopback port.
CALLBACK = "http://localhost:{port}/accounts/oidc/{client}/login/callback/"


def b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def verify(token: str, jwks: dict) -> dict:
    """The claims of an RS256 JWT whose signature a key of the JWKS (by kid) verifies."""
    header_b64, payload_b64, signature_b64 = token.split(".")
    header = json.loads(b64decode(header_b64))
    assert header["alg"] == "RS256"
    (jwk,) = [key for key in jwks["keys"] if key["kid"] == header["kid"]]
    public = rsa.RSAPublicNumbers(
        int.from_bytes(b64decode(jwk["e"]), "big"), int.from_bytes(b64decode(jwk["n"]), "big")
    ).public_key()
    public.verify(
        b64decode(signature_b64),
        f"{header_b64}.{payload_b64}".encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    return json.loads(b64decode(payload_b64))


def unverified(token: str) -> dict:
    return json.loads(b64decode(token.split(".")[1]))


class Flow:
    """One authorization code flow of a client, step by step."""

    def __init__(self, client: BrokerClient, port: int = 8123, **params) -> None:
        self.client = client
        self.browser = BrokerLogin(client.issuer)
        self.config = self.browser.request("/.well-known/openid-configuration").json()
        self.redirect_uri = CALLBACK.format(port=port, client=client.client_id)
        self.state = secrets.token_urlsafe(16)
        self.nonce = secrets.token_urlsafe(16)
        self.verifier, challenge = pkce_pair()
        self.params = {
            "client_id": client.client_id,
            "response_type": "code",
            "scope": "openid profile email",
            "redirect_uri": self.redirect_uri,
            "state": self.state,
            "nonce": self.nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            **params,
        }
        self.params = {key: value for key, value in self.params.items() if value is not None}

    @property
    def authorize_url(self) -> str:
        return self.config["authorization_endpoint"] + "?" + urllib.parse.urlencode(self.params)

    def log_in(self, user: str | None = None, **kwargs) -> dict:
        """The query of the redirect back to the portal."""
        back = self.browser.log_in(self.authorize_url, user, **kwargs)
        assert back.startswith(self.redirect_uri + "?"), back
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(back).query))
        assert query["state"] == self.state
        assert query["iss"] == self.client.issuer  # RFC 9207: the portal may check it too
        return query

    def redeem(self, code: str, verifier: str | None = None):
        return self.browser.request(
            self.config["token_endpoint"],
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": self.redirect_uri,
                "code_verifier": verifier or self.verifier,
                "client_id": self.client.client_id,
                "client_secret": self.client.secret,
            },
        )

    def userinfo(self, access_token: str) -> dict:
        return self.browser.request(
            self.config["userinfo_endpoint"], headers={"Authorization": f"Bearer {access_token}"}
        ).json()

    def tokens(self, user: str | None) -> dict:
        response = self.redeem(self.log_in(user)["code"])
        assert response.status == 200, response.body
        return response.json()

    def jwks(self) -> dict:
        return self.browser.request(self.config["jwks_uri"]).json()


def test_discovery_and_jwks(oidc_broker):
    browser = BrokerLogin(oidc_broker.issuer)
    config = browser.request(oidc_broker.discovery_url).json()
    assert config["issuer"] == oidc_broker.issuer
    for endpoint in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint"):
        assert config[endpoint].startswith(oidc_broker.issuer + "/")
    assert config["end_session_endpoint"].startswith(oidc_broker.issuer + "/")
    assert config["code_challenge_methods_supported"] == ["S256"]
    assert "client_secret_post" in config["token_endpoint_auth_methods_supported"]
    for claim in ("bsn", "loa", "kvk", "vestigingsnummer", "acr"):
        assert claim in config["claims_supported"]
    (key,) = browser.request(config["jwks_uri"]).json()["keys"]
    assert key["kty"] == "RSA" and key["kid"] and "d" not in key  # public half only


def test_a_resident_logs_in_with_digid(oidc_broker):
    """The whole code flow with PKCE: the ID token names the BSN and the level, signed by the
    broker's published key, for this client and this request (nonce)."""
    flow = Flow(oidc_broker.client("digid"))
    tokens = flow.tokens("resident-midden")
    claims = verify(tokens["id_token"], flow.jwks())
    assert claims["iss"] == oidc_broker.issuer
    assert claims["aud"] == "digid"
    assert claims["nonce"] == flow.nonce
    assert claims["exp"] > time.time()
    assert claims["sub"] == "resident-midden"
    assert claims["bsn"] == "999990019"
    assert claims["loa"] == "midden"
    assert claims["acr"] == "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
    assert claims["name"] == "Anna de Vries"
    userinfo = flow.userinfo(tokens["access_token"])
    assert userinfo["bsn"] == "999990019"
    assert userinfo["email"] == "anna.devries@example.nl"


@pytest.mark.parametrize(
    "user",
    ["resident-basis", "resident-substantieel", "resident-bsn-only", "resident-no-bsn"],
)
def test_each_resident_has_the_claims_promised(oidc_broker, user):
    flow = Flow(oidc_broker.client("digid"), scope="openid")  # BSN and level without profile
    claims = verify(flow.tokens(user)["id_token"], flow.jwks())
    for name, value in USERS[user].items():
        if name != "name":
            assert claims[name] == value
    assert ("bsn" in claims) == ("bsn" in USERS[user])


def test_an_organisation_logs_in_with_eherkenning(oidc_broker):
    flow = Flow(oidc_broker.client("eherkenning"))
    claims = verify(flow.tokens("woonmere")["id_token"], flow.jwks())
    assert claims["kvk"] == "41329178"
    assert claims["vestigingsnummer"] == "000041329178"
    assert claims["organisation_name"] == "Stichting WoonMere"
    assert claims["name"] == "Paul Offerman"
    assert claims["acr"] == "urn:etoegang:core:assurance-class:loa3"
    assert "bsn" not in claims
    flow = Flow(oidc_broker.client("eherkenning"))
    without_branch = verify(flow.tokens("woonmere-no-branch")["id_token"], flow.jwks())
    assert without_branch["kvk"] == "41329178" and "vestigingsnummer" not in without_branch


@pytest.mark.parametrize(("user", "amr"), [("staff-mfa", ["pwd", "otp"]), ("staff-pwd", ["pwd"])])
def test_an_official_logs_in_with_sso(oidc_broker, user, amr):
    flow = Flow(oidc_broker.client("staff"))
    claims = verify(flow.tokens(user)["id_token"], flow.jwks())
    assert claims["amr"] == amr
    assert claims["email"] == USERS[user]["email"]
    assert claims["groups"] == ["subsidies-behandelaars"]


def test_each_broker_offers_only_its_own_people(oidc_broker):
    flow = Flow(oidc_broker.client("digid"))
    with pytest.raises(AssertionError, match="not offered"):
        flow.log_in("woonmere")


def test_login_hint_skips_the_choice(oidc_broker):
    flow = Flow(oidc_broker.client("digid"), login_hint="resident-basis")
    query = flow.log_in(user=None)
    claims = verify(flow.redeem(query["code"]).json()["id_token"], flow.jwks())
    assert claims["bsn"] == "999990020"


def test_a_resident_logs_in_again_at_a_higher_level(oidc_broker):
    """Step-up: the same person (the same BSN) at midden, chosen on the page or asked for by
    the portal in acr_values; the person's own level otherwise."""
    midden = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
    chosen = Flow(oidc_broker.client("digid"))
    tokens = chosen.redeem(chosen.log_in("resident-basis", level="midden")["code"]).json()
    claims = verify(tokens["id_token"], chosen.jwks())
    assert (claims["bsn"], claims["loa"], claims["acr"]) == ("999990020", "midden", midden)
    assert chosen.userinfo(tokens["access_token"])["loa"] == "midden"

    asked = Flow(oidc_broker.client("digid"), acr_values=midden, login_hint="resident-basis")
    claims = verify(asked.tokens(None)["id_token"], asked.jwks())
    assert (claims["bsn"], claims["loa"], claims["acr"]) == ("999990020", "midden", midden)

    on_the_page = Flow(oidc_broker.client("digid"), acr_values=midden, prompt="login")
    claims = verify(on_the_page.tokens("resident-basis")["id_token"], on_the_page.jwks())
    assert (claims["bsn"], claims["loa"]) == ("999990020", "midden")  # preselected

    own = Flow(oidc_broker.client("digid"), login_hint="resident-basis")
    assert verify(own.tokens(None)["id_token"], own.jwks())["loa"] == "basis"


def test_cancel_sends_access_denied(oidc_broker):
    flow = Flow(oidc_broker.client("digid"))
    back = flow.browser.log_in(flow.authorize_url, cancel=True)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(back).query))
    assert query["error"] == "access_denied"
    assert query["state"] == flow.state


def test_a_code_is_good_once(oidc_broker):
    """A replayed code: invalid_grant (and the provider revokes what the first use gave)."""
    flow = Flow(oidc_broker.client("digid"))
    code = flow.log_in("resident-midden")["code"]
    assert flow.redeem(code).status == 200
    replay = flow.redeem(code)
    assert replay.status == 400 and replay.json()["error"] == "invalid_grant"


def test_pkce_is_required_and_checked(oidc_broker):
    flow = Flow(oidc_broker.client("digid"), code_challenge=None, code_challenge_method=None)
    back = flow.browser.log_in(flow.authorize_url, "resident-midden")
    assert "error=invalid_request" in back  # refused before anyone logs in
    flow = Flow(oidc_broker.client("digid"))
    code = flow.log_in("resident-midden")["code"]
    other_verifier, _ = pkce_pair()
    assert flow.redeem(code, verifier=other_verifier).json()["error"] == "invalid_grant"


def test_the_secret_is_checked(oidc_broker):
    client = oidc_broker.client("digid")
    flow = Flow(BrokerClient(client.issuer, client.client_id, "not-the-secret"))
    response = flow.redeem(flow.log_in("resident-midden")["code"])
    assert response.status == 401 and response.json()["error"] == "invalid_client"


def test_redirect_uris_off_loopback_are_refused(oidc_broker):
    flow = Flow(oidc_broker.client("digid"))
    flow.params["redirect_uri"] = "https://evil.example.org/accounts/oidc/digid/login/callback/"
    response = flow.browser.request(flow.authorize_url)
    assert response.status == 400
    assert b"redirect_uri" in response.body


def test_the_portal_may_run_on_any_loopback_port(oidc_broker):
    for port in (8000, 61234):
        flow = Flow(oidc_broker.client("staff"), port=port)
        assert flow.tokens("staff-mfa")["id_token"]


# --- the misbehaving clients ----------------------------------------------------------------


def test_wrong_key(oidc_broker):
    flow = Flow(oidc_broker.client("digid", "wrong-key"))
    token = flow.tokens("resident-midden")["id_token"]
    with pytest.raises(InvalidSignature):
        verify(token, flow.jwks())
    assert unverified(token)["bsn"] == "999990019"  # otherwise a good token


@pytest.mark.parametrize(
    ("mode", "claim", "good"),
    [
        ("wrong-audience", "aud", lambda flow: flow.client.client_id),
        ("wrong-issuer", "iss", lambda flow: flow.client.issuer),
        ("wrong-nonce", "nonce", lambda flow: flow.nonce),
    ],
)
def test_wrong_claims_under_a_good_signature(oidc_broker, mode, claim, good):
    flow = Flow(oidc_broker.client("digid", mode))
    claims = verify(flow.tokens("resident-midden")["id_token"], flow.jwks())
    assert claims[claim] != good(flow)
    assert claims["bsn"] == "999990019"


def test_expired_token(oidc_broker):
    flow = Flow(oidc_broker.client("eherkenning", "expired-token"))
    claims = verify(flow.tokens("woonmere")["id_token"], flow.jwks())
    assert claims["exp"] < time.time() - 1800


def test_expired_code(oidc_broker):
    flow = Flow(oidc_broker.client("digid", "expired-code"))
    response = flow.redeem(flow.log_in("resident-midden")["code"])
    assert response.status == 400
    assert response.json()["error"] == "invalid_grant"


def test_server_error(oidc_broker):
    flow = Flow(oidc_broker.client("staff", "server-error"))
    response = flow.redeem(flow.log_in("staff-mfa")["code"])
    assert response.status == 503


def test_every_mode_has_a_client_per_broker(oidc_broker):
    for mode in MODES:
        for broker in BROKERS:
            flow = Flow(oidc_broker.client(broker, mode))
            assert flow.browser.request(flow.authorize_url).status == 303


def test_a_broker_that_is_down(dead_broker_url):
    with pytest.raises(OSError):
        BrokerLogin(dead_broker_url).request("/.well-known/openid-configuration")


# --- logout ---------------------------------------------------------------------------------


def test_logout_ends_the_session_at_the_broker(oidc_broker):
    """RP-initiated logout, as the portal's logout button does it: the broker signs out without
    asking (its page submits itself) and sends the browser back; the next login asks again."""
    flow = Flow(oidc_broker.client("digid"))
    id_token = flow.tokens("resident-midden")["id_token"]
    # Logged in at the broker: a second authorization needs no choice.
    again = Flow(oidc_broker.client("digid"))
    again.browser = flow.browser
    assert "code=" in again.browser.log_in(again.authorize_url)

    back = "http://localhost:8123/"
    page = flow.browser.request(
        flow.config["end_session_endpoint"]
        + "?"
        + urllib.parse.urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": back}),
    )
    assert page.status == 200 and b"op.logoutForm" in page.body
    form = _logout_form(page.body.decode())
    response = flow.browser.request(form.pop("action"), form)
    assert response.status in (302, 303) and response.location == back

    after = Flow(oidc_broker.client("digid"))
    after.browser = flow.browser
    hop = after.browser.request(after.authorize_url)
    assert "/interaction/" in hop.location  # the choice page again


def _logout_form(page: str) -> dict:
    """The logout form's action and hidden fields, as the page's script would submit them."""

    class Form(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form":
                fields["action"] = attrs["action"]
            if tag == "input" and attrs.get("name"):
                fields[attrs["name"]] = attrs.get("value", "")

    fields: dict = {}
    Form().feed(page)
    return fields
