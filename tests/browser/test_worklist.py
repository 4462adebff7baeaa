""" "Mijn taken" and the queue with its search field, at 1280 and 320 pixels wide: no axe
violations, nothing wider than the screen."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from budget.enums import ApplicationStatus
from budget.models import Application
from tests.factories import UserFactory, application_in, open_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_my_tasks_and_the_searchable_queue(
    page, login, live_server, assert_accessible, width, tmp_path
):
    facilitator = login(UserFactory(role="facilitator", with_mfa=True, full_name="Femke Jansen"))
    line, _holder = open_line(allocation="9000.00", name="Stedelijk")
    older = application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator, line=line)
    application_in(ApplicationStatus.IN_ASSESSMENT, facilitator=facilitator, line=line)
    Application.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(weeks=3))
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + reverse("core:tasks"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn taken")
    expect(page.get_by_text("Te laat").first).to_be_visible()
    assert_accessible(page, f"my tasks at {width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=tmp_path / f"tasks-{width}.png", full_page=True)

    page.goto(live_server.url + reverse("budget:queue"))
    page.get_by_label("Zoeken").fill(older.reference)
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name=older.initiative.title)).to_have_count(1)
    assert_accessible(page, f"queue searched at {width}")
    page.screenshot(path=tmp_path / f"queue-{width}.png", full_page=True)
    page.get_by_role("link", name=older.initiative.title).click()
    expect(page.get_by_role("link", name="Terug naar de lijst")).to_be_visible()
    assert_accessible(page, f"application with list navigation at {width}")


def test_a_long_dossier_name_stays_inside_its_task_on_a_phone(page, login, live_server):
    """At 320 px each task is a block; a dossier name over two lines makes the task taller
    instead of running over the line under it (Utrecht gives table cells a fixed height)."""
    facilitator = login(UserFactory(role="facilitator", with_mfa=True))
    application = application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator)
    application.initiative.title = "Voorleesochtend voor ouders en kinderen in de Stedenwijk"
    application.initiative.save(update_fields=["title"])
    page.set_viewport_size({"width": 320, "height": 900})

    page.goto(live_server.url + reverse("core:tasks"))
    cells = page.locator(".portal-tasks tbody td, .portal-tasks tbody th")
    expect(cells.first).to_be_visible()
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.portal-tasks tbody td, .portal-tasks tbody th')]
             .filter(cell => cell.scrollHeight > cell.clientHeight + 1)
             .map(cell => cell.innerText)"""
    )
    assert overflowing == []


def test_a_table_wider_than_the_desktop_page_says_it_slides(page, login, live_server):
    """At 1024 px the queue's ten columns do not fit the page (at 1280 they do,
    test_wide_lists.py): besides the shadow at its edge the table says in words that it
    slides sideways (portal.js), as it does on a phone. A table that fits says nothing."""
    facilitator = login(UserFactory(role="facilitator", with_mfa=True))
    line, _holder = open_line(
        allocation="9000.00", name="Samen Sterk voor alle wijken van de stad tegelijk en samen"
    )
    application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator, line=line)
    page.set_viewport_size({"width": 1024, "height": 900})

    page.goto(live_server.url + reverse("budget:queue"))
    region = page.locator(".portal-table-scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    expect(page.get_by_text("Schuif de tabel opzij om alles te zien.")).to_be_visible()

    page.goto(live_server.url + reverse("budget:queue") + "?q=niets-dat-bestaat")
    assert not region.evaluate("r => r.scrollWidth > r.clientWidth")
    expect(page.get_by_text("Schuif de tabel opzij om alles te zien.")).to_be_hidden()
