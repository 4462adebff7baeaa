"""The test broker (tests/oidc/provider.mjs) as the tests see it.

`make test` starts one broker for the whole run (tests/harness/services.sh) and exports its
issuer in OIDC_TEST_ISSUER with the client secrets; pytest run another way starts its own
here, once per process. It is a real OpenID Connect provider (panva's oidc-provider) posing
as three brokers, each a client id:

    digid         residents, claims bsn and loa (basis, midden, substantieel) and acr
    eherkenning   organisations, claims kvk, vestigingsnummer, organisation_name, loa, name
    staff         officials, claims email, name, groups and amr (["pwd", "otp"] or ["pwd"])

and for bad-input tests `<client>-<mode>` (MODES below). The test people are in
tests/oidc/users.mjs; USERS below names the ones tests refer to.

A plain module, not a conftest: a conftest that needs the broker imports the fixtures,

    from tests.oidc.fixtures import login_method, oidc_broker  # noqa: F401  (fixtures)

`login_method("digid")` (or `login_method("digid", "wrong-key")`) switches the portal's
DigiD login on against the broker; `BrokerLogin` logs in at the broker with plain HTTP
requests, for a test that drives the portal with Django's test client instead of a browser.
"""

from __future__ import annotations

import base64
import hashlib
import html.parser
import http.cookiejar
import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

BROKERS = ("digid", "eherkenning", "staff")
# The misbehaving twins of every client: `digid-wrong-key` and so on (provider.mjs says how).
MODES = (
    "wrong-key",
    "wrong-audience",
    "wrong-issuer",
    "wrong-nonce",
    "expired-token",
    "expired-code",
    "server-error",
)

# The claim names the brokers use: what an administrator fills in on the portal's side.
CLAIMS = {
    "bsn": "bsn",
    "level": "loa",
    "kvk": "kvk",
    "branch": "vestigingsnummer",
    "organisation": "organisation_name",
    "name": "name",
    "email": "email",
    "groups": "groups",
}

# The test people tests refer to (all of them: tests/oidc/users.mjs).
USERS = {
    "resident-midden": {"bsn": "999990019", "loa": "midden", "name": "Anna de Vries"},
    "resident-basis": {"bsn": "999990020", "loa": "basis", "name": "Karim Bouzid"},
    "resident-substantieel": {"bsn": "999990032", "loa": "substantieel", "name": "Joke Visser"},
    "resident-bsn-only": {"bsn": "999990044", "loa": "midden"},
    "resident-no-bsn": {"loa": "midden", "name": "Zonder BSN"},
    "woonmere": {
        "kvk": "41329178",
        "vestigingsnummer": "000041329178",
        "organisation_name": "Stichting WoonMere",
        "name": "Paul Offerman",
    },
    "woonmere-no-branch": {"kvk": "41329178", "name": "Paul Offerman"},
    "eherkenning-no-kvk": {"name": "Zonder KvK"},
    "staff-mfa": {"email": "sanne.smit@gemeente.example.nl", "amr": ["pwd", "otp"]},
    "staff-pwd": {"email": "ruud.mulder@gemeente.example.nl", "amr": ["pwd"]},
}

# The environment variables provider.mjs reads its secrets from, per broker.
SECRET_VARIABLES = {broker: f"OIDC_TEST_{broker.upper()}_SECRET" for broker in BROKERS}
DEFAULT_SECRETS = {broker: f"{broker}-test-secret" for broker in BROKERS}


@dataclass(frozen=True)
class BrokerClient:
    """One client at the broker: what the portal's configuration for it holds."""

    issuer: str
    client_id: str
    secret: str

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    @property
    def allauth_settings(self) -> dict:
        """The settings of an allauth `openid_connect` SocialApp for this client: allauth
        reads the discovery document at server_url, sends PKCE (the broker requires it) and the
        secret in the request body (the method registered at the broker)."""
        return {
            "server_url": self.issuer,
            "oauth_pkce_enabled": True,
            "token_auth_method": "client_secret_post",
        }


@dataclass(frozen=True)
class TestBroker:
    __test__ = False  # not a test class, whatever pytest thinks of the name

    issuer: str
    secrets: dict[str, str]

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def client(self, broker: str, mode: str = "") -> BrokerClient:
        """`client("digid")`, or `client("digid", "wrong-key")` for a misbehaving one."""
        assert broker in BROKERS, broker
        assert not mode or mode in MODES, mode
        client_id = f"{broker}-{mode}" if mode else broker
        return BrokerClient(self.issuer, client_id, self.secrets[broker])


def _answers(issuer: str) -> bool:
    try:
        url = f"{issuer}/.well-known/openid-configuration"
        with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 (the broker, over http)
            return json.load(r)["issuer"] == issuer
    except (OSError, ValueError, KeyError):
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_broker(port: int, env: dict[str, str]) -> subprocess.Popen:
    """provider.mjs on 127.0.0.1:port, once `npm ci` has installed it (as services.sh does)."""
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js not found: the test broker needs it (apt-get install nodejs npm)")
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    log = tempfile.TemporaryFile()  # noqa: SIM115 (the process writes to it while it runs)
    process = subprocess.Popen(
        [node, str(HERE / "provider.mjs")],
        env={**os.environ, **env, "OIDC_TEST_HOST": "127.0.0.1", "OIDC_TEST_PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not _answers(issuer):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.seek(0)
            pytest.fail(f"the test broker did not start on {issuer}:\n{log.read().decode()}")
        time.sleep(0.1)
    return process


@pytest.fixture(scope="session")
def oidc_broker():
    """The running test broker: the one `make test` started, or one of this process's own."""
    issuer = os.environ.get("OIDC_TEST_ISSUER")
    if issuer:
        yield TestBroker(
            issuer,
            {b: os.environ.get(SECRET_VARIABLES[b], DEFAULT_SECRETS[b]) for b in BROKERS},
        )
        return
    own = {broker: secrets.token_urlsafe(24) for broker in BROKERS}
    port = free_port()
    process = start_broker(port, {SECRET_VARIABLES[b]: own[b] for b in BROKERS})
    try:
        yield TestBroker(f"http://127.0.0.1:{port}", own)
    finally:
        process.terminate()
        process.wait(timeout=10)


# The portal's button texts per kind of login (LoginMethod.label).
LABELS = {
    "digid": "Inloggen met DigiD",
    "eherkenning": "Inloggen met eHerkenning",
    "staff": "Inloggen als medewerker",
}


@pytest.fixture
def login_method(db, oidc_broker, monkeypatch):
    """Switch a way of logging in on in the portal, against the test broker:

        login_method("digid")                      the DigiD broker, behaving
        login_method("digid", "wrong-audience")    one of its misbehaving twins
        login_method("staff", second_factor_acr="")  any LoginMethod field as a keyword

    It makes (or changes) the LoginMethod row of that kind, switched on, and puts the
    broker's secret in the environment variable the portal reads it from. The claim names are
    the portal's defaults, which are the broker's (CLAIMS above). Returns the row."""
    from burgerkracht.accounts.models import LoginMethod

    def make(kind: str, mode: str = "", **fields) -> LoginMethod:
        client = oidc_broker.client(kind, mode)
        defaults = {
            "enabled": True,
            "label": LABELS[kind],
            "server_url": client.issuer,
            "client_id": client.client_id,
            # openid brings the BSN, KvK and level; profile and email the name and address.
            "scope": "openid profile email",
            **({"claim_organisation": CLAIMS["organisation"]} if kind == "eherkenning" else {}),
            **fields,
        }
        method, _ = LoginMethod.objects.update_or_create(kind=kind, defaults=defaults)
        monkeypatch.setenv(method.secret_variable, client.secret)
        return method

    return make


@pytest.fixture
def dead_broker_url() -> str:
    """The issuer of a broker that is down: a loopback port that nobody listens on."""
    return f"http://127.0.0.1:{free_port()}"


def choose_at_broker(page, person: str, level: str = "") -> None:
    """In Chromium (a Playwright page) on the broker's login page: choose the test person
    `person` (an id of USERS, e.g. "resident-basis"), for a DigiD person optionally at another
    `level` ("midden"), and press "Inloggen"."""
    page.locator(f"#user-{person}").check()
    if level:
        page.get_by_label("Betrouwbaarheidsniveau").select_option(level)
    page.get_by_role("button", name="Inloggen").click()


# --- logging in at the broker with plain HTTP ------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Form(html.parser.HTMLParser):
    """The first form of a page: its action, its radio buttons' values and the level that is
    selected (the one the portal asked for, as a browser would send it)."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.choices: list[str] = []
        self.level = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attrs.get("action")
        if tag == "input" and attrs.get("type") == "radio":
            self.choices.append(attrs.get("value") or "")
        if tag == "option" and "selected" in attrs:
            self.level = attrs.get("value") or ""


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def location(self) -> str:
        """Where a redirect goes, as an absolute URL ('' if it is none)."""
        location = self.headers.get("location", "")
        return urllib.parse.urljoin(self.url, location) if location else ""

    def json(self) -> dict:
        return json.loads(self.body)


class BrokerLogin:
    """A person's browser at the broker, without a browser: cookies kept, redirects not
    followed, so a test sees every hop (the portal's callback URL above all)."""

    def __init__(self, issuer: str) -> None:
        self.issuer = issuer
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(self, url: str, data: dict | None = None, headers: dict | None = None) -> Response:
        url = urllib.parse.urljoin(self.issuer + "/", url)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 (the broker or the portal, over http)
            url, data=body, headers=headers or {}
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                return Response(url, response.status, _lower(response.headers), response.read())
        except urllib.error.HTTPError as error:  # 3xx (not followed) and 4xx/5xx alike
            return Response(url, error.code, _lower(error.headers), error.read())

    def log_in(
        self, authorize_url: str, user: str | None = None, *, level: str = "", cancel: bool = False
    ) -> str:
        """Follow the authorization request to the choice page, choose `user` (a DigiD person
        at another `level` than their own, if given) or cancel, and return where the broker
        sends the browser back: the portal's callback URL with ?code=…&state=… (or ?error=…)."""
        response = self.request(authorize_url)
        for _ in range(10):
            location = response.location
            if response.status not in (302, 303) or not location:
                raise AssertionError(f"the broker answered {response.status}: {response.body!r}")
            if not location.startswith(self.issuer):
                return location  # back to the portal
            response = self.request(location)
            if response.status == 200:
                form = _Form()
                form.feed(response.body.decode())
                assert form.action, response.body
                if cancel:
                    response = self.request(form.action, {"cancel": "1"})
                else:
                    assert user in form.choices, f"{user} is not offered: {form.choices}"
                    chosen = {"user": user, "level": level or form.level}
                    response = self.request(form.action, chosen)
        raise AssertionError("too many redirects at the broker")


def _lower(headers) -> dict[str, str]:
    return {key.lower(): value for key, value in headers.items()}


def pkce_pair() -> tuple[str, str]:
    """A PKCE code verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
