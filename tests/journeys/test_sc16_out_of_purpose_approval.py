"""SC-16, the approval step: money leaves the Samen Sterk purpose only when a second person
approves. beheer@ proposes moving € 1.500 out of Samen Sterk ("bezuinigd"), the coordinator
approves in the browser, and the line's remaining money drops; a proposal above what is still
free on the line is refused with a Dutch message."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget import services
from budget.models import BudgetLine
from tests.factories import UserFactory, open_line
from tests.journeys.steps_common import log_out, login_through_form, mail_to

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

REASON = "De gemeenteraad bezuinigt op het sociaal domein."


def test_sc16_money_out_of_samen_sterk_needs_a_second_person(
    page, stack, smtp_sink, assert_accessible
):
    base = stack.url
    beheer = UserFactory(role="administrator", full_name="Sanne Willems")
    coordinator = UserFactory(role="facilitator_coordinator", full_name="Yvonne Kok")
    line, holder = open_line(allocation="5000.00", name="Stedelijk")
    services.open_fund(by=beheer, fund=line.fund)
    services.approve_award(by=holder, line=line, amount=Decimal("3000.00"), description="Koor")

    # beheer@ proposes from the fund's page; too much is refused in Dutch.
    login_through_form(page, base, beheer.email)
    page.goto(base + line.fund.get_absolute_url())
    page.get_by_role("link", name="Geld uit Samen Sterk halen").click()
    assert_accessible(page, "propose money out of Samen Sterk")
    page.get_by_label("Van lijn").select_option(label="Stedelijk")
    page.get_by_label("Bedrag (euro)").fill("2.000,01")
    page.get_by_label("Bezuinigd").check()
    page.get_by_label("Waarom?").fill(REASON)
    page.get_by_role("button", name="Stel de wijziging voor").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Je kunt maximaal verschuiven wat er op de lijn over is: € 2.000,00."
    )
    page.get_by_label("Bedrag (euro)").fill("1.500")
    page.get_by_role("button", name="Stel de wijziging voor").click()
    expect(page.get_by_text("Je voorstel wacht op goedkeuring")).to_be_visible()
    assert BudgetLine.objects.get(pk=line.pk).remaining == Decimal("2000.00")
    log_out(page)

    # coordinator@ gets the e-mail, follows "Mijn taken" and approves.
    mail_to(smtp_sink, coordinator.email, subject="Wacht op je goedkeuring")
    login_through_form(page, base, coordinator.email)
    page.goto(base + reverse("core:tasks"))
    page.get_by_role("link", name=re.compile("Goedkeuren of afwijzen")).click()
    expect(page.get_by_text("€ 1.500,00: Stedelijk")).to_be_visible()
    assert_accessible(page, "budget change (approver)")
    page.get_by_role("button", name="Keur de wijziging goed").click()
    expect(page.get_by_text("Goedgekeurd: de wijziging is doorgevoerd.")).to_be_visible()

    # The line's remaining money dropped; the log names both.
    assert BudgetLine.objects.get(pk=line.pk).remaining == Decimal("500.00")
    page.goto(base + line.fund.get_absolute_url())
    row = page.get_by_role("row").filter(has_text="Stedelijk").first
    expect(row).to_contain_text("500,00")
    page.get_by_role("link", name="Logboek budgetintegriteit").click()
    entry = page.get_by_role("row").filter(has_text=REASON)
    expect(entry).to_contain_text("Sanne Willems")
    expect(entry).to_contain_text("Yvonne Kok")
    expect(entry).to_contain_text("Bezuinigd")
