"""The choice for post on the resident's own profile (SC-11): it needs a whole address, and
once saved the next notice lands in the post queue instead of the mailbox."""

import pytest
from django.urls import reverse

from burgerkracht.core.messaging.notifications import notify
from burgerkracht.core.models import AuditEvent, OutboxMessage, PostItem
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_post_without_a_whole_address_is_refused_next_to_each_field_and_in_the_summary(client):
    user = UserFactory(role="resident")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile-update"),
        {"full_name": "Ans de Wit", "by_post": "on", "street_address": "Kerkstraat 12"},
    )

    html = response.text
    user.refresh_from_db()
    assert response.status_code == 200
    assert user.by_post is False
    assert 'href="#id_postal_code"' in html and 'href="#id_city"' in html  # the summary
    assert html.count("Vul je postcode in: die hebben we nodig om je post te sturen.") == 2
    assert html.count("Vul je woonplaats in: die hebben we nodig om je post te sturen.") == 2
    assert 'value="Kerkstraat 12"' in html


def test_a_wrong_postal_code_is_explained(client):
    client.force_login(UserFactory(role="resident"))

    response = client.post(
        reverse("accounts:profile-update"),
        {"by_post": "on", "street_address": "Kerkstraat 12", "postal_code": "13A", "city": "X"},
    )

    assert "Vul een postcode in zoals 1234 AB." in response.text


def test_choosing_post_sends_the_next_notice_by_post(client):
    user = UserFactory(role="resident")
    initiative = InitiativeFactory(created_by=user, active=True)
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile-update"),
        {"full_name": "Ans de Wit", "notify_status": "on", "by_post": "on",
         "street_address": " Kerkstraat 12 ", "postal_code": "1311ab", "city": "Almere"},
    )  # fmt: skip
    user.refresh_from_db()
    before = OutboxMessage.objects.count()
    notify(
        recipients=[user], template="initiatives/paused", preference="status",
        context={"initiative": initiative, "reason": "", "link": ""},
    )  # fmt: skip

    assert response["Location"] == reverse("accounts:profile")
    assert (user.by_post, user.street_address, user.postal_code) == (
        True,
        "Kerkstraat 12",
        "1311 AB",
    )
    assert PostItem.objects.get().address_lines == [
        "Ans de Wit",
        "Kerkstraat 12",
        "1311 AB  Almere",
    ]
    assert OutboxMessage.objects.count() == before
    assert "by_post" in AuditEvent.objects.for_subject(user).get().data["fields"]
    assert "ja, naar Kerkstraat 12, 1311 AB Almere" in client.get(reverse("accounts:profile")).text
