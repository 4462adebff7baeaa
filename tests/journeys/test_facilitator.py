"""The facilitator: the check of an application, saved, left, re-opened and changed; later
the evaluation visit, planned and re-planned."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from budget import services
from budget.models import Application
from tests.factories import UserFactory, decide, open_line
from tests.journeys import steps_facilitator, steps_officials
from tests.journeys.steps_common import assert_dutch_figures, login_through_form

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]
AFTER_THE_VISIT = datetime(2027, 4, 23, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_facilitator_assesses_and_edits_a_saved_decision(page, stack, assert_accessible):
    base = stack.url
    line, holder = open_line(allocation="25000.00", name="Stedelijk")
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    application = steps_officials.sent_in_application(line=line, facilitator=facilitator)
    title = application.initiative.title

    login_through_form(page, base, facilitator.email)
    steps_facilitator.open_from_queue(page, base, title)
    assert_accessible(page, "application for the facilitator")
    values = dict(steps_facilitator.ASSESSMENT)
    steps_facilitator.open_check(page)
    steps_facilitator.check_application(page, values, amount="1.500,00", line=str(line))
    assert_accessible(page, "check saved")
    page.goto(base + "/mijn/")

    # Later: the check is there as it was saved; she changes it and saves again.
    steps_facilitator.open_from_queue(page, base, title)
    steps_facilitator.open_check(page)
    steps_facilitator.expect_check(page, values, amount="1.500,00", line=str(line))
    values["Financiële toets"] = "De begroting klopt; de zaalhuur is lager dan vorig jaar."
    steps_facilitator.check_application(page, values, amount="1.600,00", line=str(line))
    page.goto(page.url)
    steps_facilitator.expect_check(page, values, amount="1.600,00", line=str(line))
    assert Application.objects.get(pk=application.pk).proposed_amount == 1600
    steps_facilitator.send_to_holders(page)
    expect(page.get_by_text("€ 1.600,00").first).to_be_visible()
    assert_dutch_figures(page)

    # Granted by the holder (test_holder walks that page); the visit of the first evaluation.
    decide(Application.objects.get(pk=application.pk), holder, amount="1600.00")
    services.publish_decision(application=application, by=holder)
    evaluation = Application.objects.get(pk=application.pk).evaluations.get()
    steps_facilitator.plan_visit(
        page, base, evaluation, on="2027-04-15", visitor="Femke Jansen", was="2027-05-01"
    )
    assert_accessible(page, "evaluation with its visit")
    expect(page.get_by_text("15 april 2027").first).to_be_visible()
    assert_dutch_figures(page)
    page.goto(base + "/mijn/")
    steps_facilitator.plan_visit(
        page, base, evaluation, on="2027-04-22", visitor="Femke Jansen", was="2027-04-15"
    )
    expect(page.get_by_text("22 april 2027").first).to_be_visible()

    # The day after the visit (her session has long expired): the notes, left half-way and
    # finished later.
    with time_machine.travel(AFTER_THE_VISIT, tick=True):
        login_through_form(page, base, facilitator.email)
        page.goto(base + reverse("budget:evaluation", args=[evaluation.pk]))
        steps_facilitator.write_down_meeting(
            page, held_on="2027-04-22", present="Anna, Joop en zes zangers", participants="14"
        )
        page.goto(base + reverse("budget:evaluation", args=[evaluation.pk]))
        steps_facilitator.finish_notes(
            page, held_on="2027-04-22", present="Anna, Joop en zes zangers"
        )
        expect(page.get_by_text("Een bezoek, 22 april 2027")).to_be_visible()
        expect(page.get_by_text("14 (verwacht: 12)")).to_be_visible()
        assert_accessible(page, "evaluation written down")
        assert_dutch_figures(page)
        page.get_by_role("link", name="Naar de budgethouder met zeggenschap sturen").click()
        page.get_by_role("button", name="Naar de budgethouder met zeggenschap sturen").click()
        expect(page.get_by_text(re.compile("· Vastgelegd$"))).to_be_visible()
