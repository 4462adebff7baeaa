"""An official logs in with the municipality's SSO; the provider says a second factor was
used (amr otp), so the portal does not ask for its own TOTP: straight to the queue."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.journeys.steps_broker import expect_logged_in, log_in_with

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def test_sso_official_with_a_second_factor_reaches_the_queue(
    page, stack, login_method, assert_accessible
):
    base = stack.url
    login_method("staff")
    # An account the administrator made, without the portal's TOTP.
    UserFactory(role="facilitator", email="sanne.smit@gemeente.example.nl", with_mfa=False)

    log_in_with(page, base, "Inloggen als medewerker", "staff-mfa")
    expect_logged_in(page)
    expect(page.get_by_label("Code")).to_have_count(0)

    page.goto(base + reverse("budget:queue"))
    assert page.url == base + reverse("budget:queue")  # not sent to set up TOTP
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "the queue after SSO with a second factor")
