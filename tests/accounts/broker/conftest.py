"""Logging in through the test broker (tests/oidc) with Django's test client."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.oidc.fixtures import (  # noqa: F401  (fixtures)
    BrokerLogin,
    dead_broker_url,
    login_method,
    oidc_broker,
)

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
