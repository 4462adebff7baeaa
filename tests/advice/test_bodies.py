"""The bodies: members (several bodies per person allowed, and shown), member organisations
with their themes and groups, and managing both. The representation overview is a report
now: tests/advice/test_representation.py."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.enums import MemberRole
from advice.models import BodyOrganisation, Membership, TargetGroup, Theme
from advice.services import bodies as services
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from tests.advice.factories import body, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def admin():
    return UserFactory(role="administrator")


def group(name):
    return TargetGroup.objects.get_or_create(name=name)[0]


def theme(name):
    return Theme.objects.get_or_create(name=name)[0]


# --- services ------------------------------------------------------------------------------


def test_add_member_is_audited_and_a_second_body_is_allowed():
    person = UserFactory(role="asd_member")
    by = admin()

    services.add_member(by=by, body=body("asd"), user=person)
    services.add_member(by=by, body=body("bo-plus"), user=person, role=MemberRole.REPRESENTATIVE)

    assert Membership.objects.filter(user=person, ended_on__isnull=True).count() == 2
    assert AuditEvent.objects.filter(action="body.member_added").count() == 2


def test_someone_is_a_current_member_of_a_body_once():
    person = member("asd")

    with pytest.raises(DomainError):
        services.add_member(by=admin(), body=body("asd"), user=person)


def test_on_behalf_of_must_be_an_organisation_of_that_body():
    elsewhere = services.save_organisation(
        by=admin(), body=body("bo-plus"), organisation=OrganisationFactory()
    )

    with pytest.raises(DomainError):
        services.add_member(
            by=admin(), body=body("asd"), user=UserFactory(), organisation=elsewhere
        )


def test_end_membership_once_and_not_before_it_started():
    person = member("asd")
    membership = Membership.objects.get(user=person)
    membership.started_on = timezone.localdate()
    membership.save()
    yesterday = timezone.localdate() - timedelta(days=1)

    with pytest.raises(DomainError):
        services.end_membership(by=admin(), membership=membership, ended_on=yesterday)
    services.end_membership(by=admin(), membership=membership)
    with pytest.raises(DomainError):
        services.end_membership(by=admin(), membership=membership)

    assert Membership.objects.get(pk=membership.pk).ended_on == timezone.localdate()
    # ended: the person can join again
    services.add_member(by=admin(), body=body("asd"), user=person)


def test_save_organisation_adds_and_changes_themes_and_groups():
    organisation = OrganisationFactory()
    youth, elderly = group("Jeugd"), group("Ouderen")
    added = services.save_organisation(
        by=admin(),
        body=body("bo-plus"),
        organisation=organisation,
        themes=[theme("Armoede")],
        groups=[elderly],
    )

    changed = services.save_organisation(
        by=admin(),
        body=body("bo-plus"),
        organisation=organisation,
        member=added,
        themes=[theme("Armoede"), theme("Eenzaamheid")],
        groups=[youth],
    )

    assert changed.pk == added.pk
    assert set(changed.groups.all()) == {youth}
    assert changed.themes.count() == 2
    with pytest.raises(DomainError):
        services.save_organisation(by=admin(), body=body("bo-plus"), organisation=organisation)


# --- pages ---------------------------------------------------------------------------------


def test_the_body_page_shows_the_other_bodies_of_a_member(client):
    person = member("asd", "asd_member")
    member("bo-plus", user=person, member_role=MemberRole.REPRESENTATIVE)
    client.force_login(person)

    response = client.get(reverse("advice:body-detail", args=["asd"]))

    row = next(m for m in response.context["current"] if m.user_id == person.pk)
    assert [m.body.short_name for m in row.other_bodies] == ["BO+"]
    assert "BO+" in response.content.decode()
    assert response.context["can_manage"] is False


def test_the_secretary_adds_a_member_by_email(client):
    secretary = member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
    newcomer = UserFactory(role="asd_member")
    client.force_login(secretary)
    url = reverse("advice:body-member-add", args=["asd"])

    response = client.post(url, {"email": newcomer.email.upper(), "role": MemberRole.CHAIR})

    assert response.status_code == 302
    assert Membership.objects.get(user=newcomer, body=body("asd")).role == MemberRole.CHAIR


@pytest.mark.parametrize(
    "data",
    [
        {"email": "niemand@example.org", "role": "member"},
        {"email": "x", "role": "member"},
        {"role": "boss"},
    ],
)
def test_adding_an_unknown_person_is_an_error_on_the_form(client, data):
    client.force_login(admin())

    response = client.post(reverse("advice:body-member-add", args=["asd"]), data)

    assert response.status_code == 200
    assert response.context["form"].errors


def test_adding_someone_twice_shows_the_refusal_on_the_form(client):
    person = member("asd")
    client.force_login(admin())

    response = client.post(
        reverse("advice:body-member-add", args=["asd"]), {"email": person.email, "role": "member"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_member_cannot_manage_the_body(client):
    client.force_login(member("asd"))

    response = client.post(
        reverse("advice:body-member-add", args=["asd"]),
        {"email": "a@example.org", "role": "member"},
    )

    assert response.status_code == 403


def test_the_secretary_of_another_body_cannot_manage_this_one(client):
    client.force_login(member("bo-plus", "asd_secretary", member_role=MemberRole.SECRETARY))

    assert client.get(reverse("advice:body-organisation-add", args=["asd"])).status_code == 403


def test_end_a_membership_through_the_page(client):
    person = member("asd")
    membership = Membership.objects.get(user=person)
    client.force_login(admin())

    response = client.post(
        reverse("advice:body-member-end", args=["asd", membership.pk]),
        {"ended_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).ended_on == timezone.localdate()


def test_add_and_change_an_organisation_through_the_pages(client):
    organisation = OrganisationFactory()
    client.force_login(admin())
    data = {
        "organisation": organisation.pk,
        "themes": [theme("Armoede").pk],
        "groups": [group("Jeugd").pk],
    }

    client.post(reverse("advice:body-organisation-add", args=["bo-plus"]), data)
    added = BodyOrganisation.objects.get(organisation=organisation)
    edit = reverse("advice:body-organisation-edit", args=["bo-plus", added.pk])
    initial = client.get(edit).context["form"].initial
    client.post(edit, {**data, "groups": [group("Ouderen").pk]})

    assert [g.name for g in initial["groups"]] == ["Jeugd"]
    assert [g.name for g in added.groups.all()] == ["Ouderen"]
