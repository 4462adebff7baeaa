"""SC-10, the Lokale Inclusie Agenda: the advice coordinator registers the agenda of the
working group ViP and imports its 58 topics after seeing the preview (a malformed file is
refused row by row, and nothing is created); the owner writes progress; the coordinator
judges a topic "niet nagekomen" with its reason; a member of ViP sees the progress per phase
and that verdict; an overdue topic is proposed for the next college-ASD meeting."""

import re
from datetime import timedelta

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from advice.models import Agenda, Promise
from tests.advice.agenda_factories import vip, vip_member
from tests.advice.factories import body
from tests.factories import UserFactory
from tests.journeys.steps_common import log_out, login_through_form, no_horizontal_scroll

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

HEADERS = ["onderwerp", "fase", "eigenaar", "afdeling", "deadline"]
REASON = "De raad vond een tolk bij elke vergadering te duur; er komt alleen een tolk op verzoek."


def _file(path, rows) -> str:
    path.write_bytes(tablib.Dataset(*rows, headers=HEADERS).export("xlsx"))
    return str(path)


def _lia(owner) -> list[list[str]]:
    today = timezone.localdate()
    rows = [
        ["Een gebarentolk bij elke raadsvergadering", "Fase 1 (2019)", owner.email, "Griffie",
         (today - timedelta(days=30)).strftime("%d-%m-%Y")],
        ["Toegankelijke speeltuinen in elke wijk", "Fase 1 (2019)", owner.email,
         "Openbare Ruimte", (today - timedelta(days=10)).isoformat()],
    ]  # fmt: skip
    for i in range(3, 59):
        phase = "Fase 2 (2021)" if i < 30 else "Fase 3 (2023)"
        due = today + timedelta(days=10 * i)
        rows.append([f"Onderwerp {i} van de inclusieagenda", phase, owner.email,
                     "Sociaal Domein", due.strftime("%d-%m-%Y")])  # fmt: skip
    return rows


def test_sc10_de_lokale_inclusie_agenda_wordt_gevolgd_tot_het_oordeel(page, stack, tmp_path):
    base = stack.url
    coordinator = UserFactory(role="advice_coordinator", full_name="Carla Adviescoördinator")
    owner = UserFactory(role="facilitator", full_name="Otto Eigenaar")
    ours = vip_member(UserFactory(role="asd_member", full_name="Vera van ViP"))
    vip(), body("asd")

    # The coordinator registers the agenda that ViP handed to the wethouder.
    login_through_form(page, base, coordinator.email)
    page.goto(base + reverse("advice:agendas"))
    page.get_by_role("link", name="Registreer een agenda").click()
    page.get_by_label("Titel", exact=True).fill("Lokale Inclusie Agenda")
    page.get_by_label(re.compile("^Ingediend door")).select_option(label="ViP")
    page.get_by_label(re.compile("^Aangeboden aan")).fill("Wethouder Jansen")
    page.get_by_label(re.compile("^Aangeboden op")).fill("2018-11-12")
    page.get_by_role("button", name="Agenda opslaan").click()
    expect(page.get_by_text("De agenda is geregistreerd.")).to_be_visible()
    agenda = Agenda.objects.get()

    # A malformed file: every wrong row with its error in Dutch, nothing created.
    page.get_by_role("link", name="Onderwerpen importeren uit een bestand").click()
    bad = [
        *_lia(owner)[:3],
        ["", "Fase 1 (2019)", owner.email, "Griffie", "01-01-2030"],
        ["Onderwerp X", "Fase 1 (2019)", "niemand@example.org", "Griffie", "31-02-2030"],
    ]
    page.get_by_label(re.compile("^Bestand met de onderwerpen")).set_input_files(
        _file(tmp_path / "fout.xlsx", bad)
    )
    page.get_by_role("button", name="Lees het bestand en laat zien wat het aanmaakt").click()
    expect(page.get_by_role("alert")).to_contain_text("2 foute regels")
    expect(page.locator("tr[data-line='5']")).to_contain_text("De tekst is leeg.")
    expect(page.locator("tr[data-line='6']")).to_contain_text(
        "Onbekende eigenaar: niemand@example.org is geen actieve medewerker."
    )
    expect(page.locator("tr[data-line='6']")).to_contain_text("“31-02-2030” is geen datum")
    expect(page.get_by_role("button", name=re.compile("^Bevestig"))).to_have_count(0)
    assert not Promise.objects.exists()

    # The 58 topics: first the preview, then all of them at once.
    page.get_by_label(re.compile("^Bestand met de onderwerpen")).set_input_files(
        _file(tmp_path / "lia.xlsx", _lia(owner))
    )
    page.get_by_role("button", name="Lees het bestand en laat zien wat het aanmaakt").click()
    expect(page.locator("tr[data-outcome='create']")).to_have_count(58)
    assert not Promise.objects.exists()
    page.get_by_role("button", name="Bevestig: maak 58 toezeggingen aan").click()
    expect(page.get_by_text("Geïmporteerd: 58 toezeggingen.")).to_be_visible()
    assert agenda.promises.count() == 58
    log_out(page)

    # The owner writes progress on the interpreter topic.
    interpreter = agenda.promises.get(text__startswith="Een gebarentolk")
    login_through_form(page, base, owner.email)
    page.goto(base + interpreter.get_absolute_url())
    page.get_by_label("Voortgang", exact=True).fill("Een proef met drie vergaderingen gedaan.")
    page.get_by_label("Op schema").check()
    page.get_by_role("button", name="Voortgang opslaan").click()
    expect(page.get_by_text("Een proef met drie vergaderingen gedaan.")).to_be_visible()
    log_out(page)

    # The coordinator's verdict: not kept, with the reason.
    login_through_form(page, base, coordinator.email)
    page.goto(base + interpreter.get_absolute_url())
    verdict = page.locator("form:has(button[name='verdict'])")
    verdict.get_by_label("Niet nagekomen").check()
    verdict.get_by_role("button", name="Geef het oordeel").click()
    expect(
        page.get_by_text("Schrijf waarom de toezegging niet (helemaal) is nagekomen.")
    ).to_be_visible()
    verdict.get_by_label("Niet nagekomen").check()
    verdict.get_by_label(re.compile("^Waarom is de toezegging niet")).fill(REASON)
    verdict.get_by_role("button", name="Geef het oordeel").click()
    expect(page.get_by_text("Het oordeel is gegeven.")).to_be_visible()
    expect(page.get_by_text(REASON).first).to_be_visible()

    # An overdue topic is proposed for the next college-ASD meeting.
    page.goto(base + reverse("advice:meeting-create") + "?orgaan=asd")
    expect(
        page.get_by_text(re.compile("Lokale Inclusie Agenda \\(Toegankelijke speeltuinen")).first
    ).to_be_visible()
    expect(page.get_by_label(re.compile("^Agenda"))).to_have_value(
        re.compile("Toegankelijke speeltuinen")
    )
    log_out(page)

    # A member of ViP follows the progress per phase, and sees the verdict with its reason.
    login_through_form(page, base, ours.email)
    page.goto(base + reverse("advice:agendas"))
    page.get_by_role("link", name="Lokale Inclusie Agenda").click()
    progress = page.locator("#progress")
    expect(
        progress.locator("tr[data-phase='Fase 1 (2019)'][data-status='not_kept']")
    ).to_contain_text("1")
    expect(
        progress.locator("tr[data-phase='Fase 1 (2019)'][data-status='overdue']")
    ).to_contain_text("1")
    expect(progress.locator("tr[data-phase='Fase 2 (2021)'][data-status='new']")).to_contain_text(
        "27"
    )
    page.get_by_role("combobox", name=re.compile("^Fase")).select_option("Fase 1 (2019)")
    page.get_by_role("button", name="Filteren").click()
    # One badge with the verdict, the reason under it.
    expect(page.get_by_role("row", name=re.compile("gebarentolk"))).to_contain_text(
        re.compile("Niet nagekomen\\s*" + re.escape(REASON))
    )
    expect(page.get_by_role("row", name=re.compile("gebarentolk"))).not_to_contain_text("Op schema")
    no_horizontal_scroll(page)
