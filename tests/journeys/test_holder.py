"""The budget decision holder: a draft decision saved, left, re-opened and changed, then
published within the line's money; the letter the worker makes says it in Dutch."""

import re

import pytest
from playwright.sync_api import expect

from budget.models import Application
from tests.factories import UserFactory, complete_grant_meetlat, open_line
from tests.journeys import steps_holder, steps_officials
from tests.journeys.steps_common import (
    assert_dutch_figures,
    login_through_form,
    menu_link,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

DRAFT = {
    "amount": "1.600,00",
    "reasons": "Wie nu thuis zit, zingt weer mee. Dat is het ene criterium.",
    "evaluation": "2027-04-15",
    "accountability": "2027-12-31",
    "payment_on": "2027-02-01",
}


def test_holder_decides_within_their_budget_line(page, stack, assert_accessible):
    base = stack.url
    line, holder = open_line(allocation="25000.00", name="Smeerolie Haven")
    facilitator = UserFactory(role="facilitator")
    application = steps_officials.sent_in_application(line=line, facilitator=facilitator)
    application = steps_officials.assess(
        application, facilitator=facilitator, line=line, amount="1600.00"
    )

    login_through_form(page, base, holder.email)
    menu_link(page, "Aanvragen")
    page.get_by_role("link", name="Buurtkoor").click()
    assert_accessible(page, "application waiting for the decision")
    steps_holder.open_decision(page, base, application)
    steps_holder.draft_grant(page, DRAFT)
    page.goto(base + "/mijn/")

    # Re-opened: the draft as saved. The evaluation moves a week; saved again, kept.
    steps_holder.open_decision(page, base, application)
    steps_holder.expect_draft(page, DRAFT)
    assert_accessible(page, "draft decision")
    changed = {**DRAFT, "evaluation": "2027-04-22"}
    steps_holder.draft_grant(page, changed)
    steps_holder.open_decision(page, base, application)
    steps_holder.expect_draft(page, changed)

    # The Meetlat of the decision record (its own pages are walked in tests/browser), then
    # the decision is made known.
    complete_grant_meetlat(Application.objects.get(pk=application.pk).decision, holder)
    steps_holder.publish(page, base, application)
    expect(page.get_by_text(re.compile("^Toegekend")).first).to_be_visible()
    expect(page.get_by_text("22 april 2027").first).to_be_visible()
    assert_dutch_figures(page)

    # The letter the worker made: a PDF with the amount and the dates in Dutch.
    letter = page.get_by_role("link", name=re.compile("^Toekenningsbrief"))
    text = steps_holder.letter_text(page, letter)
    assert "€ 1.600,00" in text, text
    assert "22 april 2027" in text, text

    # The line (in euros): 1.600,00 committed of 25.000,00, 23.400,00 left.
    menu_link(page, "Budget")
    page.get_by_role("link", name=re.compile(str(line.fund))).first.click()
    row = page.get_by_role("row", name=re.compile("Smeerolie Haven"))
    expect(row).to_contain_text("25.000,00")
    expect(row).to_contain_text("1.600,00")
    expect(row).to_contain_text("23.400,00")
    assert_accessible(page, "budget overview")
    assert_dutch_figures(page)
