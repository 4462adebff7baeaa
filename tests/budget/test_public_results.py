"""The public results pages (issue #8): every figure against one computed here from the
factory data, nothing personal or unpublished in the HTML, and the same number of queries at
10 and at 10,000 rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budget import public_selectors, services
from budget.enums import AccountabilityStatus, ApplicationStatus, Continuation, OutOfPurpose
from budget.models import Accountability, Application, Award, BudgetLine, LineType
from burgerkracht.core.models import Municipality
from initiatives.enums import InitiativeStatus
from initiatives.models import Initiative, Update
from tests.budget.followup_helpers import decided, fill_in, grant
from tests.factories import (
    InitiativeFactory,
    NeighbourhoodFactory,
    UpdateFactory,
    UserFactory,
    application_in,
    decide,
)
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

D = Decimal
S = ApplicationStatus
YEAR = 2027  # the factories' funds run in 2027
MAX_QUERIES = 12
PAGES = ["budget:public-results", "budget:public-results-neighbourhood", "budget:samen-sterk"]


def _grant(neighbourhood, *, published=True, extra=None, result=None, settle=False, story="",
           story_public=False):  # fmt: skip
    """A published € 500 grant in `neighbourhood`, taken as far as asked; the initiative is shown
    publicly only when `published`."""
    application, holder, facilitator = grant()
    Application.objects.filter(pk=application.pk).update(neighbourhood=neighbourhood)
    Initiative.objects.filter(pk=application.initiative_id).update(
        status=InitiativeStatus.ACTIVE, status_changed_at=timezone.now(),
        publication_consent=published,
    )  # fmt: skip
    if neighbourhood is not None:
        Initiative.objects.get(pk=application.initiative_id).neighbourhoods.add(neighbourhood)
    if extra:
        decided(application, holder, facilitator, Continuation.EXTRA_PUSH, extra_amount=D(extra))
    if result:
        accountability = fill_in(application, result=result)
        services.save_accountability_step(
            accountability=accountability, by=application.initiative.created_by, step=4,
            data={"story": story, "story_public": story_public, "next_step": "independent",
                  "lessons": "LESSON-INTERNAL"},
        )  # fmt: skip
        services.submit_accountability(
            accountability=accountability, by=application.initiative.created_by
        )
        if settle:
            services.settle_accountability(
                accountability=accountability, by=facilitator, note="NOTE-INTERNAL settle"
            )
    return Application.objects.select_related("award", "initiative", "line__fund").get(
        pk=application.pk
    )


@pytest.fixture(scope="module")
def _data(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end; each
    test runs in a savepoint inside it (tests/module_data.py)."""
    yield from built_once(django_db_blocker, _build)


@pytest.fixture
def data(_data, db):
    return _data


def _build():
    neighbourhood_a = NeighbourhoodFactory(name="Bloemwijk")
    neighbourhood_b = NeighbourhoodFactory(name="Waterwijk")
    g1 = _grant(neighbourhood_a, result="yes", settle=True, story="STORY-SHOWN", story_public=True)
    UpdateFactory(initiative=g1.initiative, kind="result", text="RESULT-UPDATE-G1")
    UpdateFactory(initiative=g1.initiative, kind="obstacle", text="OBSTACLE-HIDDEN")
    g2 = _grant(neighbourhood_a, extra="200.00")
    g3 = _grant(neighbourhood_b, published=False, result="partly", settle=True,
                story="STORY-OF-HIDDEN-INITIATIVE", story_public=True)  # fmt: skip
    Initiative.objects.filter(pk=g3.initiative_id).update(title="HIDDEN-INITIATIVE")
    g4 = _grant(None, result="no", story="STORY-WITHOUT-CONSENT", story_public=False)
    # Not counted: a decision still in draft, a rejection.
    awaiting = application_in(S.AWAITING_DECISION)
    decide(awaiting, awaiting.line.decision_holders.first(), amount="650.00")
    Application.objects.filter(pk=awaiting.pk).update(neighbourhood=neighbourhood_a)
    Initiative.objects.filter(pk=awaiting.initiative_id).update(title="UNDECIDED-INITIATIVE")
    rejected = application_in(S.REJECTED, outcome="rejected")
    Application.objects.filter(pk=rejected.pk).update(neighbourhood=neighbourhood_a)
    # A draft initiative in the wijk, with consent ticked: still not shown.
    draft = InitiativeFactory(title="DRAFT-INITIATIVE")
    draft.neighbourhoods.add(neighbourhood_a)
    # Another published initiative of the wijk, without money.
    other = InitiativeFactory(title="OTHER-INITIATIVE", active=True)
    other.neighbourhoods.add(neighbourhood_a)
    # A fund still being prepared: its year is not offered.
    admin_user = UserFactory(role="administrator")
    services.create_fund(
        by=admin_user, name="Samen Sterk 2031", starts_on=date(2031, 1, 1),
        ends_on=date(2031, 12, 31),
    )  # fmt: skip
    # SC-16: € 1 of g1's line leaves Samen Sterk; the page says so, never who or why.
    proposer = UserFactory(role="administrator", full_name="Olga Officier",
                           email="olga.officier@example.org")  # fmt: skip
    approver = UserFactory(role="facilitator_coordinator", full_name="Karel Keurder",
                           email="karel.keurder@example.org")  # fmt: skip
    services.move_out_of_purpose(
        by=proposer, approved_by=approver, line=g1.line, amount=Decimal("1.00"),
        destination=OutOfPurpose.OTHER_SCHEME, destination_detail="Armoedefonds",
        reason="REASON-INTERNAL-CUT",
    )  # fmt: skip
    return {
        "a": neighbourhood_a, "b": neighbourhood_b, "g1": g1, "g2": g2, "g3": g3, "g4": g4,
        "awaiting": awaiting, "rejected": rejected, "draft": draft, "other": other,
        "officials": [proposer.full_name, proposer.email, approver.full_name, approver.email,
                      "REASON-INTERNAL-CUT"],
    }  # fmt: skip


def _amount(*applications, extra="0.00"):
    """Granted money computed from the rows themselves: the awards plus the extra push."""
    return sum((Award.objects.get(pk=a.award_id).amount for a in applications), D(extra))


def _get(client, name, **kwargs):
    return client.get(reverse(name, kwargs=kwargs), {"jaar": YEAR})


def _figures(initiatives, granted, finished, reached, partly, participants):
    return public_selectors.Figures(
        initiatives=initiatives, granted=granted, finished=finished, reached=reached,
        partly=partly, participants=participants,
    )  # fmt: skip


# --- figures ----------------------------------------------------------------------------------


def test_overview_figures_equal_the_factory_data(client, data):
    g1, g2, g3, g4 = data["g1"], data["g2"], data["g3"], data["g4"]

    response = _get(client, "budget:public-results")

    assert response.status_code == 200
    # g1 and g3 were settled (11 people each, fill_in); g1 reached, g3 partly; g4 is sent in
    # but not settled; g2 got € 200 extra after its evaluation.
    assert response.context["figures"] == _figures(
        4, _amount(g1, g2, g3, g4, extra="200.00"), 2, 1, 1, 22
    )
    assert response.context["figures"].reached_percent == 50
    rows = {row.label: row.figures for row in response.context["rows"]}
    assert rows["Bloemwijk"] == _figures(2, _amount(g1, g2, extra="200.00"), 1, 1, 0, 11)
    assert rows["Waterwijk"] == _figures(1, _amount(g3), 1, 0, 1, 11)
    assert response.context["city"].figures == _figures(1, _amount(g4), 0, 0, 0, 0)
    assert response.context["year"] == YEAR


def test_overview_shows_the_chart_with_its_table_and_links_to_every_neighbourhood(client, data):
    response = _get(client, "budget:public-results")
    html = response.content.decode()

    chart = response.context["chart"]
    assert '<figure class="portal-chart' in html
    assert chart.title in html and chart.caption_note in html
    assert html.count("<table") == 1
    for neighbourhood in (data["a"], data["b"]):
        url = reverse("budget:public-results-neighbourhood", args=[neighbourhood.slug])
        assert url in html
    assert "€ 1.200" in html  # Bloemwijk: 2 x € 500 + € 200 extra


def test_neighbourhood_page_figures_and_lists_equal_the_factory_data(client, data):
    g1, g2 = data["g1"], data["g2"]

    response = _get(client, "budget:public-results-neighbourhood", slug=data["a"].slug)

    assert response.context["figures"] == _figures(2, _amount(g1, g2, extra="200.00"), 1, 1, 0, 11)
    funded = {a.initiative.title: (a.amount, a.public_result) for a in response.context["funded"]}
    assert funded == {
        g1.initiative.title: (_amount(g1), "Ja"),
        g2.initiative.title: (_amount(g2, extra="200.00"), ""),
    }
    assert [i.title for i in response.context["others"]] == ["OTHER-INITIATIVE"]
    assert [s.story for s in response.context["stories"]] == ["STORY-SHOWN"]
    html = response.content.decode()
    assert "RESULT-UPDATE-G1" in html
    assert reverse("initiatives:public-neighbourhood", args=[data["a"].slug]) in html


def test_samen_sterk_page_shows_where_the_money_went_per_line(client, data):
    g1, g2, g3, g4 = data["g1"], data["g2"], data["g3"], data["g4"]
    expected = {
        f"{g.line.fund.name} · {g.line.name}": (amount, finished, reached)
        for g, amount, finished, reached in [
            (g1, _amount(g1), 1, 1),
            (g2, _amount(g2, extra="200.00"), 0, 0),
            (g3, _amount(g3), 1, 0),
            (g4, _amount(g4), 0, 0),
        ]
    }

    response = _get(client, "budget:samen-sterk")

    rows = {
        row.label: (row.figures.granted, row.figures.finished, row.figures.reached)
        for row in response.context["rows"]
        if row.figures.initiatives
    }
    assert rows == expected
    lines = BudgetLine.objects.filter(fund__starts_on__year=YEAR).count()
    assert len(response.context["rows"]) == lines
    assert response.context["figures"].granted == _amount(g1, g2, g3, g4, extra="200.00")
    assert "Zorgt jouw idee ervoor" in response.content.decode()  # the B1 text stays


def test_a_year_without_grants_shows_zero_and_years_in_preparation_are_not_offered(client, data):
    response = client.get(reverse("budget:public-results"), {"jaar": "2031"})

    assert response.context["year_form"] is None  # one public year: nothing to choose
    assert response.context["year"] == YEAR  # 2031 is only being prepared: not public
    choice = public_selectors.choose_year("nonsense", today=date(2026, 11, 1))
    assert (choice.year, choice.years) == (YEAR, [YEAR])


def test_choose_year_prefers_this_year_then_the_latest_past_year(data):
    admin_user = UserFactory(role="administrator")
    fund = services.create_fund(
        by=admin_user, name="Samen Sterk 2025", starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
    )  # fmt: skip
    line = services.add_line(
        by=admin_user, fund=fund, type=LineType.objects.get_or_create(name="Stedelijk")[0],
        name="Stad", allocation=D("100"), holders=[UserFactory(role="budget_decision_holder")],
    )  # fmt: skip
    services.open_fund(by=admin_user, fund=line.fund)

    assert public_selectors.choose_year(None, today=date(2027, 3, 1)).year == 2027
    assert public_selectors.choose_year(None, today=date(2026, 3, 1)).year == 2025
    assert public_selectors.choose_year(None, today=date(2024, 3, 1)).year == 2025
    assert public_selectors.choose_year("2025", today=date(2027, 3, 1)).year == 2025


# --- privacy ---------------------------------------------------------------------------------


def _leaks(data) -> list[str]:
    people = []
    for application in (data["g1"], data["g2"], data["g3"], data["g4"], data["awaiting"]):
        for initiator in application.initiative.initiators.select_related("user"):
            person = initiator.user
            people += [person.full_name, person.email] if person else [initiator.email]
        facilitator = Initiative.objects.get(pk=application.initiative_id).facilitator
        people += [facilitator.full_name, facilitator.email]
    return [
        *people,
        *data["officials"],
        "DRAFT-INITIATIVE", "HIDDEN-INITIATIVE", "STORY-OF-HIDDEN-INITIATIVE",
        "STORY-WITHOUT-CONSENT", "UNDECIDED-INITIATIVE", "NOTE-INTERNAL", "LESSON-INTERNAL",
        "OBSTACLE-HIDDEN", "De zaal ging dicht.", "Anna (trekker)", "Het past.",
        "Mensen die thuis zitten doen weer mee", "reserve@example.org", "€ 650",
    ]  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_show_nothing_personal_or_unpublished(client, data, name):
    kwargs = {"slug": data["a"].slug} if name.endswith("neighbourhood") else {}

    html = _get(client, name, **kwargs).content.decode()

    assert [text for text in _leaks(data) if text and text in html] == []
    if name == "budget:samen-sterk":  # the move itself is public, in plain words
        assert "naar een andere regeling (Armoedefonds)" in html


def test_the_story_of_the_neighbourhood_with_a_hidden_initiative_is_not_shown(client, data):
    response = _get(client, "budget:public-results-neighbourhood", slug=data["b"].slug)

    assert response.context["figures"].initiatives == 1  # counted, never named
    assert list(response.context["stories"]) == []
    assert response.context["funded"] == []


def test_an_unknown_neighbourhood_is_a_404(client, data):
    assert (
        client.get(reverse("budget:public-results-neighbourhood", args=["nergens"])).status_code
        == 404
    )


# --- the neighbourhood budgets ---------------------------------------------------------------


def test_samen_sterk_page_shows_the_neighbourhood_budget_text_and_link_when_set(client):
    empty = client.get(reverse("budget:samen-sterk")).content.decode()
    municipality = Municipality.current()
    municipality.neighbourhood_budget_text = "Voor kleine dingen in je straat is er het wijkbudget."
    municipality.neighbourhood_budget_url = "https://gemeente.example.org/wijkbudget"
    municipality.save()

    html = client.get(reverse("budget:samen-sterk")).content.decode()

    assert 'id="wijkbudgetten"' not in empty
    assert "Voor kleine dingen in je straat is er het wijkbudget." in html
    assert 'href="https://gemeente.example.org/wijkbudget"' in html


def test_the_municipality_admin_form_edits_the_neighbourhood_budget_fields():
    model_admin = admin.site._registry[Municipality]
    request = RequestFactory().get("/")
    request.user = UserFactory(role="administrator")

    fields = model_admin.get_form(request)().fields

    assert {"neighbourhood_budget_text", "neighbourhood_budget_url"} <= set(fields)


# --- links -----------------------------------------------------------------------------------


def test_the_public_pages_link_to_the_results(client, data):
    neighbourhood = data["a"]
    results = reverse("budget:public-results")
    neighbourhood_results = reverse(
        "budget:public-results-neighbourhood", args=[neighbourhood.slug]
    )

    pages = {
        "home": client.get(reverse("core:home")).content.decode(),
        "initiatives": client.get(reverse("initiatives:public-list")).content.decode(),
        "samen-sterk": client.get(reverse("budget:samen-sterk")).content.decode(),
        "neighbourhood": client.get(
            reverse("initiatives:public-neighbourhood", args=[neighbourhood.slug])
        ).content.decode(),
    }

    assert {name: results in html for name, html in pages.items() if name != "neighbourhood"} == {
        "home": True, "initiatives": True, "samen-sterk": True,
    }  # fmt: skip
    assert neighbourhood_results in pages["neighbourhood"]


# --- query counts ----------------------------------------------------------------------------


def _rows(count: int, *, line, neighbourhood, user) -> None:
    """`count` published initiatives in `neighbourhood`, each with a settled grant, a public story
    and a result on its timeline, written with bulk_create."""
    now = timezone.now()
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=f"Bulk {n}", summary="Samen.", status=InitiativeStatus.ACTIVE,
            publication_consent=True, submitted_at=now, status_changed_at=now, created_by=user,
        )
        for n in range(count)
    )  # fmt: skip
    Initiative.neighbourhoods.through.objects.bulk_create(
        Initiative.neighbourhoods.through(initiative=i, neighbourhood=neighbourhood)
        for i in initiatives
    )
    awards = Award.objects.bulk_create(
        Award(line=line, initiative=i, description="Bulk", amount=D("10.00"), awarded_by=user)
        for i in initiatives
    )
    applications = Application.objects.bulk_create(
        Application(
            initiative=i, fund=line.fund, line=line, neighbourhood=neighbourhood, created_by=user,
            status=S.CLOSED, submitted_at=now, published_at=now, award=award,
            granted_amount=D("10.00"),
        )
        for i, award in zip(initiatives, awards, strict=True)
    )  # fmt: skip
    Accountability.objects.bulk_create(
        Accountability(
            application=a, due_on=date(2027, 12, 31), status=AccountabilityStatus.SETTLED,
            settled_at=now, submitted_at=now - timedelta(days=1), result_reached="yes",
            participants=3, story="Bulk story.", story_public=True,
        )
        for a in applications
    )  # fmt: skip
    Update.objects.bulk_create(
        Update(initiative=i, author=user, kind="result", text="Bulk result.") for i in initiatives
    )


def _query_counts(client, neighbourhood) -> dict[str, int]:
    counts = {}
    for name in PAGES:
        kwargs = {"slug": neighbourhood.slug} if name.endswith("neighbourhood") else {}
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, name, **kwargs).status_code == 200
        counts[name] = len(queries)
    return counts


def test_query_counts_are_the_same_at_10_and_10000_rows(client):
    line = BudgetLine.objects.get(pk=_grant(None).line_id)
    neighbourhood = NeighbourhoodFactory()
    user = UserFactory(role="resident")
    _rows(10, line=line, neighbourhood=neighbourhood, user=user)
    InitiativeFactory(active=True).neighbourhoods.add(neighbourhood)  # one without money: "others"
    client.get(reverse("core:home"))  # warm the caches every page shares
    small = _query_counts(client, neighbourhood)

    _rows(9_990, line=line, neighbourhood=neighbourhood, user=user)
    # What autovacuum does in production after a bulk load: fresh statistics. Without them
    # PostgreSQL planned the stories query for ten rows and ran it for minutes on 10,000.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    large = _query_counts(client, neighbourhood)

    assert large == small
    assert max(small.values()) <= MAX_QUERIES, small
    assert Application.objects.filter(neighbourhood=neighbourhood).count() == 10_000
