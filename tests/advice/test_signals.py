"""Signals from practice: recording, the list filters, linking signals to a concept advice,
and turning an initiative's obstacle into a signal (marked picked up, only once)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from advice.enums import MemberRole
from advice.models import Membership, Signal
from advice.services import bodies as body_services
from advice.services import register
from burgerkracht.core import practice
from burgerkracht.core.exceptions import DomainError
from initiatives.models import Update
from tests.advice.factories import advice_in, body, coordinator, member, theme
from tests.factories import NeighbourhoodFactory, OrganisationFactory, UpdateFactory, UserFactory

pytestmark = pytest.mark.django_db


def signal(by=None, body_slug="bo-plus", **fields):
    by = by or member(body_slug, "bo_plus_representative")
    fields = {"title": "Lange wachttijd", "description": "Maanden wachten.", **fields}
    return register.record_signal(by=by, body=body(body_slug), theme=theme(), **fields)


def obstacle(text="De vergunning duurt te lang."):
    update = UpdateFactory(kind="obstacle", is_signal=True, text=text)
    update.initiative.neighbourhoods.add(NeighbourhoodFactory(name="Waterwijk"))
    return update


# --- recording -----------------------------------------------------------------------------


def test_a_member_records_a_signal_for_their_body_and_organisation(client):
    person = member("bo-plus", "bo_plus_representative")
    organisation = body_services.save_organisation(
        by=coordinator(), body=body("bo-plus"), organisation=OrganisationFactory()
    )
    Membership.objects.filter(user=person).update(organisation=organisation)
    client.force_login(person)
    url = reverse("advice:signal-create")

    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "body": body("bo-plus").pk,
            "theme": theme().pk,
            "title": "Toegang",
            "description": "Te ingewikkeld.",
            "organisation": organisation.pk,
            "is_structural": "on",
        },
    )

    assert list(form.fields["body"].queryset) == [body("bo-plus")]
    assert list(form.fields["organisation"].queryset) == [organisation]
    created = Signal.objects.get(title="Toegang")
    assert response["Location"] == created.get_absolute_url()
    assert (created.recorded_by, created.is_structural, created.organisation) == (
        person,
        True,
        organisation,
    )


def test_a_member_cannot_record_for_another_body(client):
    client.force_login(member("asd"))

    response = client.post(
        reverse("advice:signal-create"),
        {"body": body("bo-plus").pk, "theme": theme().pk, "title": "x", "description": "y"},
    )

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not Signal.objects.exists()


def test_read_only_staff_see_signals_but_record_none(client):
    client.force_login(UserFactory(role="read_only"))

    assert client.get(reverse("advice:signals")).status_code == 200
    assert client.get(reverse("advice:signal-create")).status_code == 403


# --- the list ------------------------------------------------------------------------------


def test_the_list_filters_on_theme_body_structural_and_linked(client):
    structural = signal(title="Structureel", is_structural=True)
    loose = signal(title="Los", body_slug="asd", by=member("asd"))
    other_theme = register.record_signal(
        by=coordinator(),
        body=body("asd"),
        theme=theme("Eenzaamheid"),
        title="Alleen",
        description="Niemand komt langs.",
    )
    concept = advice_in("concept")
    register.link_signals(advice=concept, by=coordinator(), signals=[loose])
    client.force_login(coordinator())

    def titles(**query):
        page = client.get(reverse("advice:signals"), query).context["page"]
        return {s.title for s in page}

    assert titles() == {"Structureel", "Los", "Alleen"}
    assert titles(structural="yes") == {structural.title}
    assert titles(linked="yes") == {loose.title}
    assert titles(linked="no", body=body("asd").pk) == {other_theme.title}
    assert titles(theme=theme("Eenzaamheid").pk) == {"Alleen"}


# --- linking to a concept ------------------------------------------------------------------


def test_the_body_links_signals_to_its_concept(client):
    writer = member("asd")
    concept = advice_in("concept", by=writer)
    free, taken = signal(title="Vrij"), signal(title="Bezet")
    register.link_signals(advice=advice_in("concept", by=writer), by=writer, signals=[taken])
    client.force_login(writer)
    url = reverse("advice:advice-signals", args=[concept.pk])

    offered = set(client.get(url).context["form"].fields["signals"].queryset)
    response = client.post(url, {"signals": [free.pk]})
    refused = client.post(url, {"signals": [taken.pk]})

    assert free in offered and taken not in offered
    assert response.status_code == 302
    assert list(concept.signals.all()) == [free]
    assert refused.status_code == 200 and refused.context["form"].errors


def test_signals_of_a_final_advice_no_longer_change(client):
    writer = member("asd")
    final = advice_in("final", by=writer)
    client.force_login(writer)

    assert client.get(reverse("advice:advice-signals", args=[final.pk])).status_code == 403


# --- obstacles from initiatives ------------------------------------------------------------


def test_obstacles_are_listed_without_the_residents(client):
    update = obstacle()
    client.force_login(coordinator())

    page = client.get(reverse("advice:obstacles")).content.decode()

    assert "De vergunning duurt te lang." in page
    assert "Waterwijk" in page and update.initiative.title in page
    assert update.author.email not in page
    assert update.author.full_name not in page


def test_an_obstacle_becomes_a_signal_once_and_is_marked_picked_up(client):
    update = obstacle()
    secretary = member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
    client.force_login(secretary)
    url = reverse("advice:obstacle-convert", args=[f"initiatives:{update.pk}"])
    data = {
        "body": body("asd").pk,
        "theme": theme().pk,
        "title": "Vergunningen",
        "description": "De vergunning duurt te lang.",
    }

    form = client.get(url).context["form"]
    response = client.post(url, data)
    again = client.post(url, data)

    assert form.initial["description"] == "De vergunning duurt te lang."
    assert list(form.fields["body"].queryset) == [body("asd")]
    created = Signal.objects.get()
    assert response["Location"] == created.get_absolute_url()
    assert created.source_type == ContentType.objects.get_for_model(Update)
    assert created.source_id == update.pk
    assert Update.objects.get(pk=update.pk).signal_handled_at is not None
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert Signal.objects.count() == 1
    assert client.get(url).status_code == 302  # already picked up: back to the list
    assert practice.open_items() == []


def test_convert_obstacle_service_refuses_a_second_time():
    update = obstacle()
    boss = coordinator()
    kwargs = {
        "by": boss,
        "key": f"initiatives:{update.pk}",
        "body": body("bo-plus"),
        "theme": theme(),
        "title": "T",
        "description": "D",
    }
    body_services.convert_obstacle(**kwargs)

    with pytest.raises(DomainError):
        body_services.convert_obstacle(**kwargs)


@pytest.mark.parametrize("key", ["initiatives:999999", "nothing:1", "initiatives:abc", "x"])
def test_an_unknown_obstacle_is_not_converted(client, key):
    client.force_login(coordinator())
    url = reverse("advice:obstacle-convert", args=[key])

    response = client.post(
        url, {"body": body("asd").pk, "theme": theme().pk, "title": "T", "description": "D"}
    )

    assert response.status_code == 200
    assert not Signal.objects.exists()


def test_a_failed_signal_leaves_the_obstacle_open():
    update = obstacle()

    with pytest.raises(ValidationError):
        body_services.convert_obstacle(
            by=coordinator(),
            key=f"initiatives:{update.pk}",
            body=body("asd"),
            theme=theme(),
            title="",
            description="D",
        )

    assert Update.objects.get(pk=update.pk).signal_handled_at is None
