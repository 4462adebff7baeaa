"""SC-14: after the interim evaluation the money changes, and the residents have it in writing.

Three cases of the scenario: (a) fewer people take part → fewer means; (b) the group now
organises itself → less professional support (the cost line "Dirigent" goes down, and the
award with it); (c) the group grows → an extra push. Each time the facilitator writes the
evaluation down in the browser, the decision holder (zeggenschap) decides in the browser, and
the resident logs in and sees the new amount on the application page and the amended award
letter (a PDF the worker made) with the letters of the dossier."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from budget.models import Award, CostLine, Evaluation, Letter
from burgerkracht.core.ui.formatting import euro
from tests.budget.followup_helpers import D, complete_meetlat
from tests.factories import UserFactory, application_in, open_line
from tests.journeys import steps_facilitator
from tests.journeys.steps_common import (
    log_out,
    login_through_form,
    mail_text,
    mail_to,
    no_horizontal_scroll,
    reload_until,
)
from tests.journeys.steps_holder import letter_text

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

CASES = {
    "fewer_means": {
        "outcome": "Minder middelen: er doen minder mensen mee",
        "why": "Er komen nog maar vier mensen; de zaal kan kleiner.",
        "fields": {"Minder geld in euro (minder middelen, minder professionele steun)": "100"},
        "new_amount": D("400.00"),
    },
    "less_support": {
        "outcome": "Minder steun van professionals: de bewoners kunnen zelf meer",
        "why": "Anna leidt de repetities nu zelf.",
        "cost_line": "Dirigent",
        "fields": {
            "Minder geld in euro (minder middelen, minder professionele steun)": "150",
            "Nieuwe afspraken": "De dirigent komt nog eens per maand.",
        },
        "new_amount": D("350.00"),
    },
    "extra_push": {
        "outcome": "Een extra duwtje in de rug: meer geld of steun",
        "why": "Er doen nu twintig mensen mee; er is een tweede zaal nodig.",
        "fields": {"Extra geld in euro (extra duwtje in de rug)": "250"},
        "new_amount": D("750.00"),
    },
}


def facilitator_writes_it_down(page, base, evaluation, facilitator):
    today = timezone.localdate().isoformat()
    login_through_form(page, base, facilitator.email)
    page.goto(base + reverse("budget:evaluation", args=[evaluation.pk]))
    steps_facilitator.write_down_meeting(
        page, held_on=today, present="Anna en de zangers", participants="9"
    )
    page.goto(base + reverse("budget:evaluation", args=[evaluation.pk]))
    steps_facilitator.finish_notes(page, held_on=today, present="Anna en de zangers")
    page.get_by_role("link", name="Naar de budgethouder met zeggenschap sturen").click()
    page.get_by_role("button", name="Naar de budgethouder met zeggenschap sturen").click()
    expect(page.get_by_text("Vastgelegd").first).to_be_visible()
    log_out(page)


def holder_decides(page, base, evaluation, holder, case, assert_accessible):
    login_through_form(page, base, holder.email)
    page.goto(base + reverse("budget:continuation", args=[evaluation.pk]))
    page.get_by_label(case["outcome"]).check()
    page.get_by_label("Waarom?").fill(case["why"])
    final = page.get_by_role("button", name="Het besluit vaststellen en de bewoners informeren")
    if "cost_line" in case:
        # First without the cost line: the error stands next to the field.
        for label, value in case["fields"].items():
            page.get_by_label(label).fill(value)
        final.click()
        expect(page.locator(".portal-field-error")).to_have_text(
            "Kies de kostenpost die de professionele steun is."
        )
        assert_accessible(page, "continuation with an error")
        page.get_by_label(re.compile(rf"{case['cost_line']}:\s€\s400,00")).check()
    for label, value in case["fields"].items():
        page.get_by_label(label).fill(value)
    final.click()
    expect(
        page.get_by_text("Het besluit is vastgesteld. De bewoners krijgen bericht.")
    ).to_be_visible()
    expect(page.get_by_text("Brief met gewijzigde toekenning")).to_be_visible()
    log_out(page)


@pytest.mark.parametrize("case", list(CASES))
def test_sc14_continuation_changes_the_money_and_the_residents_have_it_in_writing(
    page, stack, smtp_sink, assert_accessible, case
):
    base, spec = stack.url, CASES[case]
    line, holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    application = application_in("granted", line=line, facilitator=facilitator)
    lead = application.initiative.created_by
    evaluation = application.evaluations.get()

    facilitator_writes_it_down(page, base, evaluation, facilitator)
    complete_meetlat(Evaluation.objects.get(pk=evaluation.pk).decision, holder)
    holder_decides(page, base, evaluation, holder, spec, assert_accessible)

    # The ledger and the cost line, as decided.
    award = Award.objects.get(pk=application.award_id)
    extra = Evaluation.objects.get(pk=evaluation.pk).extra_award
    assert award.amount + (extra.amount if extra else 0) == spec["new_amount"]
    if case == "less_support":
        assert application.cost_lines.get(description="Dirigent").amount == D("250.00")
        assert CostLine.objects.get(application=application, description="Zaalhuur").amount == 200
    letter = Letter.objects.get(application=application, evaluation=evaluation)
    assert letter.kind == "amendment"

    # The resident: the mail mentions the letter; the page shows the new amount and the letter.
    message = mail_to(smtp_sink, lead.email, subject="verder gaat")
    assert "gewijzigde toekenning" in mail_text(message)
    login_through_form(page, base, lead.email)
    page.goto(base + application.get_absolute_url())
    expect(page.get_by_test_id("amount-now")).to_have_text(euro(spec["new_amount"]))
    link = page.get_by_role("link", name="Gewijzigde toekenning")
    reload_until(page, link, timeout=90)
    text = letter_text(page, link)
    assert application.initiative.title in text
    assert "Gewijzigde toekenning" in text
    assert f"Vanaf nu is het {euro(spec['new_amount'])}." in text  # the new total, in writing
    page.goto(base + reverse("budget:evaluation", args=[evaluation.pk]))
    expect(page.get_by_text(spec["why"])).to_be_visible()
    assert_accessible(page, f"decided evaluation ({case})")
    no_horizontal_scroll(page)
