"""SC-14 and issue #26: the administrator words the objection paragraph differently in the
management screens, looks at it in a sample letter, and makes it active; the next letter
carries it, and the resident downloads that letter from their dossier."""

import re
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget.models import LetterText
from tests.budget.followup_helpers import grant
from tests.factories import UserFactory
from tests.journeys.steps_common import log_out, login_through_form, reload_until
from tests.journeys.steps_holder import letter_text

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

NEW_WORDING = (
    "Ben je het niet eens met dit besluit? Maak dan binnen {bezwaartermijn_weken} weken "
    "bezwaar bij het college van {gemeente}. Bel gerust eerst je contactpersoon."
)


def _pdf_text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def test_sc14_the_administrator_rewords_the_objection_and_the_next_letter_has_it(
    page, stack, tmp_path
):
    base = stack.url
    admin = UserFactory(role="administrator", email="beheer@example.org")

    # The administrator opens the objection paragraph in Dutch in the management screens.
    login_through_form(page, base, admin.email)
    page.goto(base + reverse("admin:budget_lettertext_changelist"))
    expect(page.get_by_role("heading", name=re.compile("brieftekst", re.I))).to_be_visible()
    rows = page.get_by_role("row").filter(has_text="Elke brief: bezwaar")
    rows.filter(has_text="Nederlands").get_by_role("link", name="Elke brief: bezwaar").click()
    body = page.get_by_label("Tekst")
    expect(body).to_contain_text("bezwaar")

    # A placeholder that does not exist is refused, with its name, in Dutch.
    body.fill("Binnen {termijn} weken.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("{termijn} is geen gegeven dat in een brief kan staan")).to_be_visible()

    page.get_by_label("Tekst").fill(NEW_WORDING)
    page.get_by_label("Waarom deze wijziging").fill("Korter en vriendelijker.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("Opgeslagen als versie 2")).to_be_visible()
    version = LetterText.objects.get(block="objection", language="nl", version=2)
    assert not version.is_active

    # The preview: the new wording in a letter on a sample dossier, before it is used.
    page.goto(base + reverse("admin:budget_lettertext_changelist"))
    preview = page.locator(f"a[href$='/{version.pk}/preview/']")
    response = page.context.request.get(preview.evaluate("a => a.href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    (tmp_path / "preview.pdf").write_bytes(response.body())
    assert "Maak dan binnen 6 weken bezwaar bij het college van" in _pdf_text(response.body())

    # Make it active.
    page.get_by_role(
        "checkbox", name="Selecteer dit object voor een actie - Elke brief: bezwaar (nl, v2)"
    ).check()
    page.locator("select[name=action]").select_option(
        label="Actief maken: gebruiken voor nieuwe brieven"
    )
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_text("Actief gemaakt: Elke brief: bezwaar (nl, v2).")).to_be_visible()
    assert LetterText.objects.get(pk=version.pk).is_active
    log_out(page)

    # A decision published afterwards: its letter carries the new wording.
    application, _holder, _facilitator = grant()
    lead = application.initiative.created_by
    login_through_form(page, base, lead.email)
    page.goto(base + application.get_absolute_url())
    link = page.get_by_role("link", name=re.compile("^Toekenningsbrief"))
    reload_until(page, link)
    text = letter_text(page, link)
    assert "Maak dan binnen 6 weken bezwaar bij het college van" in text
    assert "Bel gerust eerst je contactpersoon." in text
    assert f"Het geld komt uit de budgetlijn {application.line.name}." in text
    letter = application.letters.get()
    assert set(letter.texts.values_list("block", "version")) == {
        ("grant", 1),
        ("objection", 2),
        ("closing", 1),
    }
