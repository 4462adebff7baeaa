"""SC-17, "De meetlat die iets betekent": the advice coordinator prepares the policy decision
"Wijziging regels Samen Sterk". Ticking "Volledig" without a word is refused, naming the
principle; every principle gets its reflection (one "niet van toepassing" with a reason), the
decision its financial, legal and resident-input accountability and, with principle 6, the date
of the later reflection. Made final, the coverage report counts it covered with one reflection
due. When that date arrives the worker e-mails the owner, who writes what we learned and what
we change; the report counts it done, and the council member reads it all."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from burgerkracht.core.messaging import reminders
from burgerkracht.meetlat.models import Decision
from tests.factories import UserFactory
from tests.journeys.steps_common import (
    link_in,
    log_out,
    login_through_form,
    mail_text,
    mail_to,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

TITLE = "Wijziging regels Samen Sterk"
REFLECTIONS = {
    1: ("Volledig", "De nieuwe regels gaan uit van wat bewoners zelf nodig hebben."),
    2: ("Deels", "Facilitators krijgen meer ruimte; het maximum per lijn blijft vast."),
    3: ("Volledig", "Facilitators en initiatiefnemers schreven de wijziging mee."),
    4: ("Niet van toepassing", "Er is geen onderzoek naar deze regeling gedaan."),
    5: ("Volledig", "We willen dat een aanvraag binnen zes weken rond is, en meten dat."),
    6: ("Volledig", "Na een half jaar kijken we met bewoners terug op uitkomst en proces."),
}


def _principle(page, number: int):
    return page.locator(f"#principle-{number}")


def test_sc17_meetlat_reflecties_verantwoording_en_latere_reflectie(
    page, stack, smtp_sink, assert_accessible
):
    base = stack.url
    owner = UserFactory(role="advice_coordinator", full_name="Iris Bos")
    UserFactory(role="advice_coordinator", full_name="Jan Smit")  # same role, not the owner
    council = UserFactory(role="read_only", full_name="Raadslid Prins")

    # The owner enters the policy decision in the register.
    login_through_form(page, base, owner.email)
    page.goto(base + reverse("meetlat:policy-create"))
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Datum van het besluit").fill(timezone.localdate().isoformat())
    page.get_by_label("Afdeling").fill("Sociaal Domein")
    page.get_by_role("button", name="Aan het register toevoegen").click()
    expect(page.get_by_text("Toegevoegd. Vul nu het besluit en de Meetlat in.")).to_be_visible()
    decision = Decision.objects.get(title=TITLE)

    # "Volledig" without a word is refused, naming the principle, beside the field and on top.
    page.get_by_role("link", name="De Meetlat invullen").click()
    expect(_principle(page, 1)).to_contain_text("We denken en handelen vanuit het perspectief")
    _principle(page, 1).get_by_label("Volledig").check()
    page.get_by_role("button", name="De Meetlat opslaan").click()
    message = "Principe 1, De mens staat centraal: schrijf kort hoe dit besluit dit principe eert."
    expect(page.get_by_role("alert").first).to_contain_text(message)
    expect(_principle(page, 1).get_by_text(message)).to_be_visible()
    assert decision.answers.count() == 0

    # Every principle with its reflection; principle 6 with the date of the later reflection.
    for number, (answer, text) in REFLECTIONS.items():
        _principle(page, number).get_by_label(answer, exact=True).check()
        _principle(page, number).get_by_label("Hoe eert dit besluit dit principe?").fill(text)
    due = timezone.localdate() + timedelta(days=182)
    _principle(page, 6).get_by_label("Wanneer kijken we terug").fill(due.isoformat())
    no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("button", name="De Meetlat opslaan").click()
    expect(page.get_by_text("De Meetlat is opgeslagen.")).to_be_visible()

    # The decision and the accountability triad.
    page.get_by_role("link", name="Besluit en motivering").click()
    page.get_by_label("Uitkomst").fill("De regels van Samen Sterk worden eenvoudiger.")
    page.get_by_label("Motivering").fill("Bewoners vonden de regeling te ingewikkeld.")
    page.get_by_label("Besloten door").fill("College van B&W")
    page.get_by_label("Dit besluit openbaar tonen als het is vastgesteld").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Verantwoording").click()
    page.get_by_label("Financiële verantwoording").fill(".")
    page.get_by_label("Juridische verantwoording").fill("Wijziging van de subsidieregeling.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("is geen verantwoording").first).to_be_visible()  # "." refused
    page.get_by_label("Financiële verantwoording").fill(
        "Past binnen het budget; geen extra kosten."
    )
    page.get_by_label("Welke bewoners waren betrokken?").fill("Initiatiefnemers uit vijf wijken.")
    page.get_by_label("Hoe waren ze betrokken").fill("Twee bijeenkomsten, vóór het voorstel.")
    page.get_by_label("Wat is er met hun inbreng gedaan?").fill("Drie van de vier voorstellen.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()

    page.get_by_role("link", name="Vaststellen", exact=True).click()
    page.get_by_label("Waarom nu?").fill("Het college stelde de wijziging vandaag vast.")
    page.get_by_role("button", name="Het besluit vaststellen").click()
    expect(page.get_by_text("Het besluit is vastgesteld.")).to_be_visible()

    # The coverage report: covered, one reflection due.
    page.goto(base + reverse("meetlat:coverage"))
    expect(
        page.get_by_text("1 van 1 besluiten hebben een volledige Meetlat", exact=False)
    ).to_be_visible()
    expect(
        page.get_by_text("Reflecties (principe 6): 1 gepland, 0 gedaan, 0 te laat.")
    ).to_be_visible()

    # The reflection date arrives: the sweep hands the reminder to the worker, once.
    Decision.objects.filter(pk=decision.pk).update(reflection_due=timezone.localdate())
    reminders.sweep()
    mail = mail_to(smtp_sink, owner.email, subject=TITLE)
    assert "wat we hebben geleerd" in mail_text(mail)
    reminders.sweep()  # a second sweep writes nothing new
    assert decision.get_absolute_url() in link_in(mail, base)

    page.goto(link_in(mail, base))
    page.get_by_role("link", name="De reflectie schrijven").click()
    page.get_by_label("Wat hebben we geleerd?").fill("x")
    page.get_by_label("Wat veranderen we?").fill("Het aanvraagformulier wordt nog korter.")
    page.get_by_role("button", name="De reflectie opslaan").click()
    expect(page.get_by_text("Schrijf in een zin wat we hebben geleerd.").first).to_be_visible()
    page.get_by_label("Wat hebben we geleerd?").fill(
        "Aanvragen zijn sneller rond, maar niet overal."
    )
    page.get_by_role("button", name="De reflectie opslaan").click()
    expect(page.get_by_text("De reflectie is opgeslagen.")).to_be_visible()
    expect(page.get_by_test_id("reflection")).to_contain_text("Iris Bos")

    page.goto(base + reverse("meetlat:coverage"))
    expect(
        page.get_by_text("Reflecties (principe 6): 0 gepland, 1 gedaan, 0 te laat.")
    ).to_be_visible()
    log_out(page)

    # The council member reads the decision, its Meetlat, triad and reflection.
    login_through_form(page, base, council.email)
    page.goto(base + decision.get_absolute_url())
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Er is geen onderzoek naar deze regeling gedaan.")).to_be_visible()
    expect(page.get_by_text("Past binnen het budget; geen extra kosten.")).to_be_visible()
    expect(page.get_by_test_id("reflection")).to_contain_text(
        "Het aanvraagformulier wordt nog korter."
    )
    expect(page.get_by_role("link", name=re.compile("reflectie schrijven"))).to_have_count(0)
    no_horizontal_scroll(page)
