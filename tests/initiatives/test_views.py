import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from burgerkracht.core.services import deliver_pending
from initiatives.models import Initiative
from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    NeighbourhoodFactory,
    UpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_resident_registers_leaves_halfway_returns_and_submits(client):
    resident = UserFactory(role="resident")
    neighbourhood = NeighbourhoodFactory(name="Stedenwijk")
    client.force_login(resident)

    response = client.post(
        reverse("initiatives:new"),
        {"title": "Wandelgroep", "summary": "Samen wandelen", "theme": "exercise", "next": ""},
    )
    initiative = Initiative.objects.get(title="Wandelgroep")
    assert response["Location"] == reverse("initiatives:intake-step", args=[initiative.pk, 2])
    client.post(response["Location"], {"why": "Eenzaamheid", "later": ""})
    client.logout()

    client.force_login(resident)
    dashboard = client.get(reverse("core:dashboard"))
    assert "Wandelgroep" in dashboard.text
    step2 = client.get(reverse("initiatives:intake-step", args=[initiative.pk, 2]))
    assert "Eenzaamheid" in step2.text  # what was saved for later is still there
    client.post(
        reverse("initiatives:intake-step", args=[initiative.pk, 2]),
        {"why": "Eenzaamheid", "goal": "Ontmoeting", "actions_needed": "Route kiezen", "next": ""},
    )
    client.post(
        reverse("initiatives:intake-step", args=[initiative.pk, 3]),
        {
            "scale": "neighbourhood",
            "neighbourhoods": [neighbourhood.pk],
            "target_group": "Ouderen",
            "expected_participants": "12",
            "next": "",
        },
    )
    client.post(
        reverse("initiatives:intake-step", args=[initiative.pk, 4]),
        {"backup_email": "buurvrouw@example.org", "next": ""},
    )
    last = client.post(
        reverse("initiatives:intake-step", args=[initiative.pk, 5]),
        {"support_wanted": ["place", "contacts"], "publication_consent": "on", "next": ""},
    )
    assert last["Location"] == reverse("initiatives:intake-check", args=[initiative.pk])
    submitted = client.post(last["Location"])

    initiative.refresh_from_db()
    assert submitted["Location"] == reverse("initiatives:sent", args=[initiative.pk])
    assert initiative.status == "submitted"
    deliver_pending()
    assert sorted(m.to[0] for m in mail.outbox) == ["buurvrouw@example.org", resident.email]


def test_invalid_step_keeps_what_was_typed_and_explains(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)

    response = client.post(
        reverse("initiatives:intake-step", args=[initiative.pk, 3]),
        {"scale": "neighbourhood", "target_group": "Mijn buren", "expected_participants": "-4"},
    )

    assert response.status_code == 200
    assert "Mijn buren" in response.text
    assert "Kies minstens één wijk." in response.text
    assert 'id="error-summary"' in response.text
    assert response.context["form"].errors.keys() == {"neighbourhoods", "expected_participants"}


def test_step_pages_say_which_step_in_title_and_heading(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)

    response = client.get(reverse("initiatives:intake-step", args=[initiative.pk, 2]))

    assert "<title>Stap 2 van 5" in response.text
    assert "Stap 2 van 5: " in response.text.split("<h1", 1)[1].split("</h1>")[0]


def test_submitted_intake_can_no_longer_be_edited(client):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(initiative.created_by)

    response = client.post(
        reverse("initiatives:intake-step", args=[initiative.pk, 1]),
        {"title": "Anders", "summary": "x", "theme": "other"},
    )

    assert response.status_code == 403
    assert Initiative.objects.get(pk=initiative.pk).title != "Anders"


def test_public_pages_show_no_unpublished_initiative_and_no_personal_data(client):
    lead = UserFactory(role="resident", full_name="Geheime Naam", email="geheim@example.org")
    published = InitiativeFactory(created_by=lead, active=True, title="Zichtbaar")
    InitiatorFactory(initiative=published)
    hidden = InitiativeFactory(active=True, publication_consent=False, title="Verborgen")
    draft = InitiativeFactory(title="Nog concept")
    neighbourhood = NeighbourhoodFactory()
    for initiative in (published, hidden, draft):
        initiative.neighbourhoods.add(neighbourhood)
    UpdateFactory(initiative=published, text="Gelukt!")

    pages = [
        client.get(reverse("initiatives:public-list")),
        client.get(reverse("initiatives:public-detail", args=[published.pk])),
        client.get(reverse("initiatives:public-neighbourhood", args=[neighbourhood.slug])),
    ]
    searched = client.get(reverse("initiatives:public-list"), {"q": "Verborgen"})

    html = "".join(page.text for page in pages)
    assert "Zichtbaar" in html
    assert "Gelukt!" in html
    assert "Verborgen" not in html
    assert "Nog concept" not in html
    for person in published.initiators.all():
        assert person.user.full_name not in html
        assert person.user.email not in html
    assert searched.context["page"].paginator.count == 0
    assert client.get(reverse("initiatives:public-detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("initiatives:public-detail", args=[draft.pk])).status_code == 404


def test_public_list_filters_by_neighbourhood_theme_and_search(client):
    a, b = NeighbourhoodFactory(), NeighbourhoodFactory()
    walk = InitiativeFactory(active=True, title="Wandelen", theme="exercise")
    walk.neighbourhoods.add(a)
    choir = InitiativeFactory(active=True, title="Zingen", theme="culture", summary="Koor")
    choir.neighbourhoods.add(b)

    by_neighbourhood = client.get(reverse("initiatives:public-list"), {"wijk": a.slug})
    by_theme = client.get(reverse("initiatives:public-list"), {"theme": "culture"})
    by_text = client.get(reverse("initiatives:public-list"), {"q": "wandel"})

    def titles(response):
        return [i.title for i in response.context["page"]]

    assert titles(by_neighbourhood) == ["Wandelen"]
    assert titles(by_theme) == ["Zingen"]
    assert titles(by_text) == ["Wandelen"]


def test_officials_list_filters_by_risk_and_exports(client):
    coordinator = UserFactory(role="facilitator_coordinator")
    risky = InitiativeFactory(submitted=True, title="Alleen")
    safe = InitiativeFactory(
        submitted=True,
        title="Goed geregeld",
        facilitator=UserFactory(role="facilitator"),
        backup_facilitator=UserFactory(role="facilitator"),
    )
    InitiatorFactory(initiative=safe, is_backup=True)
    client.force_login(coordinator)

    listed = client.get(reverse("initiatives:officials-list"), {"risk": "any"})
    csv = client.get(reverse("initiatives:officials-list"), {"_export": "csv"})
    xlsx = client.get(reverse("initiatives:officials-list"), {"_export": "xlsx"})

    assert "Alleen" in listed.text and "Goed geregeld" not in listed.text
    assert csv["Content-Type"].startswith("text/csv")
    assert "Alleen" in csv.content.decode() and "Goed geregeld" in csv.content.decode()
    assert xlsx.content[:2] == b"PK"
    assert risky.title in csv.content.decode()


def test_facilitator_sees_only_assigned_initiatives(client):
    facilitator = UserFactory(role="facilitator")
    mine = InitiativeFactory(submitted=True, facilitator=facilitator, title="Van mij")
    InitiativeFactory(submitted=True, title="Van een ander")
    client.force_login(facilitator)

    response = client.get(reverse("initiatives:officials-list"))

    assert "Van mij" in response.text
    assert "Van een ander" not in response.text
    assert mine.title in response.text


def _bulk(count, **extra):
    lead = UserFactory(role="resident")
    neighbourhood = NeighbourhoodFactory()
    rows = Initiative.objects.bulk_create(
        [
            Initiative(
                title=f"Bulk {n}",
                summary="x",
                theme="meeting",
                status="active",
                publication_consent=True,
                submitted_at="2026-01-01T00:00:00Z",
                created_by=lead,
                **extra,
            )
            for n in range(count)
        ]
    )
    Initiative.neighbourhoods.through.objects.bulk_create(
        [Initiative.neighbourhoods.through(initiative=r, neighbourhood=neighbourhood) for r in rows]
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name", ["initiatives:public-list", "initiatives:officials-list", "core:dashboard"]
)
def test_list_pages_run_the_same_number_of_queries_at_10_and_1000(client, url_name):
    facilitator = UserFactory(role="facilitator_coordinator")
    client.force_login(facilitator)
    _bulk(10)
    small = _queries(client, reverse(url_name))

    _bulk(990)
    large = _queries(client, reverse(url_name))

    assert small == large
    assert large <= 12


def test_workload_counts_open_initiatives_per_facilitator_as_primary_and_as_backup():
    from initiatives.selectors import facilitator_workload

    anna = UserFactory(role="facilitator", full_name="Anna")
    bram = UserFactory(role="facilitator", full_name="Bram")
    idle = UserFactory(role="facilitator", full_name="Cees")
    InitiativeFactory(active=True, facilitator=anna, backup_facilitator=bram)
    InitiativeFactory(submitted=True, facilitator=anna)
    InitiativeFactory(active=True, facilitator=bram, backup_facilitator=anna)
    InitiativeFactory(facilitator=anna)  # a draft is not open work

    rows = [(u.full_name, u.primary_count, u.backup_count) for u in facilitator_workload()]

    assert rows == [("Anna", 2, 1), ("Bram", 1, 1), ("Cees", 0, 0)]
    assert idle.pk in {u.pk for u in facilitator_workload()}


def test_officials_list_filters_by_neighbourhood_and_lists_an_initiative_of_two_once(client):
    coordinator = UserFactory(role="facilitator_coordinator")
    here, there = NeighbourhoodFactory(name="Filmwijk"), NeighbourhoodFactory(name="Waterwijk")
    both = InitiativeFactory(submitted=True, title="Overal soep")
    both.neighbourhoods.add(here, there)
    InitiativeFactory(submitted=True, title="Alleen daar").neighbourhoods.add(there)
    client.force_login(coordinator)

    page = client.get(reverse("initiatives:officials-list"), {"neighbourhood": here.pk})
    everything = client.get(reverse("initiatives:officials-list")).content.decode()

    html = page.content.decode()
    assert html.count("Overal soep") == 1 and "Alleen daar" not in html
    assert everything.count("Overal soep") == 1 and "Alleen daar" in everything
