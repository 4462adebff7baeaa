"""An official logs in with the municipality's SSO with a password only (amr pwd): the
portal's own two-step rule applies. Ruud has set up TOTP, so the portal asks for the code
before he reaches the queue."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.journeys.steps_broker import expect_logged_in
from tests.journeys.steps_common import totp_code
from tests.oidc.fixtures import choose_at_broker

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def test_sso_official_without_a_second_factor_is_asked_for_totp(
    page, stack, login_method, assert_accessible
):
    base = stack.url
    login_method("staff")
    ruud = UserFactory(role="facilitator", email="ruud.mulder@gemeente.example.nl")

    page.goto(base + reverse("account_login"))
    page.get_by_role("button", name="Inloggen als medewerker").click()
    choose_at_broker(page, "staff-pwd")
    code = page.get_by_label("Code")
    expect(code).to_be_visible()
    assert_accessible(page, "the portal asks for the TOTP code after SSO")
    code.fill(totp_code(ruud))
    page.get_by_role("button", name="Inloggen").click()
    expect_logged_in(page)

    page.goto(base + reverse("budget:queue"))
    assert page.url == base + reverse("budget:queue")
