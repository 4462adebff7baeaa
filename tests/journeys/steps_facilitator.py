"""A facilitator's pages: the queue, the check of an application, the evaluation visit."""

import re

from django.urls import reverse
from playwright.sync_api import expect

ASSESSMENT = {
    "Juridische toets": "Geen vergunning nodig.",
    "Administratieve toets": "Vervanger is genoemd.",
    "Financiële toets": "De begroting klopt.",
    "Het ene criterium, getoetst aan hun eigen resultaatbeschrijving": (
        "Wie nu thuis zit, zingt weer mee: zo beschrijven ze het zelf."
    ),
}


def open_from_queue(page, base_url: str, title: str):
    page.goto(base_url + reverse("budget:queue"))
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)


def open_check(page):
    page.get_by_role("link", name="Aanvraag toetsen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag toetsen")


def check_application(page, values: dict, *, amount: str, line: str):
    page.get_by_label("De aanvraag is volledig").check()
    for label, text in values.items():
        page.get_by_label(label).fill(text)
    page.get_by_label("Voorgesteld bedrag in euro").fill(amount)
    page.get_by_label("Budgetlijn").select_option(label=line)
    page.get_by_role("button", name="De toets opslaan").click()
    expect(page.get_by_text("De toets is opgeslagen.")).to_be_visible()


def expect_check(page, values: dict, *, amount: str, line: str):
    expect(page.get_by_label("De aanvraag is volledig")).to_be_checked()
    for label, text in values.items():
        expect(page.get_by_label(label)).to_have_value(text)
    expect(page.get_by_label("Voorgesteld bedrag in euro")).to_have_value(amount)
    expect(page.get_by_label("Budgetlijn").locator("option:checked")).to_have_text(line)


def send_to_holders(page):
    page.get_by_role("button", name="Naar de budgethouders met zeggenschap sturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Naar de budgethouders met zeggenschap sturen"
    )
    page.get_by_role("button", name="Naar de budgethouders met zeggenschap sturen").click()
    expect(page.get_by_text(re.compile("^Wacht op besluit")).first).to_be_visible()


def plan_visit(page, base_url: str, evaluation, *, on: str, visitor: str, was: str):
    """Plan (or move) the visit: the date input shows the date planned before (at first the
    evaluation's own date)."""
    page.goto(base_url + reverse("budget:evaluation", args=[evaluation.pk]))
    page.get_by_role("link", name="Het bezoek plannen").click()
    expect(page.get_by_label("Datum van het bezoek")).to_have_value(was)
    page.get_by_label("Datum van het bezoek").fill(on)
    page.get_by_label(visitor).check()
    page.get_by_role("button", name="Het bezoek opslaan").click()


def write_down_meeting(page, *, held_on: str, present: str, participants: str):
    """Step 1 of the notes, saved for later."""
    page.get_by_role("link", name="Stap 1: Het gesprek").click()
    page.get_by_label("Een bezoek").check()
    page.get_by_label("Wanneer?").fill(held_on)
    page.get_by_label("Wie waren er?").fill(present)
    page.get_by_label("Hoeveel mensen doen er nu mee?").fill(participants)
    page.get_by_role("button", name="Opslaan en later verder").click()


def finish_notes(page, *, held_on: str, present: str):
    """Re-open step 1 (the saved date in its date input), then steps 2 and 3, and send."""
    page.get_by_role("link", name="Stap 1: Het gesprek").click()
    expect(page.get_by_label("Een bezoek")).to_be_checked()
    expect(page.get_by_label("Wanneer?")).to_have_value(held_on)
    expect(page.get_by_label("Wie waren er?")).to_have_value(present)
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Wat gaat goed?").fill("Ze komen graag en nemen buren mee.")
    page.get_by_label("Wat is moeilijk?").fill("Weinig vrijwilligers voor de koffie.")
    page.get_by_label("Meer dan bij de start").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    for sign in page.get_by_label(re.compile(r"^\d\. |^Teken \d")).all():
        sign.fill("Gezien bij het bezoek.")
    page.get_by_role("button", name=re.compile("^Opslaan")).first.click()


def open_my_tasks(page, base_url: str):
    """From any page through the header's navigation to "Mijn taken"."""
    page.goto(base_url + reverse("core:dashboard"))
    page.get_by_role("navigation").get_by_role("link", name="Mijn taken").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn taken")


def follow_soonest_task(page):
    """The first row is the soonest deadline; its link opens the dossier."""
    page.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").click()
