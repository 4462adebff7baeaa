"""Journeys: a person's whole task across pages, in Dutch, on the real stack.

pytest-django's live server on the test PostgreSQL (transactional), a real Celery worker
(tests/processes.py) on a Redis of its own that the live server publishes to, and Debian's
Chromium through Playwright (tests/browser/conftest.py's browser) with a Dutch locale. People
log in through the real allauth form; staff type the current code of their TOTP device
(steps_common.py).

One journey per module: the browser is module-scoped, the worker lives for the one test.
"""

import os

import pytest

from tests.browser.conftest import (  # noqa: F401  (fixtures)
    _checked_documents,
    assert_accessible,
    axe,
    browser,
)
from tests.journeys.steps_common import HEIGHT, WIDTH
from tests.oidc.fixtures import login_method, oidc_broker  # noqa: F401  (fixtures)
from tests.processes import (  # noqa: F401  (fixtures)
    celery_worker_process,
    redis_server,
    reference_data,
    smtp_sink,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def stack(reference_data, live_server, redis_server, celery_worker_process):  # noqa: F811
    """The live server's Celery app publishes to the worker's Redis instead of running tasks
    in the test process: mail, letters and reports are the worker's work, as with `make run`."""
    from burgerkracht.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}

    def use(**conf):
        app.conf.update(**conf)
        # The broker connection pools are made once per process for the URL of that moment.
        app._pool = None
        app.amqp._producer_pool = None

    use(task_always_eager=False, broker_url=redis_server.url)
    yield live_server
    use(**saved)


@pytest.fixture
def page(request, browser, stack):  # noqa: F811
    """A Dutch browser: nl-NL locale and Accept-Language. A failed journey prints the page it
    stopped on."""
    failed = request.session.testsfailed
    context = browser.new_context(
        locale="nl-NL",
        extra_http_headers={"Accept-Language": "nl-NL,nl;q=0.9"},
        viewport={"width": WIDTH, "height": HEIGHT},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    if request.session.testsfailed > failed:
        text = page.locator("body").inner_text()[:3000]
        request.node.add_report_section("teardown", "page", f"stopped on {page.url}:\n{text}")
    context.close()
