"""The search field of each officials' list gives an example reference of that list's kind
(issue #24): an application's SS- number finds nothing on the initiatives' list, so it is not
offered there as the example."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "url", "example"),
    [
        ("facilitator", "budget:queue", "SS-2026-00042"),
        ("facilitator", "initiatives:officials-list", "BI-2026-00042"),
        ("advice_coordinator", "advice:register", "ADV-2026-012"),
    ],
)
def test_the_search_example_is_a_reference_of_the_list_itself(client, role, url, example):
    client.force_login(UserFactory(role=role, with_mfa=True))

    page = client.get(reverse(url), HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert f"Een naam, een kenmerk (zoals {example}) of een woord uit de tekst." in page
    assert [e for e in ("SS-2026-00042", "BI-2026-00042", "ADV-2026-012") if e in page] == [example]
