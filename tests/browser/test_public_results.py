"""The public results pages in a real browser: for every role and anonymously 0 axe-core
violations with data present (the chart, the tables, a story); without JavaScript; and at
320 px wide without horizontal scrolling (targets A1, A4, P7)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from budget import services
from burgerkracht.accounts.roles import Role
from initiatives.models import Initiative
from tests.factories import NeighbourhoodFactory, UserFactory, application_in, fill_accountability

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _results():
    """A wijk with a published, settled grant whose residents shared their story."""
    neighbourhood = NeighbourhoodFactory(name="Bloemwijk")
    application = application_in("granted")
    application.__class__.objects.filter(pk=application.pk).update(neighbourhood=neighbourhood)
    initiative = application.initiative
    Initiative.objects.filter(pk=initiative.pk).update(
        status="active", status_changed_at=timezone.now(), publication_consent=True
    )
    initiative.neighbourhoods.add(neighbourhood)
    lead = initiative.created_by
    accountability = fill_accountability(application.accountability, lead, submit=False)
    services.save_accountability_step(
        accountability=accountability, by=lead, step=4,
        data={"story": "Elke week kwamen er meer buren.", "story_public": True,
              "next_step": "independent"},
    )  # fmt: skip
    services.submit_accountability(accountability=accountability, by=lead)
    services.settle_accountability(
        accountability=accountability, by=Initiative.objects.get(pk=initiative.pk).facilitator
    )
    return neighbourhood


def _urls(neighbourhood) -> list[str]:
    return [
        reverse("budget:public-results"),
        reverse("budget:public-results-neighbourhood", args=[neighbourhood.slug]),
        reverse("budget:samen-sterk"),
    ]


def test_results_pages_are_accessible_anonymously_with_chart_table_and_story(
    page, live_server, assert_accessible, meetlat_v1
):
    neighbourhood = _results()

    for url in _urls(neighbourhood):
        assert page.goto(live_server.url + url).status == 200
        assert_accessible(page, url)
    page.goto(live_server.url + reverse("budget:public-results"))
    assert page.locator("figure.portal-chart").count() == 1
    assert page.locator("table").count() == 1
    assert "Elke week kwamen er meer buren." in page.content()


@pytest.mark.parametrize("role", Role.values)
def test_results_pages_are_accessible_for_every_role(
    role, page, live_server, login, assert_accessible, meetlat_v1
):
    neighbourhood = _results()
    login(UserFactory(role=role))

    for url in _urls(neighbourhood):
        assert page.goto(live_server.url + url).status == 200
        assert_accessible(page, f"{role} {url}")


def test_results_pages_work_without_javascript_and_at_320_px(browser, live_server, meetlat_v1):
    neighbourhood = _results()
    context = browser.new_context(
        java_script_enabled=False, locale="nl-NL", viewport={"width": 320, "height": 640}
    )
    page = context.new_page()

    widths = {}
    for url in _urls(neighbourhood):
        assert page.goto(live_server.url + url).status == 200
        widths[url] = page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    page.goto(live_server.url + reverse("budget:public-results"))
    page.get_by_role("link", name="Bloemwijk").first.click()

    assert widths == dict.fromkeys(_urls(neighbourhood), True)
    assert page.url.endswith(
        reverse("budget:public-results-neighbourhood", args=[neighbourhood.slug])
    )
    assert "Elke week kwamen er meer buren." in page.content()
    context.close()
