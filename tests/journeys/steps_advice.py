"""The advice register's pages: the secretary's advice, the coordinator's answer and
promises, the evaluation."""

import re

from django.urls import reverse
from playwright.sync_api import expect


def register_advice(page, base_url: str, *, title: str, received_on: str, recommendations):
    """The secretary registers an unsolicited advice, its recommendations, and sends it."""
    page.goto(base_url + reverse("advice:register"))
    page.get_by_role("link", name="Registreer een advies").click()
    page.get_by_label("Adviesorgaan", exact=True).select_option(label="ASD")
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label(re.compile("^Samenvatting")).fill("Mensen vinden de weg naar hulp niet.")
    page.get_by_label(re.compile("^Datum ontvangen")).fill(received_on)
    page.get_by_role("button", name="Advies registreren").click()
    for number, text in enumerate(recommendations, start=1):
        page.get_by_label(re.compile(f"^Aanbeveling {number}\\b")).fill(text)
    page.get_by_role("button", name="Aanbevelingen opslaan").click()


def open_advice(page, base_url: str, title: str):
    """Find the advice by its title in the register's search: a finished one is hidden from the
    list until searched for or asked for with "Toon ook afgeronde"."""
    page.goto(base_url + reverse("advice:register"))
    page.get_by_label("Zoeken").fill(title)
    page.get_by_role("button", name="Filteren").click()
    page.get_by_role("row", name=re.compile(title)).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def change_concept(page, *, received_on: str, summary: str):
    """Re-open the saved concept: the date is in its date input; change the summary."""
    page.get_by_role("link", name="Wijzig het concept").click()
    expect(page.get_by_label(re.compile("^Datum ontvangen"))).to_have_value(received_on)
    page.get_by_label(re.compile("^Samenvatting")).fill(summary)
    page.locator("main form button[type=submit]").first.click()


def send_final(page):
    page.get_by_role("link", name="Eindadvies versturen").click()
    page.locator("main form button[type=submit]").first.click()


def answer(page, base_url: str, advice, *, reasons: dict[int, str]):
    """The coordinator's answer: recommendation n adopted, unless reasons[n] says why not."""
    page.goto(base_url + reverse("advice:answer", args=[advice.pk]))
    page.locator("button[name=start]").click()
    for rec in advice.recommendations.order_by("number"):
        adoption = "not_adopted" if rec.number in reasons else "adopted"
        page.locator(f"input[name=adoption_{rec.number}][value={adoption}]").check()
        if rec.number in reasons:
            page.locator(f"textarea[name=reason_{rec.number}]").fill(reasons[rec.number])
    page.locator("textarea[name=introduction]").fill("Dank voor uw advies.")
    page.locator("button[name=save]").click()


def add_promise(page, base_url: str, advice, *, text: str, owner, due_on: str, number: int = 1):
    """A promise for recommendation `number` (the n-th choice after "the answer as a whole")."""
    page.goto(base_url + reverse("advice:answer-promise-add", args=[advice.pk]))
    page.locator("select[name=recommendation]").select_option(index=number)
    page.locator("textarea[name=text]").fill(text)
    page.locator("input[name=department]").fill("Wmo")
    page.locator("select[name=owner]").select_option(str(owner.pk))
    page.locator("input[name=due_on]").fill(due_on)
    page.locator("main form [name=save]").click()
    expect(page.get_by_text(text).first).to_be_visible()


def approve_and_publish(page, base_url: str, advice):
    page.goto(base_url + reverse("advice:answer-approve", args=[advice.pk]))
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.goto(base_url + reverse("advice:answer-publish", args=[advice.pk]))
    page.locator("main form [name=save]").click()


def evaluate(page, base_url: str, advice, *, held_on: str, verdict: str, note: str):
    page.goto(base_url + reverse("advice:evaluation", args=[advice.pk]))
    page.locator("input[name=held_on]").fill(held_on)
    texts = {
        "participants": "ASD en gemeente", "what_happened": "Twee loketten.",
        "effect": "Minder wachten.", "body_appraisal": "Half gedaan.",
    }  # fmt: skip
    for name, text in texts.items():
        page.locator(f"textarea[name={name}]").fill(text)
    for promise in advice.promises.all():
        page.locator(f"input[name=kept_{promise.pk}][value={verdict}]").check()
        page.locator(f"textarea[name=note_{promise.pk}]").fill(note)
    page.locator("button[name=complete]").click()
