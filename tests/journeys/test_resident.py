"""The resident: from sign-up to a paid and accounted-for Samen Sterk grant."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget import services
from budget.models import Application
from tests.factories import NeighbourhoodFactory, UserFactory, open_line
from tests.journeys import steps_officials, steps_resident
from tests.journeys.steps_common import (
    assert_dutch_figures,
    log_out,
    login_through_form,
    no_horizontal_scroll,
    reload_until,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

EMAIL = "sanne.de.vries@example.org"
PASSWORD = "Zingen-in-de-Haven-2027"
RESULT = {
    "who": "Mensen met geheugenproblemen die nu thuis zitten.",
    "how": "Ze zingen elke dinsdag samen en drinken daarna koffie.",
    "difference": "Ze komen weer buiten en kennen hun buren.",
    "sign": "Twaalf mensen komen elke week",
    "neighbourhood": "Haven",
}
GOAL = {"goal": "Erbij horen.", "means": "Een koor met een dirigent."}
PARTICIPANTS = {"participants": "12", "reach": "Via de huisarts en de kerk."}
MONEY = {"cost": "Dirigent", "cost_amount": "1.650,00", "own": "50,00", "asked": "1.600,00"}
TIME = {"starts": "2027-02-01", "ends": "2027-12-01", "backup": "buurman@example.org"}


@pytest.fixture
def samen_sterk():
    """An open Samen Sterk fund with the Haven's line, its holder, a facilitator and the
    coordinator who hands out initiatives."""
    NeighbourhoodFactory(name="Haven", slug="haven")
    line, holder = open_line(allocation="25000.00", name="Smeerolie Haven")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    return {
        "line": line,
        "holder": holder,
        "facilitator": UserFactory(role="facilitator"),
        "coordinator": UserFactory(role="facilitator_coordinator"),
    }


def test_resident_signs_up_applies_and_accounts_for_a_paid_grant(
    page, stack, smtp_sink, samen_sterk, assert_accessible
):
    base = stack.url
    steps_resident.sign_up(page, base, smtp_sink, EMAIL, PASSWORD)
    log_out(page)
    login_through_form(page, base, EMAIL, PASSWORD)

    # The application: four steps, then half of the money step, and away.
    steps_resident.start_with_a_new_initiative(page, base, "Zingen in de Haven")
    assert_accessible(page, "step 1")
    steps_resident.fill_result(page, RESULT)
    steps_resident.fill_goal(page, GOAL)
    steps_resident.fill_participants(page, PARTICIPANTS)
    steps_resident.fill_money(page, MONEY, leave=True)
    application = Application.objects.get(initiative__title="Zingen in de Haven")
    page.goto(base + reverse("budget:application-step", args=[application.pk, 5]))
    steps_resident.fill_time(page, TIME, leave=True)
    log_out(page)

    # Back again the next day: every saved value is in its field, dates and amounts too.
    login_through_form(page, base, EMAIL, PASSWORD)
    page.goto(base + reverse("budget:my-applications"))
    page.get_by_role("link", name=re.compile("Zingen in de Haven")).first.click()
    steps_resident.open_step(page, 1)
    expect(page.get_by_label("Wie gaan er meedoen?")).to_have_value(RESULT["who"])
    expect(page.get_by_label("In welke wijk?").locator("option:checked")).to_have_text("Haven")
    page.go_back()
    steps_resident.open_step(page, 4)
    expect(page.get_by_label("Kostenpost 1: bedrag in euro")).to_have_value(MONEY["cost_amount"])
    expect(page.get_by_label("Hoeveel vraag je aan Samen Sterk, in euro?")).to_have_value(
        MONEY["asked"]
    )
    page.get_by_role("button", name=steps_resident.NEXT).click()  # saved again unchanged
    expect(page).to_have_title(re.compile("^Stap 5 van 6"))
    expect(page.get_by_label("Wanneer begin je?")).to_have_value(TIME["starts"])
    expect(page.get_by_label("Tot wanneer loopt het?")).to_have_value(TIME["ends"])
    # The backup was invited when the step was saved: named, not asked again.
    expect(page.get_by_text(TIME["backup"]).first).to_be_visible()
    page.get_by_role("button", name=steps_resident.NEXT).click()
    expect(page).to_have_title(re.compile("^Stap 6 van 6"))
    steps_resident.send_in(page)
    assert_accessible(page, "sent in")
    application.refresh_from_db()
    assert application.requested_amount == 1600

    # The municipality checks, grants 1.600,00 and pays the first part.
    application = steps_officials.assess(application, amount="1600.00", **{
        k: samen_sterk[k] for k in ("facilitator", "coordinator", "line")})  # fmt: skip
    steps_officials.grant_and_pay(
        application, holder=samen_sterk["holder"], amount="1600.00", paid_on=date(2027, 2, 3)
    )

    # The resident sees the grant, the letter, the payment; the statuses follow.
    page.goto(base + application.get_absolute_url())
    expect(page.get_by_text("Toegekend").first).to_be_visible()
    expect(page.get_by_text("€ 1.600,00").first).to_be_visible()
    expect(page.get_by_text("Betaald op 3 februari 2027")).to_be_visible()
    reload_until(page, page.get_by_role("link", name=re.compile("^Toekenningsbrief")))
    assert_accessible(page, "granted")
    assert_dutch_figures(page)
    no_horizontal_scroll(page)

    # The accountability afterwards.
    steps_resident.account_for(page, base, application.accountability, spent="1.580,00")
    expect(page.get_by_text("Bedankt! Je verantwoording is ingestuurd.")).to_be_visible()
    expect(page.get_by_text(re.compile("· Ingestuurd ·"))).to_be_visible()
    expect(page.get_by_role("cell", name="€ 1.580,00")).to_be_visible()
    assert_accessible(page, "accountability sent in")
    assert_dutch_figures(page)
    page.goto(base + application.get_absolute_url())
    expect(page.get_by_text("Verantwoording achteraf: Ingestuurd")).to_be_visible()

    # The statuses follow: the initiative of a granted application is running.
    page.goto(base + reverse("initiatives:detail", args=[application.initiative_id]))
    expect(page.get_by_text("Loopt").first).to_be_visible()
    expect(page.get_by_text("Ingediend")).to_have_count(0)
