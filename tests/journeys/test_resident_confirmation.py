"""The resident sends in an application from "Actie nodig" and gets a confirmation with its
reference number; back on Mijn burgerkracht, what is left to do comes first (issue #24)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget import services
from tests.factories import (
    InitiatorFactory,
    UserFactory,
    filled_application,
    open_line,
)
from tests.journeys.steps_common import login_through_form, mail_to, no_horizontal_scroll

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def test_resident_sees_confirmation_with_reference_and_action_needed(
    page, stack, smtp_sink, assert_accessible
):
    base = stack.url
    line, _holder = open_line(allocation="25000.00", name="Stedelijk")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    resident = UserFactory(role="resident", full_name="Sanne de Vries")
    application = filled_application(lead=resident, line=line)
    facilitator = UserFactory(role="facilitator", full_name="Fatima Bakker")
    application.initiative.facilitator = facilitator
    application.initiative.save(update_fields=["facilitator"])
    InitiatorFactory(user=None, email=resident.email, accepted_at=None,
                     initiative__title="Moestuin aan de Dijk")  # fmt: skip
    reference = application.reference

    # Mijn burgerkracht opens with what she must do: the draft and the invitation.
    login_through_form(page, base, resident.email)
    page.goto(base + reverse("core:dashboard"))
    headings = page.get_by_role("heading", level=2)
    expect(headings.first).to_have_text("Actie nodig")
    actions = page.get_by_test_id("actions-needed")
    expect(actions.get_by_role("listitem")).to_have_count(2)
    expect(page.get_by_text("Je rollen")).to_have_count(0)
    assert_accessible(page, "dashboard with actions")

    # From "Actie nodig" to the check page, and send it in.
    actions.get_by_role("link", name=re.compile("Maak je aanvraag voor .* af")).click()
    page.get_by_role("button", name="Versturen").click()

    # The confirmation: a panel with the reference, what happens next, the contact person.
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag verstuurd")
    expect(page.get_by_test_id("reference")).to_have_text(reference)
    expect(page.get_by_role("heading", name="Wat gebeurt er nu")).to_be_visible()
    expect(page.get_by_text(re.compile("Binnen vier weken"))).to_be_visible()
    expect(page.get_by_text("Je contactpersoon bij de gemeente is Fatima Bakker.")).to_be_visible()
    assert_accessible(page, "confirmation")
    page.set_viewport_size({"width": 320, "height": 800})
    no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1024, "height": 800})

    # The worker's mail carries the reference in its subject.
    message = mail_to(smtp_sink, resident.email, subject=reference)
    assert reference in message["Subject"]

    # Back on Mijn burgerkracht: only the invitation is left; the application has its
    # reference and one status line; its page shows the timeline.
    page.get_by_role("link", name="Naar Mijn burgerkracht").click()
    expect(actions.get_by_role("listitem")).to_have_count(1)
    expect(actions).to_contain_text("Moestuin aan de Dijk")
    expect(page.get_by_text(reference).first).to_be_visible()
    page.locator(f'a[href="{application.get_absolute_url()}"]').first.click()
    timeline = page.get_by_test_id("status-timeline")
    expect(timeline.locator('[aria-current="step"]')).to_contain_text(
        "Gecontroleerd door je contactpersoon"
    )
    assert_accessible(page, "application with timeline")
