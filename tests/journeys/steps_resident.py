"""A resident's pages: sign-up, the six steps of a Samen Sterk application, the accountability
afterwards."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.journeys.steps_common import link_in, mail_to

NEXT = "Opslaan en verder"
LATER = "Opslaan en later verder"


def sign_up(page, base_url: str, sink, email_address: str, password: str):
    """The sign-up form, then the link in the mail the worker delivered."""
    page.goto(base_url + reverse("account_signup"))
    page.get_by_label("E-mailadres").fill(email_address)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_label(re.compile("^Wachtwoord \\(")).fill(password)
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("e-mail")
    message = mail_to(sink, email_address)
    page.goto(link_in(message, base_url, containing="/accounts/"))
    page.get_by_role("button", name="Bevestigen").click()


def start_with_a_new_initiative(page, base_url: str, title: str):
    page.goto(base_url + reverse("budget:application-new"))
    page.get_by_label("Een nieuw initiatief").check()
    page.get_by_label("Naam van je nieuwe initiatief").fill(title)
    page.get_by_role("button", name="De aanvraag starten").click()
    expect(page).to_have_title(re.compile("^Stap 1 van 6"))


def fill_result(page, values: dict):
    page.get_by_label("Wie gaan er meedoen?").fill(values["who"])
    page.get_by_label("Hoe gaan zij meedoen en erbij horen?").fill(values["how"])
    page.get_by_label("Wat wordt er anders?").fill(values["difference"])
    page.get_by_label("Teken 1: waaraan merkt iedereen het?").fill(values["sign"])
    page.get_by_label("In welke wijk?").select_option(label=values["wijk"])
    page.get_by_role("button", name=NEXT).click()
    expect(page).to_have_title(re.compile("^Stap 2 van 6"))


def fill_goal(page, values: dict):
    page.get_by_label("Wat is het doel?").fill(values["goal"])
    page.get_by_label("Wat is het middel?").fill(values["means"])
    page.get_by_role("button", name=NEXT).click()
    expect(page).to_have_title(re.compile("^Stap 3 van 6"))


def fill_participants(page, values: dict):
    page.get_by_label("Hoeveel mensen denk je dat er meedoen?").fill(values["participants"])
    page.get_by_label("Hoe bereik je ze?").fill(values["reach"])
    page.get_by_role("button", name=NEXT).click()
    expect(page).to_have_title(re.compile("^Stap 4 van 6"))


def fill_money(page, values: dict, *, leave: bool = False):
    """Amounts typed the Dutch way ("1.600,00"); `leave` saves and stops half-way."""
    page.get_by_label("Kostenpost 1: waarvoor?").fill(values["cost"])
    page.get_by_label("Kostenpost 1: bedrag in euro").fill(values["cost_amount"])
    page.get_by_label("Eigen bijdrage in euro").fill(values["own"])
    page.get_by_label("Hoeveel vraag je aan Samen Sterk, in euro?").fill(values["asked"])
    page.get_by_role("button", name=LATER if leave else NEXT).click()
    if not leave:
        expect(page).to_have_title(re.compile("^Stap 5 van 6"))


def fill_time(page, values: dict, *, leave: bool = False):
    page.get_by_label("Wanneer begin je?").fill(values["starts"])
    page.get_by_label("Tot wanneer loopt het?").fill(values["ends"])
    page.get_by_label("E-mailadres van je vervanger").fill(values["backup"])
    page.get_by_role("button", name=LATER if leave else NEXT).click()
    if not leave:
        expect(page).to_have_title(re.compile("^Stap 6 van 6"))


def open_step(page, number: int):
    page.get_by_role("link", name=re.compile(f"^Stap {number}: ")).click()
    expect(page).to_have_title(re.compile(f"^Stap {number} van 6"))


def send_in(page):
    page.get_by_role("link", name="Verder: controleren en versturen").click()
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Ingediend").first).to_be_visible()


def account_for(page, base_url: str, accountability, *, spent: str):
    """The four steps of the accountability afterwards; the money step is left half-way and
    re-opened once, its amount typed the Dutch way."""
    page.goto(base_url + reverse("budget:accountability", args=[accountability.pk]))
    page.get_by_role("link", name="Stap 1: Je resultaat").click()
    page.get_by_role("group", name=re.compile("^Heb je het resultaat gehaald")).get_by_label(
        "Ja", exact=True
    ).check()
    page.get_by_role("group", name=re.compile("^Teken 1: ")).get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name=NEXT).click()
    page.get_by_label("Hoeveel mensen deden er mee?").fill("14")
    page.get_by_label("Hoe vaak zijn jullie bij elkaar gekomen?").fill("40")
    page.get_by_label("Hoe gaven bewoners er vorm aan?").fill("Ze kozen zelf de liedjes.")
    page.get_by_role("button", name=NEXT).click()
    spent_field = page.get_by_label(re.compile(r"\(gepland € 1\.650,00\): uitgegeven in euro"))
    spent_field.fill(spent)
    page.get_by_role("button", name=LATER).click()
    page.get_by_role("link", name="Stap 3: Het geld").click()
    expect(spent_field).to_have_value(spent)
    page.get_by_role("button", name=NEXT).click()
    page.get_by_label("Je verhaal").fill("Het koor zingt nog steeds, nu zonder ons geld.")
    page.get_by_role("radio", name="We gaan zelf verder").check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_role("link", name="Versturen").click()
    page.get_by_role("button", name="Versturen").click()
