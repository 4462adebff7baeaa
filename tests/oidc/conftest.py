"""The test broker's fixtures for its own tests (tests/oidc/fixtures.py)."""

from tests.oidc.fixtures import dead_broker_url, oidc_broker  # noqa: F401  (fixtures)
