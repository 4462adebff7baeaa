"""The data pages of the portal: every list, detail, dashboard and report page (target P1).

One `Page` per page and viewer: the URL name, the demo login who may see it (an e-mail of
`burgerkracht.seeding.demo.core.USERS`, or None for an anonymous visitor) and a function that finds
the page's object in the *current* database and returns the URL arguments. The lookups only
rely on what `manage.py seed_demo` makes, and always take the oldest match (the lowest pk), so
bulk rows added later (`seed_scale`, factories) never change which object a page shows.

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
from django.db.models import QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from burgerkracht.accounts.roles import Role
from burgerkracht.seeding.demo.core import USERS

# The demo login per role (the first one listed, e.g. facilitator@example.org).
LOGIN: dict[str, str] = {}
for _email, _name, _role, _neighbourhood in USERS:
    LOGIN.setdefault(_role, _email)

RESIDENT = LOGIN[Role.RESIDENT]
PROFESSIONAL = LOGIN[Role.PROFESSIONAL]
FACILITATOR = LOGIN[Role.FACILITATOR]
COORDINATOR = LOGIN[Role.FACILITATOR_COORDINATOR]
HOLDER = LOGIN[Role.BUDGET_DECISION_HOLDER]
ASD_MEMBER = LOGIN[Role.ASD_MEMBER]
BO_PLUS = LOGIN[Role.BO_PLUS_REPRESENTATIVE]
ASD_SECRETARY = LOGIN[Role.ASD_SECRETARY]
ADVICE_COORDINATOR = LOGIN[Role.ADVICE_COORDINATOR]
READ_ONLY = LOGIN[Role.READ_ONLY]
ADMINISTRATOR = LOGIN[Role.ADMINISTRATOR]
ANONYMOUS = None


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


def _first(queryset: QuerySet, what: str) -> Any:
    found = queryset.order_by("pk").first()
    if found is None:
        raise LookupError(f"no {what} in this database (run seed_demo first)")
    return found


def _user(email: str):
    from burgerkracht.accounts.models import User

    return User.objects.get(email=email)


def _waiting_change():
    from budget.models import BudgetChange

    return _first(BudgetChange.objects.filter(status="proposed"), "budget change to approve")


def _pk(find: Callable[[], Any]) -> Callable[[], dict[str, Any]]:
    return lambda: {"pk": find().pk}


# --- lookups: "an application in assessment facilitated by facilitator@example.org" ------------


def _initiatives():
    from initiatives.models import Initiative

    return Initiative.objects


def _active_initiative_led_by(email: str):
    return _first(
        _initiatives().filter(
            status="active",
            initiators__user__email=email,
            initiators__role="lead",
            initiators__left_at__isnull=True,
        ),
        f"active initiative led by {email}",
    )


def _active_initiative_facilitated_by(email: str):
    return _first(
        _initiatives().filter(status="active", facilitator__email=email),
        f"active initiative facilitated by {email}",
    )


def _published_initiative():
    return _first(_initiatives().published(), "published initiative")


def _stories():
    from initiatives.models import Story

    return Story.objects


def _published_story():
    return _first(_stories().filter(status="published"), "published story")


def _waiting_story():
    return _first(_stories().filter(status="submitted"), "story waiting for a look")


def _neighbourhood_of(email: str) -> dict[str, Any]:
    return {"slug": _user(email).neighbourhood.slug}


def _year_of_first_grant_in_neighbourhood_of(email: str) -> dict[str, Any]:
    """?jaar= of the wijk's first grant (the default year may hold none of its grants)."""
    grant = (
        _applications()
        .filter(award__isnull=False, neighbourhood=_user(email).neighbourhood)
        .select_related("fund")
        .order_by("pk")
        .first()
    )
    return {"jaar": grant.fund.starts_on.year} if grant else {}


def _applications():
    from budget.models import Application

    return Application.objects


def _application_facilitated(status: str, email: str = FACILITATOR):
    return _first(
        _applications().filter(status=status, initiative__facilitator__email=email),
        f"{status} application facilitated by {email}",
    )


def _application_led(status: str, email: str = RESIDENT):
    return _first(
        _applications().filter(
            status=status,
            initiative__initiators__user__email=email,
            initiative__initiators__role="lead",
            initiative__initiators__left_at__isnull=True,
        ),
        f"{status} application of an initiative led by {email}",
    )


def _application_held(status: str, email: str = HOLDER):
    return _first(
        _applications().filter(status=status, line__decision_holders__email=email),
        f"{status} application on a line held by {email}",
    )


def _evaluation(status: str, email: str = FACILITATOR):
    from budget.models import Evaluation

    return _first(
        Evaluation.objects.filter(status=status, application__initiative__facilitator__email=email),
        f"{status} evaluation facilitated by {email}",
    )


def _accountability(status: str, email: str = FACILITATOR):
    from budget.models import Accountability

    return _first(
        Accountability.objects.filter(
            status=status, application__initiative__facilitator__email=email
        ),
        f"{status} accountability facilitated by {email}",
    )


def _accountability_led(status: str, email: str = RESIDENT):
    from budget.models import Accountability

    return _first(
        Accountability.objects.filter(
            status=status,
            application__initiative__initiators__user__email=email,
            application__initiative__initiators__role="lead",
            application__initiative__initiators__left_at__isnull=True,
        ),
        f"{status} accountability of an initiative led by {email}",
    )


def _fund():
    from budget.models import Fund

    return _first(Fund.objects.filter(status="open"), "open fund")


def _decision(**filters):
    from burgerkracht.meetlat.models import Decision

    return _first(Decision.objects.filter(status="final", **filters), "final decision")


def _advice(status: str, **filters):
    from advice.models import Advice

    return _first(Advice.objects.filter(status=status, **filters), f"{status} advice")


def _public_advice():
    from advice.selectors import public_advices

    return _first(public_advices(), "public advice")


def _advice_request():
    from advice.models import AdviceRequest

    return _first(AdviceRequest.objects.all(), "advice request")


def _agenda():
    from advice.models import Agenda

    return _first(Agenda.objects.all(), "agenda")


def _promise():
    from advice.models import Promise

    return _first(Promise.objects.filter(status__in=("new", "on_track")), "open promise")


def _advice_signal():
    from advice.models import Signal

    return _first(Signal.objects.all(), "signal")


def _meeting():
    from advice.models import Meeting

    return _first(Meeting.objects.all(), "meeting")


def _payment_import_of(email: str):
    from budget.models import PaymentImport

    return _first(
        PaymentImport.objects.filter(created_by__email=email), f"confirmation file of {email}"
    )


def _factsheet_number() -> dict[str, Any]:
    from advice.models import FactsheetVersion

    return {"number": _first(FactsheetVersion.objects.all(), "factsheet version").number}


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
        kwargs=_pk(lambda: _payment_import_of(FACILITATOR)),
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
        _pk(_published_initiative),
    ),
    Page(
        "initiatives:public-neighbourhood",
        "initiatives:public-neighbourhood",
        ANONYMOUS,
        lambda: _neighbourhood_of(RESIDENT),
    ),
    Page(
        "initiatives:detail@lead",
        "initiatives:detail",
        RESIDENT,
        _pk(lambda: _active_initiative_led_by(RESIDENT)),
    ),
    Page(
        "initiatives:detail@facilitator",
        "initiatives:detail",
        FACILITATOR,
        _pk(lambda: _active_initiative_facilitated_by(FACILITATOR)),
    ),
    Page("initiatives:stories", "initiatives:stories", ANONYMOUS),
    Page(
        "initiatives:stories/search",
        "initiatives:stories",
        ANONYMOUS,
        why="a word and a wijk: the filtered union of stories and accountability stories",
        query=lambda: {"q": "buur", "wijk": _published_story().neighbourhood.slug},
    ),
    Page("initiatives:story", "initiatives:story", ANONYMOUS, _pk(_published_story)),
    Page("initiatives:my-stories", "initiatives:my-stories", RESIDENT),
    Page("initiatives:stories-review", "initiatives:stories-review", FACILITATOR),
    Page("initiatives:story-review", "initiatives:story-review", FACILITATOR, _pk(_waiting_story)),
    Page("initiatives:officials-list@facilitator", "initiatives:officials-list", FACILITATOR),
    Page("initiatives:officials-list@coordinator", "initiatives:officials-list", COORDINATOR),
    Page("initiatives:coordinator", "initiatives:coordinator", COORDINATOR),
    Page(
        "initiatives:reassign",
        "initiatives:reassign",
        COORDINATOR,
        why="a facilitator's dossiers with their running applications, as ticks",
        query=lambda: {"van": _user(FACILITATOR).pk},
    ),
    # budget: public
    Page("budget:samen-sterk", "budget:samen-sterk", ANONYMOUS),
    Page("budget:public-results", "budget:public-results", ANONYMOUS),
    Page(
        "budget:public-results-neighbourhood",
        "budget:public-results-neighbourhood",
        ANONYMOUS,
        lambda: _neighbourhood_of(RESIDENT),
        query=lambda: _year_of_first_grant_in_neighbourhood_of(RESIDENT),
    ),
    # budget: the ledger
    Page("budget:fund-list", "budget:fund-list", HOLDER),
    Page("budget:overview", "budget:overview", HOLDER, _pk(_fund)),
    Page("budget:integrity-log", "budget:integrity-log", HOLDER, _pk(_fund)),
    Page("budget:changes", "budget:changes", COORDINATOR),
    Page("budget:change", "budget:change", COORDINATOR, _pk(_waiting_change)),
    # budget: applications
    Page("budget:my-applications", "budget:my-applications", RESIDENT),
    Page(
        "budget:application@lead",
        "budget:application",
        RESIDENT,
        _pk(lambda: _application_led("granted")),
    ),
    Page(
        "budget:application@facilitator",
        "budget:application",
        FACILITATOR,
        _pk(lambda: _application_facilitated("in_assessment")),
        why="the assessor's view (P2)",
    ),
    Page(
        "budget:application@holder",
        "budget:application",
        HOLDER,
        _pk(lambda: _application_held("awaiting_decision")),
    ),
    Page(
        "budget:assess",
        "budget:assess",
        FACILITATOR,
        _pk(lambda: _application_facilitated("in_assessment")),
        why="the assessment form shows the whole application",
    ),
    Page(
        "budget:decide",
        "budget:decide",
        HOLDER,
        _pk(lambda: _application_held("awaiting_decision")),
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
        _pk(lambda: _evaluation("decided")),
    ),
    Page(
        "budget:accountability@facilitator",
        "budget:accountability",
        FACILITATOR,
        _pk(lambda: _accountability("submitted")),
    ),
    Page(
        "budget:accountability@lead",
        "budget:accountability",
        RESIDENT,
        _pk(lambda: _accountability_led("open")),
    ),
    # meetlat and decisions
    Page("meetlat:register", "meetlat:register", READ_ONLY),
    Page("meetlat:coverage", "meetlat:coverage", READ_ONLY),
    Page(
        "meetlat:decision-detail",
        "meetlat:decision-detail",
        READ_ONLY,
        _pk(lambda: _decision(kind="policy")),  # read-only staff read policy decisions (#23)
    ),
    Page(
        "meetlat:public-detail",
        "meetlat:public-detail",
        ANONYMOUS,
        _pk(lambda: _decision(is_public=True)),
    ),
    # the advice register: public
    Page("advice:public-list", "advice:public-list", ANONYMOUS),
    Page("advice:public-detail", "advice:public-detail", ANONYMOUS, _pk(_public_advice)),
    Page("advice:public-feed", "advice:public-feed", ANONYMOUS, why="Atom feed (Woo)"),
    Page("advice:factsheet", "advice:factsheet", ANONYMOUS),
    Page("advice:factsheet-version", "advice:factsheet-version", ANONYMOUS, _factsheet_number),
    # the advice register: internal
    Page("advice:register@coordinator", "advice:register", ADVICE_COORDINATOR),
    Page("advice:register@asd-member", "advice:register", ASD_MEMBER),
    Page(
        "advice:advice-detail",
        "advice:advice-detail",
        ADVICE_COORDINATOR,
        _pk(lambda: _advice("answered")),
    ),
    Page(
        "advice:answer",
        "advice:answer",
        ADVICE_COORDINATOR,
        _pk(lambda: _advice("answered")),
        why="the answer per recommendation",
    ),
    Page(
        "advice:evaluation",
        "advice:evaluation",
        ADVICE_COORDINATOR,
        _pk(lambda: _advice("answered")),
        why="a verdict per promise",
    ),
    Page(
        "advice:request-detail", "advice:request-detail", ADVICE_COORDINATOR, _pk(_advice_request)
    ),
    Page("advice:promises", "advice:promises", ADVICE_COORDINATOR),
    Page("advice:promise-detail", "advice:promise-detail", ADVICE_COORDINATOR, _pk(_promise)),
    Page("advice:agendas", "advice:agendas", ADVICE_COORDINATOR),
    Page(
        "advice:agenda-detail",
        "advice:agenda-detail",
        ADVICE_COORDINATOR,
        _pk(_agenda),
        why="progress per phase and status, and the topics",
    ),
    Page(
        "advice:agenda-detail@asd_member",
        "advice:agenda-detail",
        ASD_MEMBER,
        _pk(_agenda),
        why="a member of the working group that handed the agenda in (ViP)",
    ),
    Page("advice:bodies", "advice:bodies", ADVICE_COORDINATOR),
    Page("advice:body-detail", "advice:body-detail", ADVICE_COORDINATOR, lambda: {"slug": "asd"}),
    Page("advice:signals", "advice:signals", ADVICE_COORDINATOR),
    Page("advice:signal-detail", "advice:signal-detail", ADVICE_COORDINATOR, _pk(_advice_signal)),
    Page("advice:obstacles", "advice:obstacles", ADVICE_COORDINATOR),
    Page("advice:meetings", "advice:meetings", ADVICE_COORDINATOR),
    Page("advice:meeting-detail", "advice:meeting-detail", ADVICE_COORDINATOR, _pk(_meeting)),
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
        client.force_login(_user(page.login))
    path = page.path()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)
