import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.mail import send_mail
from django.urls import reverse

from burgerkracht.accounts import services
from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import STAFF_ROLES
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, OutboxMessage
from burgerkracht.core.services import deliver_message, deliver_pending
from tests.factories import PASSWORD, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_update_profile_saves_and_audits_changed_field_names_only():
    user = UserFactory(phone="")
    neighbourhood = NeighbourhoodFactory()

    services.update_profile(
        user=user,
        by=user,
        phone="036 123 45 67",
        neighbourhood=neighbourhood,
        full_name=user.full_name,
    )

    user.refresh_from_db()
    event = AuditEvent.objects.for_subject(user).get()
    assert (user.phone, user.neighbourhood) == ("036 123 45 67", neighbourhood)
    assert event.data == {"fields": ["neighbourhood", "phone"]}
    assert "036" not in json.dumps(event.data)


def test_update_profile_without_changes_writes_nothing():
    user = UserFactory()

    services.update_profile(user=user, by=user, full_name=user.full_name)

    assert AuditEvent.objects.for_subject(user).count() == 0


def test_update_profile_refuses_other_fields():
    user = UserFactory()

    with pytest.raises(ValueError, match="is_staff"):
        services.update_profile(user=user, by=user, is_staff=True)


def test_profile_form_keeps_input_and_explains_a_bad_phone_number(client):
    client.force_login(UserFactory(role="resident"))

    response = client.post(
        reverse("accounts:profile-update"),
        {"full_name": "Ans de Wit", "phone": "bel me maar", "notify_messages": "on"},
    )

    assert response.status_code == 200
    html = response.text
    assert 'value="Ans de Wit"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_phone-description id_phone-error"' in html
    assert 'href="#id_phone"' in html  # the error summary links to the field
    assert "Vul een telefoonnummer in" in html


def test_profile_form_saves_and_redirects(client):
    user = UserFactory(role="resident")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile-update"),
        {"full_name": "  Ans de Wit ", "phone": "06-12345678", "notify_reminders": "on"},
    )

    user.refresh_from_db()
    assert response["Location"] == reverse("accounts:profile")
    assert (user.full_name, user.phone) == ("Ans de Wit", "06-12345678")
    assert (user.notify_messages, user.notify_status, user.notify_reminders) == (
        False,
        False,
        True,
    )


def test_data_export_contains_the_persons_data(client):
    user = UserFactory(role="resident", full_name="Ans de Wit", phone="0612345678")
    AuditEvent.record(subject=user, actor=user, action="profile.updated")
    client.force_login(user)

    response = client.get(reverse("accounts:data-export"))

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    assert data["account"]["email"] == user.email
    assert data["account"]["name"] == "Ans de Wit"
    assert data["account"]["phone"] == "0612345678"
    assert data["account"]["roles"] == ["resident"]
    assert data["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
    assert [a["action"] for a in data["activity"]] == ["profile.updated"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_delete_account_removes_personal_data_and_logs_out(client):
    user = UserFactory(role="resident", full_name="Ans de Wit", phone="0612345678")
    AuditEvent.record(subject=user, actor=user, action="profile.updated")
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    second_device = type(client)()
    second_device.force_login(user)
    other = UserFactory()
    other_client = type(client)()
    other_client.force_login(other)

    response = client.post(reverse("accounts:delete"), {"confirm": "on", "reason": "verhuisd"})

    user.refresh_from_db()
    assert response["Location"] == reverse("core:home")
    assert (user.full_name, user.phone, user.is_active, user.has_usable_password()) == (
        "",
        "",
        False,
        False,
    )
    assert user.email == f"verwijderd-{user.pk}@invalid.invalid"
    assert user.role_names == frozenset()
    assert EmailAddress.objects.filter(user=user).count() == 0
    assert Authenticator.objects.filter(user=user).count() == 0
    # The audit trail keeps the erased account as a pseudonym: nothing personal, not erased.
    assert sorted(AuditEvent.objects.filter(actor=user).values_list("action", flat=True)) == [
        "account.deleted",
        "profile.updated",
    ]
    deleted = AuditEvent.objects.for_subject(user).filter(action="account.deleted").get()
    assert (deleted.actor, deleted.reason) == (user, "verhuisd")
    assert Session.objects.count() == 1  # only the other person's session is left
    assert other_client.get(reverse("core:dashboard")).status_code == 200
    assert second_device.get(reverse("core:dashboard")).status_code == 302


def test_deleting_asks_for_the_password_again(client):
    user = UserFactory(role="resident")
    client.force_login(user)

    asked = client.post(reverse("accounts:delete"), {"confirm": "on", "reason": ""})
    still_there = User.objects.get(pk=user.pk).is_active
    resumed = client.post(asked["Location"], {"password": PASSWORD}, follow=True)

    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    assert still_there is True
    assert resumed.redirect_chain[-1][0] == reverse("core:home")
    assert User.objects.get(pk=user.pk).is_active is False


def test_changing_the_e_mail_address_asks_for_the_password_again(client):
    user = UserFactory(role="resident")
    client.force_login(user)

    response = client.post(reverse("account_email"), {"action_add": "", "email": "n@example.org"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert EmailAddress.objects.filter(email="n@example.org").count() == 0


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_do_not_delete_themselves(client, role):
    user = UserFactory(role=role)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    page = client.get(reverse("accounts:delete"))
    response = client.post(reverse("accounts:delete"), {"confirm": "on", "reason": ""})

    assert "beheerder" in page.content.decode()
    assert response.status_code == 403
    with pytest.raises(DomainError):
        services.delete_account(user=user, by=user)
    assert User.objects.get(pk=user.pk).is_active is True


def test_delete_account_needs_confirmation(client):
    user = UserFactory(role="resident")
    client.force_login(user)

    response = client.post(reverse("accounts:delete"), {"reason": ""})

    assert response.status_code == 200
    assert "Zet een vinkje als je je account wilt verwijderen." in response.text
    assert User.objects.get(pk=user.pk).is_active is True


def test_deleted_account_cannot_log_in(client):
    user = UserFactory(role="resident", email="weg@example.org")
    services.delete_account(user=user, by=user)

    response = client.post(
        reverse("account_login"), {"login": "weg@example.org", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_mail_queued_before_the_deletion_never_reaches_the_deleted_address(client):
    user = UserFactory(role="resident", email="weg@example.org")
    EmailAddress.objects.create(user=user, email="Tweede@Example.org", verified=True)
    send_mail("Voor jou", "Tekst", "gemeente@example.org", ["weg@example.org"])
    send_mail("Ook voor jou", "Tekst", "gemeente@example.org", ["tweede@example.org"])
    send_mail("Samen", "Tekst", "gemeente@example.org", ["weg@example.org", "blijft@example.org"])
    send_mail("Lijkt erop", "Tekst", "gemeente@example.org", ["nietweg@example.org"])
    send_mail("Al verstuurd", "Tekst", "gemeente@example.org", ["weg@example.org"])
    deliver_message(message_pk=OutboxMessage.objects.get(subject="Al verstuurd").pk)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    client.post(reverse("accounts:delete"), {"confirm": "on"})
    delivered = deliver_pending()

    assert delivered == 2
    assert sorted((m.subject, tuple(m.to)) for m in mail.outbox) == [
        ("Al verstuurd", ("weg@example.org",)),  # sent before the deletion
        ("Lijkt erop", ("nietweg@example.org",)),
        ("Samen", ("blijft@example.org",)),
    ]
    assert not OutboxMessage.objects.filter(subject__in=["Voor jou", "Ook voor jou"]).exists()
    withdrawn = AuditEvent.objects.for_subject(user).get(action="outbox.withdrawn")
    assert (withdrawn.actor, withdrawn.data) == (user, {"messages": 3})
    assert "weg@example.org" not in str(withdrawn.data)
