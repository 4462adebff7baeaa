"""An official logs in with the municipality's SSO with a password only and has not set up
the portal's TOTP either: the portal sends him to set it up before any staff page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.journeys.steps_broker import log_in_with

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def test_sso_official_without_any_second_factor_must_set_one_up(page, stack, login_method):
    base = stack.url
    login_method("staff")
    UserFactory(role="facilitator", email="ruud.mulder@gemeente.example.nl", with_mfa=False)

    log_in_with(page, base, "Inloggen als medewerker", "staff-pwd")
    page.goto(base + reverse("budget:queue"))

    expect(
        page.get_by_text("Voor je rol bij de gemeente moet je inloggen in twee stappen")
    ).to_be_visible()
    assert page.url != base + reverse("budget:queue")
