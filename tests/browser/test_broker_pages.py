"""The pages of a DigiD login that the journeys do not pass, in Chromium with axe-core: the
confirmation before linking DigiD to an existing account, the page that asks for a higher
level, and the Dutch error page of a refused login."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import UserFactory, filled_application
from tests.oidc.fixtures import choose_at_broker, login_method, oidc_broker  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_with_digid(page, base, person):
    page.goto(base + reverse("account_login"))
    page.get_by_role("button", name="Inloggen met DigiD").click()
    choose_at_broker(page, person)
    page.wait_for_url(re.compile(f"^{re.escape(base)}/(?!accounts/oidc/)|/login/callback/"))


def test_linking_and_a_higher_level_are_accessible(
    page,
    live_server,
    login_method,  # noqa: F811 (the fixture)
    assert_accessible,
):
    base = live_server.url
    login_method("digid", level_application="substantieel")
    anna = UserFactory(role="resident", email="anna.devries@example.nl")
    application = filled_application(lead=anna)

    log_in_with_digid(page, base, "resident-midden")
    expect(page.get_by_role("heading", level=1)).to_have_text("DigiD koppelen aan je account?")
    assert_accessible(page, "link DigiD")
    page.get_by_role("button", name="Ja, koppel DigiD").click()
    expect(page.get_by_text("DigiD is nu gekoppeld aan je account.")).to_be_visible()

    page.goto(base + reverse("budget:application-check", args=[application.pk]))
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log opnieuw in met DigiD")
    expect(page.get_by_text(re.compile("niveau Substantieel"))).to_be_visible()
    assert_accessible(page, "a higher DigiD level")


def test_a_refused_login_is_accessible(page, live_server, login_method, assert_accessible):  # noqa: F811
    base = live_server.url
    login_method("digid", "wrong-nonce")

    log_in_with_digid(page, base, "resident-midden")

    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen is niet gelukt")
    expect(page.get_by_text("Het antwoord van de inlogdienst klopte niet.")).to_be_visible()
    assert_accessible(page, "refused login")
