"""The data pages of the portal: every list, detail, dashboard and report page (target P1).

One `Page` per page and viewer: the URL name, the demo login who may see it (an e-mail of
`burgerkracht.seeding.demo.core.USERS`, or None for an anonymous visitor) and a function that finds
the page's object in the *current* database and returns the URL arguments (the lookups are in
tests/page_lookups.py, the demo login per role in tests/page_logins.py).

`make test` (tests/test_query_counts.py) and `make bench` both import this catalogue;
`measure(page)` gets a page once to warm the per-process caches, then once more counting its
queries. A URL pattern of our apps that has no entry here fails the suite, unless it is in
`NOT_DATA_PAGES` of tests/test_query_counts.py with the reason (a form, a download...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from burgerkracht.seeding.demo.core import USERS
from tests.page_logins import (
    ADMINISTRATOR,
    ADVICE_COORDINATOR,
    ANONYMOUS,
    ASD_MEMBER,
    ASD_SECRETARY,
    BO_PLUS,
    COORDINATOR,
    FACILITATOR,
    HOLDER,
    LOGIN,
    READ_ONLY,
    RESIDENT,
)
from tests.page_lookups import (
    accountability,
    accountability_led,
    active_initiative_facilitated_by,
    active_initiative_led_by,
    advice,
    advice_request,
    advice_signal,
    agenda,
    application_facilitated,
    application_held,
    application_led,
    decision,
    evaluation,
    factsheet_number,
    fund,
    meeting,
    neighbourhood_of,
    open_support_request,
    payment_import_of,
    pk,
    promise,
    public_advice,
    published_initiative,
    published_lesson,
    published_story,
    user,
    waiting_change,
    waiting_story,
    year_of_first_grant_in_neighbourhood_of,
)


@dataclass(frozen=True)
class Page:
    """`key` is unique: the URL name, with "@role" or "/slug" when one URL has several pages."""

    key: str
    url_name: str
    login: str | None
    kwargs: Callable[[], dict[str, Any]] = field(default=dict, repr=False)
    why: str = ""
    query: Callable[[], dict[str, Any]] = field(default=dict, repr=False)

    def path(self) -> str:
        query = self.query()
        path = reverse(self.url_name, kwargs=self.kwargs())
        return f"{path}?{urlencode(query)}" if query else path


# --- the catalogue -------------------------------------------------------------------------------

# The reports of /rapportages/<slug>/ (test_query_counts checks this against the registry).
REPORT_SLUGS = (
    "advice",
    "budget",
    "continuity",
    "meetlat",
    "reach",
    "representation",
    "samen-sterk",
    "support-lead-times",
)

DASHBOARD_USERS = [
    email for email, _name, _role, _neighbourhood in USERS if email in LOGIN.values()
]

PAGES: list[Page] = [
    # core
    Page("core:home", "core:home", ANONYMOUS),
    *(Page(f"core:dashboard@{email}", "core:dashboard", email) for email in DASHBOARD_USERS),
    Page("core:calendar@resident", "core:calendar", RESIDENT),
    Page("core:calendar@facilitator", "core:calendar", FACILITATOR),
    Page("core:calendar@advice-coordinator", "core:calendar", ADVICE_COORDINATOR),
    Page("core:calendar@decision-holder", "core:calendar", HOLDER),
    Page("core:calendar@asd-secretary", "core:calendar", ASD_SECRETARY),
    Page("core:calendar@asd-member", "core:calendar", ASD_MEMBER),
    Page("core:calendar@bo-plus", "core:calendar", BO_PLUS),
    Page("core:calendar@read-only", "core:calendar", READ_ONLY),
    Page("core:tasks@facilitator", "core:tasks", FACILITATOR),
    Page("core:tasks@decision-holder", "core:tasks", HOLDER),
    Page("core:tasks@advice-coordinator", "core:tasks", ADVICE_COORDINATOR),
    Page("core:tasks@administrator", "core:tasks", ADMINISTRATOR),
    Page("core:reports", "core:reports", READ_ONLY),
    *(
        Page(f"core:report/{slug}", "core:report", READ_ONLY, lambda slug=slug: {"slug": slug})
        for slug in REPORT_SLUGS
    ),
    Page("core:annual-report", "core:annual-report", READ_ONLY),
    Page("core:post-queue@facilitator", "core:post-queue", FACILITATOR),
    Page("core:post-queue@coordinator", "core:post-queue", COORDINATOR),
    Page(
        "core:post-queue@coordinator/posted",
        "core:post-queue",
        COORDINATOR,
        query=lambda: {"status": "posted"},
    ),
    # budget: payment orders and the bank's confirmations (SC-12)
    Page("budget:payment-orders@facilitator", "budget:payment-orders", FACILITATOR),
    Page("budget:payment-orders@coordinator", "budget:payment-orders", COORDINATOR),
    Page("budget:payment-orders@decision-holder", "budget:payment-orders", HOLDER),
    Page(
        "budget:payment-import-preview@facilitator",
        "budget:payment-import-preview",
        FACILITATOR,
        kwargs=pk(lambda: payment_import_of(FACILITATOR)),
    ),
    # accounts
    Page("accounts:profile@resident", "accounts:profile", RESIDENT),
    Page("accounts:profile@facilitator", "accounts:profile", FACILITATOR),
    # initiatives
    Page("initiatives:public-list", "initiatives:public-list", ANONYMOUS),
    Page(
        "initiatives:public-detail",
        "initiatives:public-detail",
        ANONYMOUS,
        pk(published_initiative),
    ),
    Page(
        "initiatives:public-neighbourhood",
        "initiatives:public-neighbourhood",
        ANONYMOUS,
        lambda: neighbourhood_of(RESIDENT),
    ),
    Page(
        "initiatives:detail@lead",
        "initiatives:detail",
        RESIDENT,
        pk(lambda: active_initiative_led_by(RESIDENT)),
    ),
    Page(
        "initiatives:detail@facilitator",
        "initiatives:detail",
        FACILITATOR,
        pk(lambda: active_initiative_facilitated_by(FACILITATOR)),
    ),
    Page("initiatives:stories", "initiatives:stories", ANONYMOUS),
    Page(
        "initiatives:stories/search",
        "initiatives:stories",
        ANONYMOUS,
        why="a word and a wijk: the filtered union of stories and accountability stories",
        query=lambda: {"q": "buur", "wijk": published_story().neighbourhood.slug},
    ),
    Page("initiatives:story", "initiatives:story", ANONYMOUS, pk(published_story)),
    Page("initiatives:my-stories", "initiatives:my-stories", RESIDENT),
    Page("initiatives:stories-review", "initiatives:stories-review", FACILITATOR),
    Page("initiatives:story-review", "initiatives:story-review", FACILITATOR, pk(waiting_story)),
    Page("initiatives:lessons", "initiatives:lessons", ANONYMOUS),
    Page(
        "initiatives:lessons/search",
        "initiatives:lessons",
        ANONYMOUS,
        why="a word, a theme and a wijk",
        query=lambda: {"q": "buren", "theme": published_lesson().theme},
    ),
    Page("initiatives:lesson", "initiatives:lesson", ANONYMOUS, pk(published_lesson)),
    Page("initiatives:lesson@facilitator", "initiatives:lesson", FACILITATOR, pk(published_lesson)),
    Page("initiatives:lessons-officials", "initiatives:lessons-officials", FACILITATOR),
    Page(
        "initiatives:lessons-officials/search",
        "initiatives:lessons-officials",
        COORDINATOR,
        why="the officials' search: a word, a theme and a status",
        query=lambda: {"q": "buren", "theme": published_lesson().theme, "status": "published"},
    ),
    Page("initiatives:officials-list@facilitator", "initiatives:officials-list", FACILITATOR),
    Page("initiatives:officials-list@coordinator", "initiatives:officials-list", COORDINATOR),
    Page("initiatives:coordinator", "initiatives:coordinator", COORDINATOR),
    Page(
        "initiatives:support",
        "initiatives:support",
        FACILITATOR,
        pk(open_support_request),
        why="a support request with its hand-offs and days (SC-07)",
    ),
    Page("initiatives:support-open@facilitator", "initiatives:support-open", FACILITATOR),
    Page("initiatives:support-open@coordinator", "initiatives:support-open", COORDINATOR),
    Page(
        "initiatives:reassign",
        "initiatives:reassign",
        COORDINATOR,
        why="a facilitator's dossiers with their running applications, as ticks",
        query=lambda: {"van": user(FACILITATOR).pk},
    ),
    # budget: public
    Page("budget:samen-sterk", "budget:samen-sterk", ANONYMOUS),
    Page("budget:public-results", "budget:public-results", ANONYMOUS),
    Page(
        "budget:public-results-neighbourhood",
        "budget:public-results-neighbourhood",
        ANONYMOUS,
        lambda: neighbourhood_of(RESIDENT),
        query=lambda: year_of_first_grant_in_neighbourhood_of(RESIDENT),
    ),
    # budget: the ledger
    Page("budget:fund-list", "budget:fund-list", HOLDER),
    Page("budget:overview", "budget:overview", HOLDER, pk(fund)),
    Page("budget:integrity-log", "budget:integrity-log", HOLDER, pk(fund)),
    Page("budget:changes", "budget:changes", COORDINATOR),
    Page("budget:change", "budget:change", COORDINATOR, pk(waiting_change)),
    # budget: applications
    Page("budget:my-applications", "budget:my-applications", RESIDENT),
    Page(
        "budget:application@lead",
        "budget:application",
        RESIDENT,
        pk(lambda: application_led("granted")),
    ),
    Page(
        "budget:application@facilitator",
        "budget:application",
        FACILITATOR,
        pk(lambda: application_facilitated("in_assessment")),
        why="the assessor's view (P2)",
    ),
    Page(
        "budget:application@holder",
        "budget:application",
        HOLDER,
        pk(lambda: application_held("awaiting_decision")),
    ),
    Page(
        "budget:assess",
        "budget:assess",
        FACILITATOR,
        pk(lambda: application_facilitated("in_assessment")),
        why="the assessment form shows the whole application",
    ),
    Page(
        "budget:decide",
        "budget:decide",
        HOLDER,
        pk(lambda: application_held("awaiting_decision")),
        why="the decision form shows the whole application and its assessment",
    ),
    Page("budget:queue@facilitator", "budget:queue", FACILITATOR),
    Page("budget:queue@coordinator", "budget:queue", COORDINATOR),
    Page("budget:queue@holder", "budget:queue", HOLDER),
    # budget: after the grant
    Page("budget:follow-up", "budget:follow-up", FACILITATOR),
    Page(
        "budget:evaluation",
        "budget:evaluation",
        FACILITATOR,
        pk(lambda: evaluation("decided")),
    ),
    Page(
        "budget:accountability@facilitator",
        "budget:accountability",
        FACILITATOR,
        pk(lambda: accountability("submitted")),
    ),
    Page(
        "budget:accountability@lead",
        "budget:accountability",
        RESIDENT,
        pk(lambda: accountability_led("open")),
    ),
    # meetlat and decisions
    Page("meetlat:register", "meetlat:register", READ_ONLY),
    Page("meetlat:coverage", "meetlat:coverage", READ_ONLY),
    Page(
        "meetlat:decision-detail",
        "meetlat:decision-detail",
        READ_ONLY,
        pk(lambda: decision(kind="policy")),  # read-only staff read policy decisions (#23)
    ),
    Page(
        "meetlat:public-detail",
        "meetlat:public-detail",
        ANONYMOUS,
        pk(lambda: decision(is_public=True)),
    ),
    # the advice register: public
    Page("advice:public-list", "advice:public-list", ANONYMOUS),
    Page("advice:public-detail", "advice:public-detail", ANONYMOUS, pk(public_advice)),
    Page("advice:public-feed", "advice:public-feed", ANONYMOUS, why="Atom feed (Woo)"),
    Page("advice:factsheet", "advice:factsheet", ANONYMOUS),
    Page("advice:factsheet-version", "advice:factsheet-version", ANONYMOUS, factsheet_number),
    # the advice register: internal
    Page("advice:register@coordinator", "advice:register", ADVICE_COORDINATOR),
    Page("advice:register@asd-member", "advice:register", ASD_MEMBER),
    Page(
        "advice:advice-detail",
        "advice:advice-detail",
        ADVICE_COORDINATOR,
        pk(lambda: advice("answered")),
    ),
    Page(
        "advice:answer",
        "advice:answer",
        ADVICE_COORDINATOR,
        pk(lambda: advice("answered")),
        why="the answer per recommendation",
    ),
    Page(
        "advice:evaluation",
        "advice:evaluation",
        ADVICE_COORDINATOR,
        pk(lambda: advice("answered")),
        why="a verdict per promise",
    ),
    Page("advice:request-detail", "advice:request-detail", ADVICE_COORDINATOR, pk(advice_request)),
    Page("advice:promises", "advice:promises", ADVICE_COORDINATOR),
    Page("advice:promise-detail", "advice:promise-detail", ADVICE_COORDINATOR, pk(promise)),
    Page("advice:agendas", "advice:agendas", ADVICE_COORDINATOR),
    Page(
        "advice:agenda-detail",
        "advice:agenda-detail",
        ADVICE_COORDINATOR,
        pk(agenda),
        why="progress per phase and status, and the topics",
    ),
    Page(
        "advice:agenda-detail@asd_member",
        "advice:agenda-detail",
        ASD_MEMBER,
        pk(agenda),
        why="a member of the working group that handed the agenda in (ViP)",
    ),
    Page("advice:bodies", "advice:bodies", ADVICE_COORDINATOR),
    Page("advice:body-detail", "advice:body-detail", ADVICE_COORDINATOR, lambda: {"slug": "asd"}),
    Page("advice:signals", "advice:signals", ADVICE_COORDINATOR),
    Page("advice:signal-detail", "advice:signal-detail", ADVICE_COORDINATOR, pk(advice_signal)),
    Page("advice:obstacles", "advice:obstacles", ADVICE_COORDINATOR),
    Page("advice:meetings", "advice:meetings", ADVICE_COORDINATOR),
    Page("advice:meeting-detail", "advice:meeting-detail", ADVICE_COORDINATOR, pk(meeting)),
]

CATALOGUE: dict[str, Page] = {page.key: page for page in PAGES}


def measure(page: Page, client: Client | None = None) -> tuple[int, int]:
    """(status, number of queries) of one GET of `page`, as its login, after a warm-up GET.

    Logging in is `force_login`: the demo staff have a TOTP device (seed_demo), which is all
    the staff MFA rule asks (StaffMfaRequiredMiddleware), as in the permission-matrix tests.
    The warm-up fills the per-process caches (municipality, content types, translations) and
    the session, which a real visitor's earlier requests would have filled."""
    client = client or Client()
    if page.login is None:
        client.logout()
    else:
        client.force_login(user(page.login))
    path = page.path()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)
