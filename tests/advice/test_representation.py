"""The representation report (REP-11, issue #27): which groups and themes nobody speaks for
in the BO+, whether it is always the same people, in /rapportages/ with its downloads; the
old address of the page sends a visitor there for good."""

import io

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advice.models import TargetGroup, Theme
from advice.services import bodies as services
from tests.advice.factories import body, coordinator, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("core:report", args=["representation"])


def group(name):
    return TargetGroup.objects.get_or_create(name=name)[0]


def theme(name):
    return Theme.objects.get_or_create(name=name)[0]


def _bo_organisation(themes, groups, name=None):
    return services.save_organisation(
        by=UserFactory(role="administrator"),
        body=body("bo-plus"),
        organisation=OrganisationFactory(**({"name": name} if name else {})),
        themes=[theme(t) for t in themes],
        groups=[group(g) for g in groups],
    )


def _sections(response) -> dict:
    return {str(section.title): section for section in response.context["sections"]}


def _figures(section) -> dict:
    return {str(figure.label): figure for figure in section.figures}


def test_the_report_shows_the_groups_nobody_speaks_for(client):
    Theme.objects.exclude(name__in=["Armoede", "Eenzaamheid"]).delete()
    TargetGroup.objects.exclude(name__in=["Ouderen", "Minima", "Jeugd"]).delete()
    _bo_organisation(["Armoede"], ["Ouderen", "Minima"], name="Ouderenbond")
    _bo_organisation(["Eenzaamheid"], ["Ouderen"], name="Zonnebloem")
    client.force_login(coordinator())

    response = client.get(URL)

    sections = _sections(response)
    missing = _figures(sections["Wie ontbreekt er"])["Helemaal niet vertegenwoordigd"]
    assert (missing.value, missing.note, missing.marked) == (1, "Jeugd", True)
    gaps = {row["theme"]: row["missing"] for row in sections["Wie ontbreekt er"].tables[0].rows}
    order = [g.name for g in TargetGroup.objects.all()]  # the groups' own order
    assert gaps == {
        "Armoede": "Jeugd",
        "Eenzaamheid": ", ".join(n for n in order if n in ("Minima", "Jeugd")),
    }
    table = sections["Thema's en groepen"].tables[0]
    assert [str(c.label) for c in table.columns] == ["Thema", *order]
    cover = {
        ("Armoede", "Ouderen"): "Ouderenbond",
        ("Armoede", "Minima"): "Ouderenbond",
        ("Eenzaamheid", "Ouderen"): "Zonnebloem",
    }
    assert table.cells() == [
        [name, *(cover.get((name, g), "Niemand") for g in order)]
        for name in ("Armoede", "Eenzaamheid")
    ]
    assert "Niemand" in response.content.decode()


def test_the_report_counts_the_people_and_the_double_hats(client):
    person = member("asd")
    member("bo-plus", user=person)
    member("asd")
    client.force_login(coordinator())

    people = _figures(_sections(client.get(URL))["Altijd dezelfde mensen?"])

    labels = (
        "Verschillende mensen actief in de adviesorganen",
        "Zetels in de adviesorganen",
        "Mensen in meer dan één adviesorgaan",
    )
    assert [people[label].value for label in labels] == [2, 3, 1]


def test_the_report_downloads_as_csv_and_excel(client):
    _bo_organisation(["Armoede"], ["Ouderen"], name="Ouderenbond")
    client.force_login(coordinator())

    csv = client.get(URL, {"_export": "csv", "tabel": "organisaties-per-thema-en-groep-bewoners"})
    xlsx = client.get(URL, {"_export": "xlsx"})

    assert csv.status_code == 200 and csv["Content-Type"] == "text/csv; charset=utf-8"
    rows = tablib.Dataset().load(csv.content.decode(), format="csv")
    assert rows.headers[0] == "Thema"
    assert [rows[0][0], rows[0][rows.headers.index("Ouderen")]] == ["Armoede", "Ouderenbond"]
    book = tablib.Databook().load(io.BytesIO(xlsx.content).read(), format="xlsx")
    assert len(book.sheets()) == 2  # the gaps and the themes-by-groups table


def test_the_report_has_no_period_to_choose(client):
    client.force_login(coordinator())

    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="van"' not in response.content.decode()


def test_the_report_queries_do_not_grow_with_the_organisations(client):
    client.force_login(coordinator())
    _bo_organisation(["Armoede"], ["Ouderen"])
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(6):
        _bo_organisation(["Armoede", "Eenzaamheid"], ["Ouderen", "Jeugd"])
    with CaptureQueriesContext(connection) as many:
        client.get(URL)

    assert len(many) == len(few)


def test_the_old_address_redirects_for_good_and_the_links_point_to_the_report(client):
    client.force_login(member("asd"))

    response = client.get(reverse("advice:representation"), follow=True)
    bodies = client.get(reverse("advice:bodies")).content.decode()

    assert response.redirect_chain == [(URL, 301)]
    assert response.status_code == 200
    assert f'href="{URL}"' in bodies
    assert 'href="/adviezen/vertegenwoordiging/"' not in bodies


def test_a_body_role_without_a_membership_and_a_resident_cannot_read_it(client):
    for role in ("asd_member", "resident", "facilitator"):
        client.force_login(UserFactory(role=role))
        assert client.get(URL).status_code == 403
    assert (
        reverse("core:report", args=["representation"])
        not in client.get(reverse("core:reports")).content.decode()
    )


def test_the_report_is_listed_for_who_may_read_it(client):
    client.force_login(member("bo-plus", "bo_plus_representative"))

    index = client.get(reverse("core:reports")).content.decode()

    assert URL in index
