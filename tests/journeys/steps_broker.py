"""Logging in through the test broker (tests/oidc) in Chromium: the portal's button, the
broker's page, and back."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.oidc.fixtures import choose_at_broker


def log_in_with(page, base_url: str, button: str, person: str, *, level: str = ""):
    """Press `button` ("Inloggen met DigiD") on the login page (or the page the browser is
    on, when it shows that button), choose `person` at the broker, and come back."""
    if not page.get_by_role("button", name=button).count():
        page.context.clear_cookies()
        page.goto(base_url + reverse("account_login"))
    page.get_by_role("button", name=button).click()
    at_portal = re.compile(f"^{re.escape(base_url)}/(?!accounts/oidc/)")
    page.wait_for_url(re.compile(f"^{re.escape(base_url)}|/interaction/"))
    if "/interaction/" in page.url:
        choose_at_broker(page, person, level)
    page.wait_for_url(at_portal)


def expect_logged_in(page):
    expect(page.get_by_role("button", name="Uitloggen")).to_be_attached()
