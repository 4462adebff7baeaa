"""SC-15 "Regel van te voren de zeggenschap en verander die niet meer (tenzij…)": during the
period, who decides on Waterwijk changes only as a proposal with a reason that a second
person approves. beheer@ proposes that Ahmed Yilmaz takes over Waterwijk's decisions, the
coordinator approves in the browser, the budget-integrity log shows both names, and the
resident whose application is open is told who decides now. An open line always keeps a
decision holder: removing the last one is refused."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget.enums import ApplicationStatus, ChangeStatus
from budget.models import Application, BudgetChange
from tests.factories import UserFactory, application_in, open_line
from tests.journeys.steps_common import (
    log_out,
    login_through_form,
    mail_text,
    mail_to,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

REASON = "Anouk Visser is met verlof; Ahmed Yilmaz neemt Waterwijk over."


def _propose_holder(page, base, line, *, person: str, add: bool, reason: str, take_over=False):
    page.goto(base + reverse("budget:holders", args=[line.pk]))
    page.get_by_label("Persoon", exact=True).select_option(label=person)
    page.get_by_label(
        "Toevoegen als budgethouder met zeggenschap" if add else "Verwijderen"
    ).check()
    if take_over:
        page.get_by_label(
            "De nieuwe budgethouder neemt alle open aanvragen van deze lijn over"
        ).check()
    page.get_by_label("Waarom?").fill(reason)
    page.get_by_role("button", name="Stel de wijziging voor").click()
    expect(page.get_by_text("Je voorstel wacht op goedkeuring")).to_be_visible()


def _approve_from_tasks(page, base, line_name: str):
    page.goto(base + reverse("core:tasks"))
    row = page.get_by_role("row").filter(has_text=line_name).first
    row.get_by_role("link", name=re.compile("Goedkeuren of afwijzen")).click()
    page.get_by_role("button", name="Keur de wijziging goed").click()


def test_sc15_decision_moves_to_another_holder_with_four_eyes(
    page, stack, smtp_sink, assert_accessible
):
    base = stack.url
    beheer = UserFactory(role="administrator", full_name="Sanne Willems")
    coordinator = UserFactory(role="facilitator_coordinator", full_name="Yvonne Kok")
    anouk = UserFactory(role="budget_decision_holder", full_name="Anouk Visser")
    UserFactory(role="budget_decision_holder", full_name="Ahmed Yilmaz")
    line, _ = open_line(allocation="3000.00", name="Smeerolie Waterwijk", holders=[anouk])
    application = application_in(ApplicationStatus.AWAITING_DECISION, line=line)
    lead = application.initiative.created_by
    assert application.decider == anouk

    # beheer@: with one holder, removing is not offered; adding Ahmed is a proposal.
    login_through_form(page, base, beheer.email)
    page.goto(base + reverse("budget:holders", args=[line.pk]))
    expect(page.get_by_label("Verwijderen")).to_have_count(0)
    expect(page.get_by_text("is de enige budgethouder met zeggenschap")).to_be_visible()
    _propose_holder(page, base, line, person="Ahmed Yilmaz", add=True, reason=REASON,
                    take_over=True)  # fmt: skip
    assert_accessible(page, "budget change (proposer)")
    expect(page.get_by_role("button", name="Keur de wijziging goed")).to_have_count(0)
    assert list(line.decision_holders.all()) == [anouk]
    log_out(page)

    # coordinator@ approves from "Mijn taken".
    mail = mail_to(smtp_sink, coordinator.email, subject="Wacht op je goedkeuring")
    assert "Sanne Willems" in mail_text(mail)
    login_through_form(page, base, coordinator.email)
    _approve_from_tasks(page, base, "Smeerolie Waterwijk")
    expect(page.get_by_text("Goedgekeurd: de wijziging is doorgevoerd.")).to_be_visible()
    expect(page.get_by_test_id("change-status")).to_contain_text("Yvonne Kok")
    page.get_by_role("link", name="Logboek budgetintegriteit").click()
    row = page.get_by_role("row").filter(has_text=REASON)
    expect(row).to_contain_text("Sanne Willems")
    expect(row).to_contain_text("Yvonne Kok")
    expect(row).to_contain_text("Ahmed Yilmaz")
    assert_accessible(page, "integrity log")
    no_horizontal_scroll(page)
    log_out(page)

    # The resident is told once, and sees who decides now.
    message = mail_to(smtp_sink, lead.email, subject="Iemand anders beslist")
    assert "Ahmed Yilmaz" in mail_text(message)
    login_through_form(page, base, lead.email)
    page.goto(base + application.get_absolute_url())
    expect(page.get_by_test_id("decider")).to_contain_text("Ahmed Yilmaz")
    log_out(page)
    assert Application.objects.get(pk=application.pk).decider.full_name == "Ahmed Yilmaz"

    # Removing both holders: the second removal would leave Waterwijk without one.
    login_through_form(page, base, beheer.email)
    _propose_holder(page, base, line, person="Anouk Visser", add=False, reason="Vertrekt")
    _propose_holder(page, base, line, person="Ahmed Yilmaz", add=False, reason="Vertrekt ook")
    log_out(page)
    login_through_form(page, base, coordinator.email)
    _approve_from_tasks(page, base, "Smeerolie Waterwijk")
    expect(page.get_by_text("Goedgekeurd: de wijziging is doorgevoerd.")).to_be_visible()
    _approve_from_tasks(page, base, "Smeerolie Waterwijk")
    expect(page.get_by_role("alert")).to_contain_text(
        "is de enige budgethouder met zeggenschap van Smeerolie Waterwijk"
    )
    assert line.decision_holders.count() == 1
    assert BudgetChange.objects.filter(status=ChangeStatus.PROPOSED).count() == 1
