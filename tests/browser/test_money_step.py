"""The money step and "Past mijn idee?" in a browser at 320 and 1280 px (issue #24): axe
finds nothing, nothing scrolls sideways, the total follows the typing (portal.js) and
"Bereken totaal" works without JavaScript. SCREENSHOTS=dir keeps the pictures."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import InitiativeFactory, filled_application, open_line

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", [320, 1280])
def test_fit_check_and_money_step(width, page, live_server, login, assert_accessible):
    line = open_line(allocation="5000.00", max_per_application="1000.00", name="Smeerolie X")[0]
    application = filled_application(line=line)
    login(application.initiative.created_by)
    page.set_viewport_size({"width": width, "height": 900})

    InitiativeFactory(submitted=True, created_by=application.initiative.created_by)
    page.goto(live_server.url + reverse("budget:application-new"))
    assert page.get_by_role("heading", name="Past mijn idee?").is_visible()
    assert_accessible(page, "past mijn idee")
    _no_sideways_scroll(page)
    _shot(page, f"fit-check-{width}")

    step = live_server.url + reverse("budget:application-step", args=[application.pk, 4])
    page.goto(step)
    total = page.locator("[data-cost-total]")
    assert total.inner_text() == "€ 600,00"
    page.fill("#id_cost_3_description", "Koffie")
    page.fill("#id_cost_3_amount", "25,50")
    assert total.inner_text().replace("\u00a0", " ") == "€ 625,50"  # live, portal.js
    assert page.locator("[data-money-check]").is_visible()  # 500 asked, 550 left
    assert_accessible(page, "money step with a warning")
    _no_sideways_scroll(page)
    _shot(page, f"money-warning-{width}")

    page.fill("#id_cost_4_description", "Zaal")
    page.fill("#id_requested_amount", "")
    page.click(".portal-actions button[name=next]")
    assert page.locator("#error-summary").is_visible()
    assert page.input_value("#id_cost_4_description") == "Zaal"  # nothing typed is lost
    assert_accessible(page, "money step with errors")
    _no_sideways_scroll(page)
    _shot(page, f"money-errors-{width}")


def test_work_out_the_total_without_javascript(browser, live_server):
    from django.conf import settings
    from django.test import Client

    application = filled_application()
    client = Client()
    client.force_login(application.initiative.created_by)
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url,
    }])  # fmt: skip
    page = context.new_page()
    page.goto(live_server.url + reverse("budget:application-step", args=[application.pk, 4]))
    page.fill("#id_cost_3_description", "Koffie")
    page.fill("#id_cost_3_amount", "25,50")
    page.click("button[name=total]")
    assert page.locator("[data-cost-total]").inner_text() == "€ 625,50"
    context.close()


def test_no_warning_box_while_the_amounts_agree(page, live_server, login):
    """The warning is in the page (hidden) for portal.js; hidden means not shown at all, not
    an empty orange bar above the buttons (Utrecht's alert sets display: flex)."""
    application = filled_application()
    login(application.initiative.created_by)
    page.goto(live_server.url + reverse("budget:application-step", args=[application.pk, 4]))
    page.fill("#id_requested_amount", "550,00")  # the costs (600) minus own money (50)
    page.click("button[name=total]")
    warning = page.locator("[data-money-check]")
    assert warning.get_attribute("hidden") is not None
    assert not warning.is_visible()
    assert warning.bounding_box() is None
