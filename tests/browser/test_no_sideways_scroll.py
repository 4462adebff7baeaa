"""No page scrolls sideways, at 1280, 375 or 320 px, for any role (targets.md A4), and every
page has 0 axe-core violations at 320 px (issue #24).

The pages are those of the permission matrix (tests/security/matrix*.py): for each role,
every URL that the matrix says a person with that role may open (status 200), plus the
object pages the matrix says the people tied to its objects may open (`own`, `subject`),
plus the data pages of the demo catalogue (tests/pages.py) with the demo login of that role,
and every report. A new URL pattern gets a matrix entry (test_permission_matrix fails
without one) and so is opened here too. Downloads (PDF, CSV, the agenda feed) and other
answers that are not HTML are left out.

The data is realistic: the demo data (`seed_demo`) with the matrix's world beside it. The
live server reads it from another thread, so it is committed: built once per module (and
per xdist worker), with a session for each viewer, before the first test. A test itself
writes nothing. Afterwards the module empties the database and puts back what the data
migrations made, as the tests after it expect. One browser page per role; the roles are
parameters, so xdist spreads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

import pytest
from axe_playwright_python.base import AxeResults
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from burgerkracht.accounts.roles import Role
from tests.browser.conftest import WCAG_TAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = (1280, 375, 320)
HEIGHT = 800
ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *Role.values]

# Which elements stick out past the right edge while their parent does not: the culprits.
# Returns null when the page is no wider than the window.
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = el.getBoundingClientRect().right;
    const parent = el.parentElement;
    if (right > width + 0.5 && parent && parent.getBoundingClientRect().right <= width + 0.5) {
      const text = (el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
      culprits.push(`${name(parent)} > ${name(el)} right=${Math.round(right)} "${text}"`);
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 6)};
}"""
AXE_RUN = """({tags}) => axe.run(document,
  {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""
# Two animation frames: the layout after a resize has settled.
SETTLE = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@dataclass
class Viewer:
    """A person, the paths they open, and their session (None: an anonymous visitor)."""

    who: str
    session: str | None
    paths: list[str] = field(default_factory=list)
    axe: set[str] = field(default_factory=set)  # the paths that axe checks


def _viewer(user) -> Viewer:
    if user is None:
        return Viewer(ANONYMOUS, None)
    client = Client()
    client.force_login(user)
    return Viewer(user.email, client.cookies[settings.SESSION_COOKIE_NAME].value)


@pytest.fixture(autouse=True)
def _roles():
    """Overrides the browser suite's fixture of that name: it asks for `transactional_db`,
    which would empty the database after each test. The module builds its data once."""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo data and the matrix world, committed; a live server on them. Afterwards the
    database is emptied, as a transactional test leaves it."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        try:
            viewers = _build()
        except BaseException:
            _empty()
            raise
    server = LiveServer("localhost:0")
    server._live_server_modified_settings.enable()
    yield server.url, viewers
    server._live_server_modified_settings.disable()
    server.stop()
    with django_db_blocker.unblock():
        _empty()


def _empty():
    """The database as the migrations left it: empty but for their data."""
    from django.contrib.contenttypes.models import ContentType

    from burgerkracht.core.models import Municipality
    from tests.processes import seed_reference_data

    call_command("flush", interactive=False, verbosity=0)  # puts back the content types
    ContentType.objects.clear_cache()
    Municipality.forget_current()
    seed_reference_data()


def _build() -> dict[str, list[Viewer]]:
    from tests.factories import UserFactory
    from tests.pages import REPORT_SLUGS
    from tests.processes import seed_reference_data
    from tests.security.conftest import build_world
    from tests.security.matrix import MATRIX

    seed_reference_data()
    world = build_world()
    urls = {name: reverse(name, kwargs=entry.url_kwargs(world)) for name, entry in MATRIX.items()}
    reports = [reverse("core:report", kwargs={"slug": slug}) for slug in REPORT_SLUGS]
    relations = sorted({rel for entry in MATRIX.values() for rel in (*entry.own, *entry.subject)})
    people = {relation: attrgetter(relation)(world) for relation in relations}

    def own_pages(relation):
        return [
            urls[name] for name, entry in MATRIX.items()
            if {**entry.own, **entry.subject}.get(relation) == 200
        ]  # fmt: skip

    viewers: dict[str, list[Viewer]] = {}
    axed: set[str] = set()
    for role in ROLES:
        # The first person tied to the world's objects with this role (the lead, the
        # facilitator, the ASD member...), or else a person with only the role, opens what
        # the matrix opens to the role, and the reports; each tied person their own pages.
        tied = [rel for rel in relations if role in people[rel].role_names]
        first = people[tied[0]] if tied else None
        if first is None and role != ANONYMOUS:
            first = UserFactory(role=role)
        role_viewers = [_viewer(first)]
        role_viewers[0].paths = [
            urls[name] for name, entry in MATRIX.items() if entry.expected[role] == 200
        ] + (reports if role != ANONYMOUS else [])
        for index, relation in enumerate(tied):
            viewer = role_viewers[0] if index == 0 else _viewer(people[relation])
            viewer.paths += own_pages(relation)
            if index:
                role_viewers.append(viewer)
        seen: set[str] = set()
        for viewer in role_viewers:
            viewer.paths = [path for path in dict.fromkeys(viewer.paths) if path not in seen]
            seen.update(viewer.paths)
            # axe once per page, as the first role that opens it (the chrome of every role
            # is checked on its first page)
            viewer.axe = {path for path in viewer.paths if path not in axed}
            axed |= viewer.axe
        role_viewers[0].axe.add(role_viewers[0].paths[0])
        viewers[role] = role_viewers
    return viewers


def _log_in(context, base_url, viewer: Viewer):
    context.clear_cookies()
    if viewer.session:
        context.add_cookies([
            {"name": settings.SESSION_COOKIE_NAME, "value": viewer.session, "url": base_url}
        ])  # fmt: skip


def _open(page, url):
    """The response of an HTML page, or None for a download or another kind of answer."""
    try:
        response = page.goto(url)
    except Exception as error:  # Chromium aborts the navigation of a download
        if "Download is starting" in str(error) or "ERR_ABORTED" in str(error):
            return None
        raise
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return None
    return response


def _check(page, who: str, path: str) -> list[str]:
    """The page at every width: no sideways scroll; at the last (320 px) axe finds nothing."""
    problems = []
    for width in WIDTHS:
        if width != WIDTHS[0]:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            page.evaluate(SETTLE)
        overflow = page.evaluate(OVERFLOW)
        if overflow:
            problems.append(f"{who} {path} at {width} px: {overflow}")
    return problems


def _axe(page, axe, who: str, path: str) -> list[str]:
    """axe-core as assert_accessible runs it; the script is already in the page (added to
    every page of the context), and only the violations come back: three times as fast."""
    results = AxeResults(page.evaluate(AXE_RUN, {"tags": WCAG_TAGS}))
    if results.violations_count:
        return [f"{who} {path} at {WIDTHS[-1]} px, axe:\n{results.generate_report()}"]
    return []


@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_and_axe_finds_nothing(role, site, browser, axe):
    base_url, viewers = site
    context = browser.new_context(
        locale="nl-NL",
        extra_http_headers={"Accept-Language": "nl-NL,nl;q=0.9"},
        viewport={"width": WIDTHS[0], "height": HEIGHT},
    )
    context.add_init_script(axe.axe_script)
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    checked = 0
    for viewer in viewers[role]:
        _log_in(context, base_url, viewer)
        for path in viewer.paths:
            page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
            response = _open(page, base_url + path)
            if response is None or response.status in (403, 404):
                continue
            if response.status != 200:
                problems.append(f"{viewer.who} {path}: status {response.status}")
                continue
            checked += 1
            problems += _check(page, viewer.who, path)
            if path in viewer.axe:
                problems += _axe(page, axe, viewer.who, path)
    context.close()

    assert checked >= (3 if role == ANONYMOUS else 10)
    assert problems == [], "\n".join(problems)
