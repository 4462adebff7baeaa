"""The report pages of core for every role: 0 axe violations on the page or its 403, with
data (a chart, its table, an error summary, a finished annual report)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from burgerkracht.accounts.roles import Role
from burgerkracht.core.models import AnnualReport
from tests.factories import PolicyDecisionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    reverse("core:reports"),
    reverse("core:report", args=["meetlat"]),
    reverse("core:report", args=["meetlat"]) + "?van=2030-01-01&tot=2020-01-01",
    reverse("core:annual-report"),
]


@pytest.mark.parametrize("role", Role.values)
def test_report_pages_are_accessible_for_every_role(
    role, page, live_server, login, assert_accessible, meetlat_v1
):
    by = UserFactory(role="facilitator")
    PolicyDecisionFactory.create(by=by, complete=True, department="Wijkzaken")
    PolicyDecisionFactory.create(by=by, department="Zorg")
    run = AnnualReport.objects.create(year=2026, requested_by=by)
    run.pdf.save("jaarverslag.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    AnnualReport.objects.create(year=2025, requested_by=by)  # still being made
    login(UserFactory(role=role))

    statuses = {}
    for url in PAGES:
        statuses[url] = page.goto(live_server.url + url).status
        assert_accessible(page, f"{role} {url}")

    assert set(statuses.values()) <= {200, 403}, statuses
    if role == Role.READ_ONLY:
        assert set(statuses.values()) == {200}
        page.goto(live_server.url + reverse("core:report", args=["meetlat"]))
        assert page.locator("figure.portal-chart").count() == 3
        assert page.locator("figure.portal-chart figcaption").first.inner_text()


def test_report_filters_work_without_javascript(browser, live_server, meetlat_v1):
    from django.conf import settings
    from django.test import Client

    reader = UserFactory(role="read_only")
    by = UserFactory(role="facilitator")
    PolicyDecisionFactory.create(by=by, complete=True, department="Wijkzaken")
    PolicyDecisionFactory.create(by=by, department="Zorg")
    client = Client()
    client.force_login(reader)
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "url": live_server.url, "value": session},
            # English only when chosen with the switch, whatever the browser's locale.
            {"name": settings.LANGUAGE_COOKIE_NAME, "url": live_server.url, "value": "en"},
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("core:report", args=["meetlat"]))
    page.fill("#id_afdeling", "Zorg")
    page.get_by_role("button", name="Show").click()

    assert "afdeling=Zorg" in page.url
    assert page.locator(".portal-figure").first.inner_text().split()[-1] == "1"
    context.close()
