"""SC-08 (the partners' part, BR-38, F-S17) and the lessons library (F-S10, SC-07's
handreiking): a professional partner promised a jobcoach and did not deliver. The facilitator
records the promise on the initiative, cannot send the interim evaluation on before she has
judged the partner on the residents' scale, judges it "Nee, niet geleverd", and the
initiative keeps running without the partner (BR-08). She writes down what others can learn
from it, with a handreiking, and publishes it with the initiators' consent; a visitor finds
it. The support request that passes three hands is the other half of SC-08 (issue #30)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from initiatives.models import Initiative, Lesson, PartnerContribution
from tests.factories import OrganisationFactory, UserFactory, application_in, open_line
from tests.journeys import steps_facilitator
from tests.journeys.steps_common import log_out, login_through_form
from tests.upload_samples import pdf_pages

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]
AFTER_THE_VISIT = datetime(2027, 4, 23, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
MISSING = "bij elke bijdrage van een partner: is die geleverd"


def test_sc08_partner_that_did_not_deliver_is_evaluated_and_a_lesson_is_published(
    page, stack, assert_accessible, tmp_path
):
    base = stack.url
    line, _holder = open_line(allocation="25000.00", name="Stedelijk")
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    application = application_in("granted", line=line, facilitator=facilitator)
    initiative = application.initiative
    Initiative.objects.filter(pk=initiative.pk).update(status="active")
    OrganisationFactory(name="Zorggroep Triade")
    evaluation = application.evaluations.get()
    guide = tmp_path / "handreiking-samenwerken.pdf"
    guide.write_bytes(pdf_pages(1))

    with time_machine.travel(AFTER_THE_VISIT, tick=True):
        # The partner's promise, on the initiative's page.
        login_through_form(page, base, facilitator.email)
        page.goto(base + initiative.get_absolute_url())
        page.get_by_role("link", name="Bijdrage van een partner vastleggen").click()
        page.get_by_label("Partnerorganisatie").select_option(label="Zorggroep Triade")
        page.get_by_role("radio", name="Uren werk").check()
        page.get_by_label("Wat is beloofd?").fill("Een jobcoach, twee ochtenden per week.")
        page.get_by_label(re.compile("^Hoeveel uur")).fill("40")
        page.get_by_role("button", name="Bijdrage opslaan").click()
        expect(page.get_by_text("De bijdrage van de partner is vastgelegd.")).to_be_visible()
        expect(page.get_by_text("nog niet beoordeeld")).to_be_visible()

        # The interim evaluation: the notes are not complete while the partner is not judged.
        page.goto(base + reverse("budget:evaluation", args=[evaluation.pk]))
        steps_facilitator.write_down_meeting(
            page, held_on="2027-04-22", present="Anna, Joop en de bestuursleden",
            participants="14",
        )  # fmt: skip
        page.goto(base + reverse("budget:evaluation", args=[evaluation.pk]))
        steps_facilitator.finish_notes(
            page, held_on="2027-04-22", present="Anna, Joop en de bestuursleden"
        )
        expect(page.get_by_text(MISSING)).to_be_visible()
        send_on = page.get_by_role("link", name="Naar de budgethouder met zeggenschap sturen")
        expect(send_on).to_have_count(0)
        page.get_by_role("link", name="Bijdragen van partners beoordelen").click()
        assert_accessible(page, "the partners at the evaluation")
        page.get_by_role("radio", name="Nee, niet geleverd").check()
        page.get_by_label("Wat is er geleverd?").fill(
            "Na bijna een jaar nog geen besluit: van de directeur naar een teamleider naar het "
            "teamoverleg. Het bestuur doet de coördinatie zelf."
        )
        page.get_by_role("button", name="Oordelen opslaan").click()
        expect(page.get_by_text(MISSING)).to_have_count(0)
        expect(
            page.get_by_text(re.compile("^Nee, niet geleverd: Na bijna een jaar"))
        ).to_be_visible()
        send_on.click()
        page.get_by_role("button", name="Naar de budgethouder met zeggenschap sturen").click()
        expect(page.get_by_text(re.compile("· Vastgelegd$"))).to_be_visible()

        # The initiative goes on without the partner; what others can learn from it.
        page.goto(base + initiative.get_absolute_url())
        expect(page.get_by_text("Loopt").first).to_be_visible()
        page.get_by_role("link", name="Een les uit dit initiatief vastleggen").click()
        page.get_by_label("Titel").fill("Wacht niet op een partner die niet beslist")
        page.get_by_label("De les").fill(
            "Vraag een partner om een besluit met een datum. Komt het niet, ga dan zelf door."
        )
        page.get_by_role("radio", name="Een initiatief dat niet lukte").check()
        page.get_by_label("Handreiking").set_input_files(str(guide))
        page.get_by_role("button", name="Les opslaan").click()
        expect(
            page.get_by_text("De les is opgeslagen. Alleen ambtenaren zien hem.")
        ).to_be_visible()
        page.get_by_role("link", name="Publiceren met toestemming").click()
        page.get_by_label("Wie gaf toestemming om de les te publiceren?").fill(
            "Het bestuur van het initiatief, per e-mail"
        )
        page.get_by_label(re.compile("^Zij vinden het goed")).check()
        page.get_by_role("button", name="Les publiceren").click()
        expect(page.get_by_text("De les staat op de website.", exact=False)).to_be_visible()
        log_out(page)

    # A visitor finds it by a word.
    page.goto(base + reverse("initiatives:lessons"))
    page.get_by_role("textbox", name=re.compile("^Zoeken")).fill("partner")
    page.get_by_role("button", name="Tonen").click()
    page.get_by_role("link", name="Wacht niet op een partner die niet beslist").click()
    assert_accessible(page, "a published lesson")
    expect(page.get_by_role("link", name=re.compile("^Download de handreiking"))).to_be_visible()

    contribution = PartnerContribution.objects.get()
    assert (contribution.delivered, Initiative.objects.get(pk=initiative.pk).status) == (
        "no", "active"
    )  # fmt: skip
    lesson = Lesson.objects.get()
    assert (lesson.status, lesson.source, lesson.initiative_id) == (
        "published", "failed", initiative.pk
    )  # fmt: skip
