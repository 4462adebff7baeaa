"""Logging in through the test broker (tests/oidc) with Django's test client."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.oidc.fixtures import (  # noqa: F401  (fixtures)
    BrokerLogin,
    dead_broker_url,
    oidc_broker,
)

LABELS = {
    "digid": "Inloggen met DigiD",
    "eherkenning": "Inloggen met eHerkenning",
    "staff": "Inloggen als medewerker",
}


@pytest.fixture
def login_method(db, oidc_broker, monkeypatch):  # noqa: F811 (the fixture above)
    """login_method("digid"), login_method("digid", "wrong-key"), or with LoginMethod fields:
    that way of logging in switched on against the test broker, its secret in the
    environment."""
    from burgerkracht.accounts.models import LoginMethod

    def make(kind: str, mode: str = "", **fields) -> LoginMethod:
        client = oidc_broker.client(kind, mode)
        defaults = {
            "enabled": True, "label": LABELS[kind], "server_url": client.issuer,
            "client_id": client.client_id, "scope": "openid profile email",
            **({"claim_organisation": "organisation_name"} if kind == "eherkenning" else {}),
            **fields,
        }  # fmt: skip
        method, _ = LoginMethod.objects.update_or_create(kind=kind, defaults=defaults)
        monkeypatch.setenv(method.secret_variable, client.secret)
        return method

    return make


# The test broker accepts allauth's callback on a loopback address with a port.
HOST = "127.0.0.1:8000"


@pytest.fixture
def client():
    return Client(HTTP_HOST=HOST)


class Portal:
    """A person's browser: the portal through Django's test client, the broker over HTTP."""

    def __init__(self, client: Client, issuer: str) -> None:
        self.client = client
        self.broker = BrokerLogin(issuer)

    def start(self, kind: str, **data) -> str:
        """Press the login button of `kind`; returns the broker's authorization URL."""
        response = self.client.post(f"/accounts/oidc/{kind}/login/", {"process": "login", **data})
        assert response.status_code == 302, response.content.decode()[:2000]
        return response["Location"]

    def at_broker(self, authorize_url: str, person: str) -> str:
        """Log in at the broker as `person`; returns the portal's callback path with query."""
        back = urlsplit(self.broker.log_in(authorize_url, person))
        return f"{back.path}?{back.query}"

    def log_in(self, kind: str, person: str, **data):
        """The whole round trip; returns the portal's answer to the callback."""
        return self.client.get(self.at_broker(self.start(kind, **data), person))


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


@pytest.fixture
def portal(client, oidc_broker):  # noqa: F811 (the fixture above)
    return Portal(client, oidc_broker.issuer)
