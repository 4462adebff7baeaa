"""The ASD secretary's advice, through the municipality's answer per recommendation, the
promises and, months later, the evaluation the secretary reads."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from advice.enums import MemberRole
from advice.models import Advice, Answer
from advice.services import register
from tests.advice.factories import coordinator, member
from tests.factories import complete_decision
from tests.journeys import steps_advice
from tests.journeys.steps_common import assert_dutch_figures, log_out, login_through_form

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

HALF_A_YEAR_LATER = datetime(2027, 6, 11, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
RECOMMENDATIONS = ["Open een loket in elke wijk.", "Bel mensen binnen een week terug."]


def test_asd_secretary_records_advice_through_answer_promises_and_evaluation(
    page, stack, assert_accessible
):
    base = stack.url
    secretary = member("asd", role="asd_secretary", member_role=MemberRole.SECRETARY)
    boss = coordinator()

    login_through_form(page, base, secretary.email)
    steps_advice.register_advice(
        page, base, title="Toegang tot ondersteuning", received_on="2026-11-16",
        recommendations=RECOMMENDATIONS,
    )  # fmt: skip
    page.goto(base + "/mijn/")

    # Back to the concept: the date in its date input; the summary changed; sent as final.
    steps_advice.open_advice(page, base, "Toegang tot ondersteuning")
    steps_advice.change_concept(
        page, received_on="2026-11-16", summary="Mensen vinden de weg naar hulp niet alleen."
    )
    expect(page.get_by_text("16 november 2026")).to_be_visible()
    steps_advice.send_final(page)
    expect(page.get_by_text(re.compile("Eindadvies")).first).to_be_visible()
    assert_accessible(page, "final advice")
    log_out(page)
    advice = Advice.objects.get(title="Toegang tot ondersteuning")
    register.set_contacts(advice=advice, by=boss, contact=boss, backup=coordinator())

    # The coordinator answers per recommendation, with a reason where it is not adopted,
    # and promises a loket by 1 March 2027.
    login_through_form(page, base, boss.email)
    steps_advice.answer(page, base, advice, reasons={2: "Terugbellen past niet in de formatie."})
    assert_accessible(page, "draft answer")
    steps_advice.add_promise(
        page, base, advice, text="Wij openen een loket in twee wijken.", owner=boss,
        due_on="2027-03-01",
    )  # fmt: skip
    complete_decision(Answer.objects.get(advice=advice).decision, boss)  # the Meetlat pages
    steps_advice.approve_and_publish(page, base, advice)
    expect(page.get_by_text("Het antwoord is gepubliceerd en verstuurd.")).to_be_visible()
    log_out(page)

    # The secretary reads the answer and follows the promise.
    login_through_form(page, base, secretary.email)
    steps_advice.open_advice(page, base, "Toegang tot ondersteuning")
    expect(page.get_by_text(re.compile("Beantwoord")).first).to_be_visible()
    page.goto(base + reverse("advice:answer", args=[advice.pk]))
    expect(
        page.get_by_text("Niet overgenomen: Terugbellen past niet in de formatie.")
    ).to_be_visible()
    page.goto(base + reverse("advice:promises"))
    promise_row = page.get_by_role("row", name=re.compile("Wij openen een loket"))
    expect(promise_row).to_contain_text("1-3-2027")  # the short date of every list
    assert_accessible(page, "promises")
    assert_dutch_figures(page)
    log_out(page)

    # Half a year later: the coordinator evaluates with the ASD; the promise was half kept.
    with time_machine.travel(HALF_A_YEAR_LATER, tick=True):
        login_through_form(page, base, boss.email)
        steps_advice.evaluate(
            page, base, advice, held_on="2027-06-10", verdict="partly",
            note="Eén loket open, het tweede volgt.",
        )  # fmt: skip
        expect(page.get_by_text("Eén loket open, het tweede volgt.").first).to_be_visible()
        log_out(page)
        login_through_form(page, base, secretary.email)
        page.goto(base + reverse("advice:evaluation", args=[advice.pk]))
        expect(page.get_by_text("Eén loket open, het tweede volgt.").first).to_be_visible()
        expect(page.get_by_text("10 juni 2027").first).to_be_visible()
        assert_accessible(page, "evaluation, the secretary")
        assert_dutch_figures(page)
        steps_advice.open_advice(page, base, "Toegang tot ondersteuning")
        expect(page.get_by_text(re.compile("Geëvalueerd")).first).to_be_visible()
