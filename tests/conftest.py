import os

import pytest
from django.conf import settings as django_settings

from burgerkracht.core.models import Municipality
from tests.factories import UserFactory
from tests.figures import _fuzz_requests, figure, pytest_terminal_summary  # noqa: F401  (hooks)
from tests.order import pytest_collection_modifyitems  # noqa: F401  (hook: long tests first)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each worker's test database is a copy of a migrated one when `make test` made one
    (tests/harness/suite.sh: `migrate` once, beside the lint steps): `CREATE DATABASE … TEMPLATE`
    instead of every migration in every worker. Django's `migrate` then finds nothing to apply.
    Without it (a targeted run) each test database is migrated as before."""
    template = os.environ.get("BURGERKRACHT_TEST_TEMPLATE")
    if template:
        django_settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = template


@pytest.fixture(autouse=True)
def _mail_through_outbox(settings):
    """Django's test setup swaps in the locmem backend; production uses the outbox. So do we.

    Delivery goes to locmem (mail.outbox) via OUTBOX_DELIVERY_BACKEND.
    """
    settings.EMAIL_BACKEND = "burgerkracht.core.messaging.outbox.OutboxBackend"


@pytest.fixture(autouse=True)
def _english_off(settings):
    settings.LANGUAGE_CODE = django_settings.LANGUAGE_CODE


@pytest.fixture(scope="session", autouse=True)
def _municipality_kept_an_hour():
    """Municipality.current() is kept an hour during the tests, not a minute: a slow test on a
    loaded machine must not see it expire between two requests whose queries it compares.
    Session-wide, so a module's fixture that measures pages (tests/test_query_counts.py)
    runs with it too; a per-test monkeypatch starts only after the module fixtures."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("burgerkracht.core.models.MUNICIPALITY_CACHE_SECONDS", 3600)
        yield


@pytest.fixture(autouse=True)
def _fresh_municipality(request):
    """Municipality.current() is kept per process: a test's rolled-back or flushed rows must
    not reach the next test through it. A database test starts with it loaded, as a real
    visitor's earlier requests would have loaded it, so comparing the queries of a first and
    a second request compares the pages, not the warm-up."""
    Municipality.forget_current()
    if request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")
        Municipality.current()
    yield
    Municipality.forget_current()


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def resident(db):
    return UserFactory(role="resident")
