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
    page.get_by_role("button", name="Begin je aanvraag").click()
    expect(page).to_have_title(re.compile("^Stap 1 van 6"))


def save_step(page, fields: dict[str, str], *, next_step: int, leave: bool = False):
    """Fill a step's fields by their Dutch labels and save: on to `next_step`, or (`leave`)
    save and stop half-way."""
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name=LATER if leave else NEXT).click()
    if not leave:
        expect(page).to_have_title(re.compile(f"^Stap {next_step} van 6"))


def fill_result(page, values: dict):
    page.get_by_label("In welke wijk?").select_option(label=values["neighbourhood"])
    save_step(page, {
        "Wie gaan er meedoen?": values["who"],
        "Hoe gaan zij meedoen en erbij horen?": values["how"],
        "Wat wordt er anders?": values["difference"],
        "Teken 1: waaraan merkt iedereen het?": values["sign"],
    }, next_step=2)  # fmt: skip


def fill_goal(page, values: dict):
    fields = {"Wat is het doel?": values["goal"], "Wat is het middel?": values["means"]}
    save_step(page, fields, next_step=3)


def fill_participants(page, values: dict):
    save_step(page, {
        "Hoeveel mensen denk je dat er meedoen?": values["participants"],
        "Hoe bereik je ze?": values["reach"],
    }, next_step=4)  # fmt: skip


def fill_money(page, values: dict, *, leave: bool = False):
    """Amounts typed the Dutch way ("1.600,00")."""
    save_step(page, {
        "Kostenpost 1: waarvoor?": values["cost"],
        "Kostenpost 1: bedrag in euro": values["cost_amount"],
        "Eigen bijdrage in euro": values["own"],
        "Hoeveel vraag je aan Samen Sterk, in euro?": values["asked"],
    }, next_step=5, leave=leave)  # fmt: skip


def fill_time(page, values: dict, *, leave: bool = False):
    save_step(page, {
        "Wanneer begin je?": values["starts"],
        "Tot wanneer loopt het?": values["ends"],
        "E-mailadres van je vervanger": values["backup"],
    }, next_step=6, leave=leave)  # fmt: skip


def open_step(page, number: int):
    page.get_by_role("link", name=re.compile(f"^Stap {number}: ")).click()
    expect(page).to_have_title(re.compile(f"^Stap {number} van 6"))


def send_in(page):
    page.get_by_role("link", name="Verder: controleren en versturen").click()
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag verstuurd")


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
