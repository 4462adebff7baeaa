"""Browser tests: Playwright driving Debian's Chromium against the live server, with axe-core.

No browser is downloaded: Playwright launches /usr/bin/chromium (CHROMIUM_PATH to change).
"""

import hashlib
import os
import shutil

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# ordinary synchronous calls and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# axe-core rule tags for WCAG 2.1 AA and 2.2 AA (targets.md A1).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.browser


# Module scope, not session: while Playwright's sync API is active its event loop owns this
# thread, and Django's async views (the health check) cannot be called from other tests.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1024, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    page.close()


@pytest.fixture
def login(context, live_server):
    """Log `user` in by giving the browser a real session cookie for them."""

    def _login(user):
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return user

    return _login


@pytest.fixture(scope="session")
def axe():
    return Axe()


# axe-core as the tests run it: only the violations come back. The default result also
# lists every rule that passed or did not apply, with each element it looked at: most of
# the time of a check went into building and sending that.
AXE_RUN = """({tags}) => axe.run(document,
  {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""
# The document as axe sees it, for recognising one already checked: its markup with what
# was typed, ticked or chosen in each field, the window's size and scroll position. The
# values of hidden inputs (the CSRF token, the language switch's return address) are left
# out: nothing shows them and no axe rule reads them.
DOCUMENT = """() => {
  const fields = 'input, textarea, select';
  const live = document.querySelectorAll(fields);
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll(fields).forEach((field, i) => {
    if (field.type === 'hidden') { field.removeAttribute('value'); return; }
    const state = [live[i].value, live[i].checked, live[i].selectedIndex];
    field.setAttribute('data-axe-state', JSON.stringify(state));
  });
  return JSON.stringify([innerWidth, innerHeight, scrollX, scrollY, copy.outerHTML]);
}"""


def _digest(document: str) -> bytes:
    return hashlib.sha256(document.encode()).digest()


@pytest.fixture(scope="session")
def _checked_documents() -> set[bytes]:
    """The documents (their DOCUMENT's digest) on which axe found nothing, in this process."""
    return set()


@pytest.fixture
def assert_accessible(axe, _checked_documents):
    def _run(page):
        # Once per document: a page that checks twice without navigating keeps its axe.
        if not page.evaluate("() => typeof window.axe?.run === 'function'"):
            page.evaluate(axe.axe_script)
        return AxeResults(page.evaluate(AXE_RUN, {"tags": WCAG_TAGS}))

    def _check(page, label=""):
        # A click that navigates returns before the new document exists; axe needs it.
        page.wait_for_load_state("load")
        try:
            document = _digest(page.evaluate(DOCUMENT))
            # axe's verdict depends on the document, its styles and the window size only: an
            # identical document (every refused page of one person is the same "no access"
            # page) was passed already.
            if document in _checked_documents:
                return
            results = _run(page)
        except PlaywrightError as error:
            if "documentElement" not in str(error) and "context was destroyed" not in str(error):
                raise
            # The navigation committed while axe started: run it on the new document.
            page.wait_for_load_state("load")
            document = _digest(page.evaluate(DOCUMENT))
            results = _run(page)
        assert results.violations_count == 0, f"{label} {page.url}\n{results.generate_report()}"
        _checked_documents.add(document)

    return _check


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    """Transactional tests truncate every table, the role groups of the data migration too."""
    from django.contrib.auth.models import Group

    from burgerkracht.accounts.roles import Role

    for role in Role.values:
        Group.objects.get_or_create(name=role)


@pytest.fixture
def meetlat_v1(transactional_db):
    """Transactional tests truncate the Meetlat of the data migration: load it again."""
    from django.utils import timezone

    from burgerkracht.meetlat import canonical
    from burgerkracht.meetlat.models import MeetlatVersion, Principle

    version, created = MeetlatVersion.objects.get_or_create(
        number=1,
        defaults={"title": canonical.TITLE, "subtitle": canonical.SUBTITLE,
                  "published_at": timezone.now()},
    )  # fmt: skip
    if created:
        for number, heading, explanation in canonical.PRINCIPLES:
            Principle.objects.create(
                version=version, number=number, heading=heading, explanation=explanation
            )
    return version


@pytest.fixture(params=["js", "no-js"])
def browser_page(request, browser, live_server, assert_accessible):
    """A whole flow runs twice: with JavaScript (checked by axe, which needs it) and without.
    Yields (page, login_as(user), check(label))."""
    javascript = request.param == "js"
    context = browser.new_context(java_script_enabled=javascript, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)

    def login_as(user):
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        context.clear_cookies()
        context.add_cookies([{
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }])  # fmt: skip

    def check(label):
        if javascript:
            assert_accessible(page, label)

    yield page, login_as, check
    context.close()
