"""Saved filters on the officials' lists (issue #24): an official saves the filters they set
under a name, sees them above that list, opens one and deletes it. They are personal: another
official of the same role neither sees nor deletes them (404)."""

import pytest
from django.urls import reverse

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.filters import saved as saved_filters
from burgerkracht.core.filters.models import MAX_PER_LIST
from burgerkracht.core.models import AuditEvent, SavedFilter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "budget:queue"
QUERY = "status=in_assessment&q=soep&closed=on"


@pytest.fixture
def facilitator():
    return UserFactory(role="facilitator")


def test_saving_keeps_the_filters_without_page_or_export_and_writes_an_audit_event(facilitator):
    saved = saved_filters.save_filter(
        by=facilitator, list_key=QUEUE, name="  Mijn wijk, nog te toetsen ",
        query=QUERY + "&page=3&_export=csv&neighbourhood=",
    )  # fmt: skip

    assert saved.name == "Mijn wijk, nog te toetsen"
    assert saved.query == "closed=on&q=soep&status=in_assessment"
    assert saved.get_absolute_url() == reverse(QUEUE) + "?closed=on&q=soep&status=in_assessment"
    event = AuditEvent.objects.for_subject(saved).get()
    assert (event.action, event.actor) == ("saved_filter.created", facilitator)
    assert event.data["list"] == QUEUE


@pytest.mark.parametrize(
    ("list_key", "role"),
    [("budget:queue", "facilitator"), ("initiatives:officials-list", "facilitator_coordinator"),
     ("advice:register", "advice_coordinator")],
)  # fmt: skip
def test_each_officials_list_takes_saved_filters(list_key, role):
    official = UserFactory(role=role)
    saved = saved_filters.save_filter(by=official, list_key=list_key, name="Mijn", query="q=a")
    assert list(saved_filters.filters_of(official, list_key)) == [saved]


@pytest.mark.parametrize(
    ("list_key", "role"),
    [("core:home", "facilitator"), ("no-such:list", "facilitator"), (QUEUE, "resident"),
     ("advice:register", "budget_decision_holder")],
)  # fmt: skip
def test_refused_for_another_page_or_a_list_one_may_not_use(list_key, role):
    with pytest.raises(DomainError):
        saved_filters.save_filter(by=UserFactory(role=role), list_key=list_key, name="X", query="")
    assert not SavedFilter.objects.exists()


def test_a_name_is_needed_and_unique_per_list(facilitator):
    with pytest.raises(DomainError) as error:
        saved_filters.save_filter(by=facilitator, list_key=QUEUE, name="  ", query=QUERY)
    assert "naam" in error.value.message
    saved_filters.save_filter(by=facilitator, list_key=QUEUE, name="Mijn wijk", query=QUERY)
    with pytest.raises(DomainError) as error:
        saved_filters.save_filter(by=facilitator, list_key=QUEUE, name="Mijn wijk", query="q=x")
    assert "al een filter met deze naam" in error.value.message
    # the same name on another list is fine
    saved_filters.save_filter(
        by=facilitator, list_key="initiatives:officials-list", name="Mijn wijk", query=""
    )


def test_at_most_twenty_per_list_per_person(facilitator):
    for number in range(MAX_PER_LIST):
        saved_filters.save_filter(by=facilitator, list_key=QUEUE, name=f"F{number}", query="")
    with pytest.raises(DomainError) as error:
        saved_filters.save_filter(by=facilitator, list_key=QUEUE, name="Eén te veel", query="")
    assert "Verwijder er eerst een" in error.value.message
    # another person, or another list, has their own room
    saved_filters.save_filter(
        by=UserFactory(role="facilitator"), list_key=QUEUE, name="A", query=""
    )
    saved_filters.save_filter(
        by=facilitator, list_key="initiatives:officials-list", name="A", query=""
    )


def test_only_the_owner_deletes(facilitator):
    saved = saved_filters.save_filter(by=facilitator, list_key=QUEUE, name="Mijn", query=QUERY)
    with pytest.raises(DomainError):
        saved_filters.delete_filter(by=UserFactory(role="facilitator"), saved=saved)
    assert SavedFilter.objects.filter(pk=saved.pk).exists()

    saved_filters.delete_filter(by=facilitator, saved=saved)

    assert not SavedFilter.objects.exists()
    actions = set(AuditEvent.objects.filter(actor=facilitator).values_list("action", flat=True))
    assert actions == {"saved_filter.created", "saved_filter.deleted"}


# --- the pages ------------------------------------------------------------------------------


def test_save_from_the_list_see_it_open_it_delete_it(client, facilitator):
    client.force_login(facilitator)
    listed = client.get(reverse(QUEUE), {"status": "in_assessment", "q": "soep"})
    html = listed.content.decode()
    assert "Bewaar dit filter" in html and "Je bewaarde filters" in html
    form = listed.context["saved_filter_form"]
    assert form.initial == {"list_key": QUEUE, "query": "q=soep&status=in_assessment"}

    saved = client.post(reverse("core:saved-filter-create"), {
        "name": "Mijn wijk, nog te toetsen", **form.initial,
    })  # fmt: skip

    target = reverse(QUEUE) + "?q=soep&status=in_assessment"
    assert saved.status_code == 302 and saved["Location"] == target
    page = client.get(reverse(QUEUE)).content.decode()
    assert "Mijn wijk, nog te toetsen" in page and target.replace("&", "&amp;") in page
    # only on that list
    other = client.get(reverse("initiatives:officials-list")).content.decode()
    assert "Mijn wijk, nog te toetsen" not in other
    # opening it fills the filter form
    opened = client.get(target)
    assert opened.context["filter"].form["status"].value() == "in_assessment"

    row = SavedFilter.objects.get()
    confirm = client.get(reverse("core:saved-filter-delete", args=[row.pk]))
    assert confirm.status_code == 200 and "Mijn wijk, nog te toetsen" in confirm.content.decode()
    deleted = client.post(reverse("core:saved-filter-delete", args=[row.pk]))
    assert deleted.status_code == 302 and deleted["Location"] == reverse(QUEUE)
    assert not SavedFilter.objects.exists()


def test_no_save_form_without_filters(client, facilitator):
    client.force_login(facilitator)
    response = client.get(reverse(QUEUE))
    assert response.context["saved_filter_form"] is None
    assert "Bewaar dit filter" not in response.content.decode()


def test_a_missing_name_is_told_next_to_the_field(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("core:saved-filter-create"), {"name": "", "list_key": QUEUE, "query": QUERY}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Geef het filter een naam."]
    html = response.content.decode()
    assert "Geef het filter een naam." in html and 'href="#saved_filter_name"' in html
    assert not SavedFilter.objects.exists()


def test_the_limit_is_told_next_to_the_field(client, facilitator):
    for number in range(MAX_PER_LIST):
        SavedFilter.objects.create(owner=facilitator, list_key=QUEUE, name=f"F{number}")
    client.force_login(facilitator)
    response = client.post(
        reverse("core:saved-filter-create"), {"name": "Nog een", "list_key": QUEUE, "query": ""}
    )
    assert "Verwijder er eerst een" in response.context["form"].errors["name"][0]


@pytest.mark.parametrize("list_key", ["core:home", "nonsense", "budget:application"])
def test_saving_for_a_page_that_is_no_officials_list_is_not_found(client, facilitator, list_key):
    client.force_login(facilitator)
    response = client.post(
        reverse("core:saved-filter-create"), {"name": "X", "list_key": list_key, "query": ""}
    )
    assert response.status_code == 404
    assert not SavedFilter.objects.exists()


def test_another_official_of_the_same_role_neither_sees_nor_deletes_it(client, facilitator):
    saved = SavedFilter.objects.create(owner=facilitator, list_key=QUEUE, name="Van mij",
                                       query="q=x")  # fmt: skip
    colleague = UserFactory(role="facilitator")
    client.force_login(colleague)

    assert "Van mij" not in client.get(reverse(QUEUE)).content.decode()
    url = reverse("core:saved-filter-delete", args=[saved.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert SavedFilter.objects.filter(pk=saved.pk).exists()


def test_saving_needs_a_post_with_csrf(facilitator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(facilitator)
    response = strict.post(
        reverse("core:saved-filter-create"), {"name": "X", "list_key": QUEUE, "query": ""}
    )
    assert response.status_code == 403
    assert strict.get(reverse("core:saved-filter-create")).status_code == 405
    assert not SavedFilter.objects.exists()


def test_the_owner_finds_them_in_download_my_data(client, facilitator):
    import json

    saved_filters.save_filter(by=facilitator, list_key=QUEUE, name="Mijn wijk", query=QUERY)
    client.force_login(facilitator)
    response = client.get(reverse("accounts:data-export"))
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert [f["name"] for f in data["saved_filters"]] == ["Mijn wijk"]
