"""The officials' lists (issue #24): one search field for a name, a reference number or a
word; finished dossiers hidden until asked for; previous/next on an application within the
list as it was filtered and sorted."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.enums import ApplicationStatus
from budget.models import Application
from initiatives.enums import InitiativeStatus
from initiatives.models import Initiative
from tests.advice.factories import advice_in
from tests.factories import UserFactory, application_in, open_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue():
    facilitator = UserFactory(role="facilitator", with_mfa=True)
    line, _holder = open_line(allocation="9000.00")
    made = [
        application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator, line=line)
        for _ in range(3)
    ]
    for application, title in zip(made, ("Buurtkoor", "Taalcafé", "Moestuin"), strict=True):
        Initiative.objects.filter(pk=application.initiative_id).update(title=title)
    withdrawn = application_in(ApplicationStatus.WITHDRAWN, facilitator=facilitator, line=line)
    Application.objects.filter(pk=withdrawn.pk).update(submitted_at=made[0].submitted_at)
    return facilitator, made, withdrawn


def listed(client, **query) -> list[int]:
    response = client.get(reverse("budget:queue"), query)
    assert response.status_code == 200
    return [row.record.pk for row in response.context["table"].page.object_list]


def test_search_by_reference_name_and_word(client, queue):
    facilitator, (choir, cafe, garden), _withdrawn = queue
    client.force_login(facilitator)

    assert listed(client, q=cafe.reference) == [cafe.pk]
    assert listed(client, q=f"ss {cafe.pk}") == [cafe.pk]
    assert listed(client, q="moestuin") == [garden.pk]
    assert listed(client, q=f"BI-2026-{cafe.pk:05d}") == []  # an initiative's reference
    lead = choir.initiative.created_by
    assert choir.pk in listed(client, q=lead.full_name)


def test_finished_applications_are_hidden_until_asked_for(client, queue):
    facilitator, _made, withdrawn = queue
    client.force_login(facilitator)

    assert withdrawn.pk not in listed(client)
    assert withdrawn.pk in listed(client, closed="on")
    assert listed(client, status=ApplicationStatus.WITHDRAWN) == [withdrawn.pk]
    assert listed(client, q=withdrawn.reference) == [withdrawn.pk]  # a search finds it
    html = client.get(reverse("budget:queue")).content.decode()
    assert "Toon ook afgeronde" in html or "Show finished ones too" in html


def test_a_facilitator_cannot_find_another_facilitators_application(client, queue):
    _facilitator, (choir, *_rest), _withdrawn = queue
    client.force_login(UserFactory(role="facilitator", with_mfa=True))
    assert listed(client, q=choir.reference) == []


def test_previous_and_next_follow_the_filtered_sorted_list(client, queue):
    facilitator, (choir, cafe, garden), _withdrawn = queue
    client.force_login(facilitator)

    page = client.get(reverse("budget:queue"), {"sort": "initiative", "page": "1"})
    links = [link for link in page.content.decode().split('href="')[1:] if "lijst=" in link]
    assert links, "the queue's rows carry the list"
    carried = parse_qs(urlsplit(links[0].split('"')[0].replace("&amp;", "&")).query)["lijst"]
    assert carried == ["sort=initiative"]  # the table's page is not part of the list

    def nav(application, query):
        response = client.get(application.get_absolute_url(), {"lijst": query})
        return response.context["list_navigation"]

    # Sorted by name: Buurtkoor, Moestuin, Taalcafé.
    middle = nav(garden, "sort=initiative")
    assert middle.previous_url.startswith(choir.get_absolute_url())
    assert middle.next_url.startswith(cafe.get_absolute_url())
    assert "lijst=sort%3Dinitiative" in middle.next_url
    assert nav(choir, "sort=initiative").previous_url is None
    assert nav(cafe, "sort=initiative").next_url is None
    # Filtered to one: no neighbours, a way back to the filtered list.
    alone = nav(garden, "q=moestuin")
    assert (alone.previous_url, alone.next_url) == (None, None)
    assert alone.list_url == reverse("budget:queue") + "?q=moestuin"
    # Opened without a list: no list navigation.
    assert client.get(garden.get_absolute_url()).context["list_navigation"] is None


def test_the_officials_initiatives_and_the_advice_register_search_and_hide(client):
    facilitator = UserFactory(role="facilitator", with_mfa=True)
    application = application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator)
    initiative = application.initiative
    client.force_login(facilitator)
    url = reverse("initiatives:officials-list")
    found = client.get(url, {"q": initiative.reference}).content.decode()
    assert initiative.title in found
    Initiative.objects.filter(pk=initiative.pk).update(
        status=InitiativeStatus.ENDED, ended_at=timezone.now(), result="reached"
    )
    assert initiative.title not in client.get(url).content.decode()
    assert initiative.title in client.get(url, {"closed": "on"}).content.decode()

    advice = advice_in("final", title="Toegang tot ondersteuning")
    other = advice_in("final", title="Vervoer voor ouderen")
    client.force_login(advice.contact)
    register = reverse("advice:register")
    html = client.get(register, {"q": "vervoer"}).content.decode()
    assert other.title in html and advice.title not in html
    assert advice.title in client.get(register, {"q": advice.reference}).content.decode()
