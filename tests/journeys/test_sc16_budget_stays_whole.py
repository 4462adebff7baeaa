"""SC-16 "Laat het budget heel": € 2.000 of Muziekwijk is cut (proposed by the administrator,
approved by the coordinator). The council member sees it red, with its words and the running
total, in the budget report and the annual report; an anonymous visitor reads per wijk what
is still available and why a budget changed, on a wide screen and on a 320 px phone."""

import re
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.budget.budget_moves import OFFICIALS, budget_that_moved
from tests.factories import UserFactory
from tests.journeys.steps_common import (
    log_out,
    login_through_form,
    menu_link,
    no_horizontal_scroll,
    reload_until,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

YEAR = 2026  # the annual report offers this year and the five before
RED = "rgb(164, 38, 44)"  # the status colour "late" (docs/design.md)
FILM = "Budget € 800, plus € 600 overgeheveld uit Stedelijk op 3 maart: € 1.400."
MUSIC = "Budget € 3.000, min € 2.000 bezuinigd op 1 juni: € 1.000."


def _pdf_text(body: bytes, tmp_path) -> str:
    path = tmp_path / "jaarverslag.pdf"
    path.write_bytes(body)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return " ".join(out.split())


def test_sc16_the_council_sees_the_cut_red_in_the_budget_and_annual_report(page, stack, tmp_path):
    base = stack.url
    budget_that_moved(year=YEAR)
    council = UserFactory(role="read_only", full_name="Rita Raadslid")

    login_through_form(page, base, council.email)
    menu_link(page, "Rapportages")
    page.get_by_role("main").get_by_role("link", name=re.compile("^Budget")).first.click()
    marked = page.locator("tr.portal-row--out-of-purpose")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("Uit Samen Sterk gehaald")  # words, not colour alone
    expect(marked).to_contain_text("€ 2.000,00: Smeerolie Muziekwijk → Bezuinigd")
    expect(marked).to_contain_text(OFFICIALS[1])  # who approved it, for the officials
    edge = marked.locator("th").evaluate("cell => getComputedStyle(cell).boxShadow")
    assert RED in edge
    total = page.locator(".portal-figure--out-of-purpose")
    expect(total).to_contain_text(f"Dit jaar uit Samen Sterk gehaald (Samen Sterk {YEAR})")
    expect(total).to_contain_text("€ 2.000,00")
    assert RED in total.evaluate("box => getComputedStyle(box).borderLeftColor")
    page.screenshot(path=str(tmp_path / "budget-report-1280.png"), full_page=True)
    no_horizontal_scroll(page)

    page.goto(base + reverse("core:annual-report"))
    page.get_by_label("Jaar").select_option(str(YEAR))
    page.get_by_role("button", name="Maak het jaarverslag").click()
    link = page.get_by_role("link", name=f"Download het jaarverslag {YEAR} (PDF)")
    reload_until(page, link, timeout=120)
    response = page.context.request.get(link.first.evaluate("a => a.href"))
    assert response.ok
    text = _pdf_text(response.body(), tmp_path)
    assert f"Dit jaar uit Samen Sterk gehaald (Samen Sterk {YEAR}) € 2.000,00" in text
    assert "Uit Samen Sterk gehaald" in text.split("Logboek budgetintegriteit")[-1]
    log_out(page)


def test_sc16_a_visitor_reads_per_neighbourhood_what_is_available_and_why(page, stack, tmp_path):
    base = stack.url
    budget_that_moved(year=YEAR)

    for url in (reverse("budget:samen-sterk"), reverse("budget:public-results")):
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{base}{url}?jaar={YEAR}")
            film = page.locator(".portal-balance").filter(
                has=page.get_by_role("heading", name=re.compile("Filmwijk$"))
            )
            expect(film).to_contain_text(FILM)
            expect(film).to_contain_text("Toegekend € 1.250. Nog beschikbaar € 150.")
            music = page.locator(".portal-balance--out-of-purpose")
            expect(music).to_have_count(1)
            expect(music).to_contain_text(MUSIC)
            expect(music).to_contain_text("Uit Samen Sterk gehaald € 2.000")
            expect(music).to_contain_text("Nog beschikbaar € 600.")
            main = page.locator("main").inner_text()
            assert [name for name in OFFICIALS if name in main] == []
            name = url.strip("/").replace("/", "-")
            page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
        no_horizontal_scroll(page)
