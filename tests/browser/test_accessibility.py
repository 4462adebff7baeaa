"""Every page of the foundation, for every role: 0 axe-core violations (WCAG 2.1/2.2 AA)."""

import pytest
from django.urls import reverse

from burgerkracht.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = ["core:home", "core:privacy", "core:accessibility", "budget:samen-sterk"]
ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_request_login_code",
    "account_email_verification_sent",
    "account_reset_password_done",
]
ACCOUNT_PAGES = [
    "core:dashboard",
    "accounts:profile",
    "accounts:profile-update",
    "accounts:delete",
    "account_email",
    "account_change_password",
    "mfa_index",
    "account_reauthenticate",
]


def _visit(page, live_server, url_name):
    response = page.goto(live_server.url + reverse(url_name))
    assert response.status == 200, url_name
    return page


def test_public_and_anonymous_pages_are_accessible(page, live_server, assert_accessible):
    for url_name in PUBLIC_PAGES + ANONYMOUS_PAGES:
        assert_accessible(_visit(page, live_server, url_name), url_name)

    page.goto(live_server.url + "/bestaat-niet/")
    assert_accessible(page, "404")


def test_english_pages_are_accessible(page, live_server, assert_accessible):
    page.goto(live_server.url + reverse("core:home"))
    page.get_by_role("button", name="English").click()

    for url_name in [*PUBLIC_PAGES, "account_login"]:
        assert_accessible(_visit(page, live_server, url_name), url_name)
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("role", Role.values)
def test_every_page_is_accessible_for_every_role(role, page, live_server, login, assert_accessible):
    login(UserFactory(role=role))

    for url_name in PUBLIC_PAGES + ACCOUNT_PAGES:
        assert_accessible(_visit(page, live_server, url_name), f"{role} {url_name}")

    page.goto(live_server.url + reverse("admin:index"))
    assert_accessible(page, f"{role} admin or 403")


def test_forms_with_errors_are_accessible(page, live_server, login, assert_accessible):
    page.goto(live_server.url + reverse("account_signup"))
    page.get_by_role("button", name="Registreren").click()
    assert_accessible(page, "signup errors")

    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("E-mailadres").fill("iemand@example.org")
    page.locator("input[type=password]").fill("fout")
    page.locator("main form button[type=submit]").first.click()
    assert_accessible(page, "login errors")

    login(UserFactory(role="resident"))
    page.goto(live_server.url + reverse("accounts:profile-update"))
    page.get_by_label("Telefoonnummer").fill("bel me maar")
    page.get_by_role("button", name="Opslaan").click()
    assert_accessible(page, "profile errors")
    page.goto(live_server.url + reverse("accounts:delete"))
    page.get_by_role("button", name="Mijn account verwijderen").click()
    assert_accessible(page, "delete errors")


def test_error_summary_takes_focus_and_links_to_the_field(page, live_server, login):
    login(UserFactory(role="resident"))
    page.goto(live_server.url + reverse("accounts:profile-update"))
    page.get_by_label("Telefoonnummer").fill("bel me maar")

    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")

    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Fout: ")
    page.get_by_role("link", name="Telefoonnummer: Vul een telefoonnummer in").click()
    assert page.evaluate("document.activeElement.id") == "id_phone"
    assert page.get_by_label("Telefoonnummer").input_value() == "bel me maar"


def test_keyboard_user_reaches_the_skip_link_first(page, live_server):
    page.goto(live_server.url + reverse("core:home"))

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"


def test_resident_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()

    page.goto(live_server.url + reverse("account_signup"))
    page.get_by_label("E-mailadres").fill("zonder-js@example.org")
    page.locator("input[name=password1]").fill("een-heel-goed-wachtwoord")
    page.locator("input[name=password2]").fill("een-heel-goed-wachtwoord")
    page.locator("main form button[type=submit]").first.click()

    assert page.url.endswith(reverse("account_email_verification_sent"))
    context.close()
