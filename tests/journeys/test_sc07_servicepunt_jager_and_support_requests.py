"""SC-07 (WF-6, F-S04, REP-16, F-S10): the Servicepunt needs rules from many domains. The
facilitator asks five support requests, each with a named decider; a coordinator appoints a
jager whose mandate is on the initiative's page; the jager sees the open requests oldest
first; one is answered; REP-16 shows the lead times per domain; and a lesson with a
handreiking is written down in the library from the answered request."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from initiatives.models import Initiative, Lesson
from initiatives.support_models import SupportRequest
from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory
from tests.journeys.steps_common import log_out, login_through_form
from tests.upload_samples import pdf_pages

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]
START = datetime(2027, 3, 1, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
REQUESTS = (
    ("Mag de werkplaats op het plein staan?", "Openbare ruimte", "Afdeling Openbare Ruimte",
     "Els Jansen", "e.jansen@almere.nl"),
    ("Welke Arbo-regels gelden voor vrijwilligers?", "Arbo (veilig en gezond werken)",
     "Arbodienst", "Piet Bakker", "p.bakker@almere.nl"),
    ("Is het werk van de deelnemers geen verdringing?", "Werk en verdringing",
     "Afdeling Werk en Inkomen", "Sanne de Vries", "s.devries@almere.nl"),
    ("Telt de werkplaats als dagbesteding?", "Zorg en dagbesteding", "Zorggroep Triade",
     "Ahmed Yilmaz", "a.yilmaz@triade.nl"),
    ("Mag een deelnemer boven de werkplaats wonen?", "Huisvesting", "Afdeling Wonen",
     "Joke Smit", "j.smit@almere.nl"),
)  # fmt: skip


def test_sc07_servicepunt_jager_and_support_requests(page, stack, assert_accessible, tmp_path):
    base = stack.url
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    coordinator = UserFactory(role="facilitator_coordinator", full_name="Carla Coördinator")
    UserFactory(role="facilitator", full_name="Wim Wijkmanager", email="wim@almere.nl")
    initiative = InitiativeFactory(active=True, facilitator=facilitator, title="Servicepunt")
    for _q, _domain, organisation, _n, _e in REQUESTS:
        OrganisationFactory(name=organisation)
    guide = tmp_path / "handreiking-verdringing.pdf"
    guide.write_bytes(pdf_pages(1))

    # The facilitator asks five requests, a day apart, each with the person who decides.
    for day, (question, domain, organisation, name, email) in enumerate(REQUESTS):
        with time_machine.travel(START + timedelta(days=day), tick=True):
            login_through_form(page, base, facilitator.email)
            page.goto(base + initiative.get_absolute_url())
            page.get_by_role("link", name="Vraag de gemeente of een partner om hulp").click()
            if day == 0:
                assert_accessible(page, "asking for support")
            page.get_by_label("Wat vraag je?").fill(question)
            page.get_by_label("Regelgebied").select_option(label=domain)
            page.get_by_label("Afdeling of partnerorganisatie").select_option(label=organisation)
            page.get_by_label("Naam van de persoon die beslist").fill(name)
            page.get_by_label("E-mailadres van die persoon").fill(email)
            page.get_by_role("button", name="Hulpvraag versturen").click()
            expect(page.get_by_test_id("support-facts")).to_contain_text(name)
    assert SupportRequest.objects.filter(initiative=initiative).count() == 5

    with time_machine.travel(START + timedelta(days=10), tick=True):
        # A coordinator appoints the jager with a mandate.
        login_through_form(page, base, coordinator.email)
        page.goto(base + initiative.get_absolute_url())
        page.get_by_role("link", name="Jager aanwijzen").click()
        assert_accessible(page, "appointing a jager")
        page.get_by_label("Jager", exact=True).select_option(label="Wim Wijkmanager")
        page.get_by_label("Wat mag de jager regelen?").fill(
            "Afspraken maken met Werk, Wonen en Zorg over de regels voor de werkplaats."
        )
        page.get_by_label("Geld tot (euro)").fill("2500")
        page.get_by_role("button", name="Jager aanwijzen").click()
        page.goto(base + initiative.get_absolute_url())
        jager = page.get_by_test_id("jager")
        expect(jager).to_contain_text("Wim Wijkmanager")
        expect(jager).to_contain_text("Afspraken maken met Werk, Wonen en Zorg")
        assert_accessible(page, "the initiative with its jager and support requests")

        # The jager sees the open requests, the oldest first.
        login_through_form(page, base, "wim@almere.nl")
        page.goto(base + reverse("initiatives:support-open"))
        assert_accessible(page, "the open support requests")
        body = page.locator("main").inner_text()
        positions = [body.find(q[:30]) for q, *_rest in REQUESTS]
        assert -1 not in positions and positions == sorted(positions), positions

        # The werk/verdringing request is answered.
        page.get_by_role("link", name=re.compile("^Is het werk van de deelnemers")).click()
        page.get_by_role("link", name="Antwoord vastleggen").click()
        page.get_by_label("Het antwoord").fill(
            "Het is geen verdringing: de deelnemers doen werk dat er anders niet zou zijn. "
            "Besloten door Sanne de Vries."
        )
        page.get_by_label("Wat was ervoor nodig?").fill("Een gesprek met Werk en Inkomen.")
        page.get_by_role("button", name="Antwoord vastleggen").click()
        expect(page.get_by_test_id("support-facts")).to_contain_text("Beantwoord")

        # The facilitator writes down a handreiking in the lessons library, from the
        # answered request (the link is for officials who may see the initiative).
        answered = page.url
        login_through_form(page, base, facilitator.email)
        page.goto(answered)
        page.get_by_role("link", name="Een les vastleggen").click()
        assert_accessible(page, "a lesson from a support request")
        expect(page.get_by_label("Regelgebied")).to_have_value("work")
        page.get_by_label("Titel").fill("Verdringing: vraag het vooraf aan Werk en Inkomen")
        page.get_by_label("De les").fill(
            "Leg het werk van de deelnemers vooraf voor. Dan is er snel een besluit."
        )
        page.get_by_label("Handreiking").set_input_files(str(guide))
        page.get_by_role("button", name="Les opslaan").click()
        expect(
            page.get_by_text("De les is opgeslagen. Alleen ambtenaren zien hem.")
        ).to_be_visible()

        # The library finds it by its rule domain.
        page.goto(base + reverse("initiatives:lessons-officials"))
        page.get_by_label("Regelgebied").select_option("work")
        page.get_by_role("button", name="Filteren").click()
        expect(page.get_by_role("link", name=re.compile("^Verdringing: vraag het"))).to_be_visible()

        # REP-16: the lead times per rule domain.
        login_through_form(page, base, coordinator.email)
        page.goto(base + reverse("core:report", args=["support-lead-times"]))
        assert_accessible(page, "REP-16")
        for _q, domain, *_rest in REQUESTS:  # a row of its own per domain, not the filter
            expect(
                page.get_by_role("row", name=re.compile(re.escape(domain))).first
            ).to_be_visible()
        log_out(page)

    lesson = Lesson.objects.get()
    answered = SupportRequest.objects.get(status="answered")
    assert (lesson.support_request, lesson.rule_domain, lesson.source) == (
        answered, "work", "support_request"
    )  # fmt: skip
    assert bool(lesson.guide) is True
    assert Initiative.objects.get(pk=initiative.pk).status == "active"  # BR-08
