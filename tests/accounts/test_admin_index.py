"""The admin index names every app once: ours is not a second "Accounts" next to allauth's."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_index_has_no_two_apps_with_one_name(client):
    admin = UserFactory(role="administrator")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    names = [str(app["name"]) for app in response.context["app_list"]]
    assert len(names) == len(set(names)), names
    apps = {str(app["name"]): app["app_label"] for app in response.context["app_list"]}
    assert apps["Gebruikers en manieren van inloggen"] == "accounts"
    assert apps["Accounts"] == "account"  # allauth's e-mail addresses keep their name
