"""Saved filters above the Samen Sterk queue and the reassignment page, at 1280 and 320 pixels
wide: no axe violations, nothing wider than the screen (issue #24)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget.enums import ApplicationStatus
from burgerkracht.core.models import SavedFilter
from tests.factories import InitiativeFactory, UserFactory, application_in, open_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 320])
def test_saved_filters_on_the_queue(page, login, live_server, assert_accessible, width, tmp_path):
    facilitator = login(UserFactory(role="facilitator", with_mfa=True, full_name="Femke Jansen"))
    line, _holder = open_line(allocation="9000.00", name="Stedelijk")
    application_in(ApplicationStatus.IN_ASSESSMENT, facilitator=facilitator, line=line)
    SavedFilter.objects.create(
        owner=facilitator, list_key="budget:queue",
        name="Een lange naam: mijn wijk, alles wat nog getoetst moet worden",
        query="status=in_assessment",
    )  # fmt: skip
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + reverse("budget:queue") + "?status=in_assessment&q=soep")
    expect(page.get_by_role("heading", name="Je bewaarde filters")).to_be_visible()
    expect(page.get_by_role("button", name="Bewaar dit filter")).to_be_visible()
    assert_accessible(page, f"queue with saved filters at {width}")
    _no_sideways_scroll(page, width)
    page.screenshot(path=tmp_path / f"saved-filters-{width}.png", full_page=True)

    page.get_by_role("button", name="Bewaar dit filter").click()  # no name: told at the field
    expect(page.get_by_text("Geef het filter een naam.").first).to_be_visible()
    assert_accessible(page, f"save form with an error at {width}")
    _no_sideways_scroll(page, width)

    saved = SavedFilter.objects.get()
    page.goto(live_server.url + reverse("core:saved-filter-delete", args=[saved.pk]))
    assert_accessible(page, f"delete question at {width}")
    _no_sideways_scroll(page, width)


@pytest.mark.parametrize("width", [1280, 320])
def test_the_reassignment_page(
    page, login, live_server, assert_accessible, meetlat_v1, width, tmp_path
):
    login(UserFactory(role="facilitator_coordinator", with_mfa=True, full_name="Carla Coördinator"))
    busy = UserFactory(role="facilitator", full_name="Anna de Vries")
    UserFactory(role="facilitator", full_name="Bram Bakker")
    line, _holder = open_line(allocation="9000.00", name="Stedelijk")
    granted = application_in(ApplicationStatus.GRANTED, facilitator=busy, line=line)
    long_title = "Een initiatief met een heel erg lange titel over de buurtmoestuin"
    InitiativeFactory(active=True, facilitator=busy, title=long_title)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + reverse("initiatives:reassign") + f"?van={busy.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers opnieuw verdelen")
    expect(page.get_by_text(granted.reference)).to_be_visible()
    assert_accessible(page, f"reassignment at {width}")
    _no_sideways_scroll(page, width)
    page.screenshot(path=tmp_path / f"reassign-{width}.png", full_page=True)

    page.get_by_role("button", name="Verdeel opnieuw").click()  # no new facilitator, no reason
    expect(page.get_by_text("Nieuwe facilitator").first).to_be_visible()
    assert_accessible(page, f"reassignment with errors at {width}")
    _no_sideways_scroll(page, width)
