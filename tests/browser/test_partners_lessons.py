"""Partners' contributions and the lessons library in a real browser: the facilitator records
and judges a partner's contribution (on the initiative and at the interim evaluation), writes
a lesson with a handreiking and publishes it with consent; a resident finds it on the public
page. With JavaScript every page has 0 axe-core violations (with errors too); without
JavaScript the same flow works (F-S17, F-S10)."""

import pytest
from django.urls import reverse

from initiatives.models import Lesson, PartnerContribution
from tests.factories import (
    InitiativeFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    UserFactory,
    application_in,
)
from tests.upload_samples import pdf_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_records_and_judges_a_partners_contribution(
    browser_page, live_server, meetlat_v1
):
    page, login_as, check = browser_page
    facilitator = UserFactory(role="facilitator")
    application = application_in("granted", facilitator=facilitator)
    initiative = application.initiative
    OrganisationFactory(name="Zorggroep Triade")
    login_as(facilitator)

    page.goto(live_server.url + reverse("initiatives:contribution-create", args=[initiative.pk]))
    page.get_by_role("button", name="Bijdrage opslaan").click()
    check("contribution form with errors")
    page.get_by_label("Partnerorganisatie").select_option(label="Zorggroep Triade")
    page.get_by_role("radio", name="Uren werk").check()
    page.get_by_label("Wat is beloofd?").fill("Een jobcoach, twee ochtenden per week.")
    page.get_by_label("Hoeveel uur? (alleen bij uren werk)").fill("40")
    page.get_by_role("button", name="Bijdrage opslaan").click()
    check("initiative page with a partner's contribution")
    page.get_by_role("link", name="Bijdrage van Zorggroep Triade beoordelen").click()
    check("judge a contribution")
    page.get_by_label("Nee, niet geleverd").check()
    page.get_by_label("Wat is er geleverd?").fill("Na een jaar nog geen besluit.")
    page.get_by_role("button", name="Oordeel opslaan").click()
    page.goto(live_server.url + application.evaluations.get().get_absolute_url())
    check("evaluation with the partners' contributions")
    page.get_by_role("link", name="Bijdragen van partners beoordelen").click()
    check("judging the partners at the evaluation")
    page.get_by_role("radio", name="Deels").check()
    page.get_by_role("button", name="Oordelen opslaan").click()

    contribution = PartnerContribution.objects.get()
    assert (contribution.hours, contribution.delivered, contribution.delivered_note) == (
        40, "partly", "Na een jaar nog geen besluit."
    )  # fmt: skip
    assert page.get_by_text("Na een jaar nog geen besluit.").count() == 1


def test_a_lesson_is_written_published_with_consent_and_found_by_residents(
    browser_page, live_server, tmp_path
):
    page, login_as, check = browser_page
    facilitator = UserFactory(role="facilitator")
    wijk = NeighbourhoodFactory(name="Stedenwijk")
    initiative = InitiativeFactory(ended=True, facilitator=facilitator, theme="care")
    initiative.neighbourhoods.add(wijk)
    guide = tmp_path / "handreiking.pdf"
    guide.write_bytes(pdf_pages(1))
    login_as(facilitator)

    page.goto(live_server.url + initiative.get_absolute_url())
    page.get_by_role("link", name="Een les uit dit initiatief vastleggen").click()
    page.get_by_role("button", name="Les opslaan").click()
    check("lesson form with errors")
    page.get_by_label("Titel").fill("Regel de verzekering vooraf")
    page.get_by_label("De les").fill("Vraag de verzekering aan voordat de vrijwilligers beginnen.")
    page.get_by_label("Handreiking").set_input_files(str(guide))
    page.get_by_role("button", name="Les opslaan").click()
    check("lesson page for officials")
    page.get_by_role("link", name="Publiceren met toestemming").click()
    check("publish a lesson")
    page.get_by_label("Wie gaf toestemming om de les te publiceren?").fill("Joke Rebel, per e-mail")
    page.get_by_label("Zij vinden het goed dat bewoners deze les op de website lezen").check()
    page.get_by_role("button", name="Les publiceren").click()
    page.goto(live_server.url + reverse("initiatives:lessons-officials") + "?q=verzekering")
    check("the officials' lessons list")
    login_as(UserFactory(role="resident"))
    page.goto(live_server.url + reverse("initiatives:lessons"))
    check("the public lessons list")
    page.get_by_role("link", name="Regel de verzekering vooraf").click()
    check("a public lesson")

    lesson = Lesson.objects.get()
    assert (lesson.status, lesson.consent_from, lesson.initiative, lesson.neighbourhood) == (
        "published", "Joke Rebel, per e-mail", initiative, wijk
    )  # fmt: skip
    assert page.get_by_role("link", name="Download de handreiking (handreiking.pdf)").count() == 1
