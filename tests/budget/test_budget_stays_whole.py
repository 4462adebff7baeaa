"""SC-16 "Laat het budget heel": every line's balance tells its story, and money that left
Samen Sterk is red (with its words) in the overview, the log, the budget report (HTML, XLSX)
and the annual report PDF, with the running total per fund. Expected figures follow from the
moves in tests/budget/budget_moves.py (known constants), never from the selectors."""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from budget import balance_selectors as balances
from budget import services
from budget.enums import OutOfPurpose
from budget.models import Fund
from burgerkracht.core.models import AnnualReport
from burgerkracht.core.reporting.annual import generate_annual_report
from tests.budget.budget_moves import OFFICIALS, budget_that_moved
from tests.factories import UserFactory
from tests.language import in_language

pytestmark = pytest.mark.django_db
D = Decimal
REPORT = reverse("core:report", args=["budget"])


def plain(text: str) -> str:
    """The words as read: amounts keep their sign with a no-break space."""
    return text.replace("\u00a0", " ")


def by_label(year=2027):
    return {b.label: b for b in balances.balances(balances.public_lines(year))}


# --- selectors --------------------------------------------------------------------------------


def test_each_balance_has_its_start_changes_awarded_and_available_exactly():
    budget_that_moved()

    got = by_label()

    film, music, city = got["Smeerolie Filmwijk"], got["Smeerolie Muziekwijk"], got["Stedelijk"]
    assert (film.start, film.moved_in, film.allocation, film.awarded, film.available) == (
        D("800.00"), D("600.00"), D("1400.00"), D("1250.00"), D("150.00"),
    )  # fmt: skip
    assert (music.start, music.out_of_purpose, music.allocation, music.available) == (
        D("3000.00"), D("2000.00"), D("1000.00"), D("600.00"),
    )  # fmt: skip
    assert (city.start, city.moved_out, city.allocation, city.available) == (
        D("5000.00"), D("600.00"), D("4400.00"), D("4400.00"),
    )  # fmt: skip
    assert city.out_of_purpose == film.out_of_purpose == D("0.00")


def test_the_balance_says_in_dutch_where_the_money_came_from_and_went():
    budget_that_moved()

    with translation.override("nl"):
        got = by_label()
        film, music, city = (got[k] for k in ("Smeerolie Filmwijk", "Smeerolie Muziekwijk",
                                               "Stedelijk"))  # fmt: skip
        assert plain(film.budget_text) == (
            "Budget € 800, plus € 600 overgeheveld uit Stedelijk op 3 maart: € 1.400."
        )
        assert (plain(film.awarded_text), plain(film.available_text)) == (
            "Toegekend € 1.250.", "Nog beschikbaar € 150.",
        )  # fmt: skip
        assert (
            plain(music.budget_text) == "Budget € 3.000, min € 2.000 bezuinigd op 1 juni: € 1.000."
        )
        assert plain(city.budget_text) == (
            "Budget € 5.000, min € 600 overgeheveld naar Smeerolie Filmwijk op 3 maart: € 4.400."
        )


def test_money_that_came_back_at_settlement_is_available_again():
    moved = budget_that_moved(cut=False)
    award = moved.film.awards.get()

    services.settle_award(by=moved.film.decision_holders.get(), award=award, spent=D("1000.01"),
                          reason="Klaar")  # fmt: skip

    film = by_label()["Smeerolie Filmwijk"]
    assert (film.awarded, film.available) == (D("1000.01"), D("399.99"))
    with translation.override("nl"):
        assert plain(film.available_text) == "Nog beschikbaar € 399,99."


@pytest.mark.parametrize(
    ("destination", "detail", "words"),
    [(OutOfPurpose.GENERAL_BUDGET, "", "min € 250 terug naar de algemene begroting op"),
     (OutOfPurpose.OTHER_SCHEME, "Armoedefonds",
      "min € 250 naar een andere regeling (Armoedefonds) op")],
)  # fmt: skip
def test_every_destination_is_said_in_words(destination, detail, words):
    moved = budget_that_moved(cut=False)
    services.move_out_of_purpose(
        by=moved.admin, approved_by=moved.coordinator, line=moved.city, amount=D("250"),
        destination=destination, destination_detail=detail, reason="Nodig elders.",
    )  # fmt: skip

    with translation.override("nl"):
        assert words in plain(by_label()["Stedelijk"].budget_text)


def test_the_running_total_per_fund_sums_every_move_out_and_is_zero_without():
    moved = budget_that_moved()
    services.move_out_of_purpose(
        by=moved.admin, approved_by=moved.coordinator, line=moved.city, amount=D("0.01"),
        destination=OutOfPurpose.GENERAL_BUDGET, reason="Afronding.",
    )  # fmt: skip
    empty = services.create_fund(by=moved.admin, name="Samen Sterk 2026",
                                 starts_on=moved.fund.starts_on.replace(year=2026),
                                 ends_on=moved.fund.ends_on.replace(year=2026))  # fmt: skip

    got = balances.out_of_purpose_per_fund(Fund.objects.all())

    assert [(t.fund, t.total, t.moves) for t in got] == [
        ("Samen Sterk 2027", D("2000.01"), 2), (empty.name, D("0.00"), 0),
    ]  # fmt: skip


def test_out_of_purpose_per_line_does_not_multiply_the_award_count():
    moved = budget_that_moved()
    from budget import selectors

    lines = {
        line.name: line for line in balances.with_out_of_purpose(selectors.lines_of(moved.fund))
    }

    assert (lines["Smeerolie Muziekwijk"].out_of_purpose, lines["Smeerolie Muziekwijk"].award_count
            ) == (D("2000.00"), 1)  # fmt: skip
    assert lines["Stedelijk"].out_of_purpose == D("0.00")


# --- the officials' pages and the reports ------------------------------------------------------


@pytest.fixture
def council(client):
    client.force_login(UserFactory(role="read_only"))
    return in_language(client, "nl")


def test_the_overview_and_the_log_mark_the_cut_red_with_the_total(council):
    moved = budget_that_moved()

    overview = council.get(reverse("budget:overview", args=[moved.fund.pk])).content.decode()
    log = council.get(reverse("budget:integrity-log", args=[moved.fund.pk])).content.decode()

    for page in (overview, log):
        assert page.count("portal-row--out-of-purpose") == 1
        assert "Dit jaar uit Samen Sterk gehaald" in page
        assert "€ 2.000,00" in page
    assert "Uit Samen Sterk gehaald</th>" in overview  # the words, not colour alone
    assert "Uit Samen Sterk gehaald</span>" in log
    assert "Corrie Coordinator" in log  # who approved it, for the officials


def test_the_overview_says_niets_when_nothing_left(council):
    moved = budget_that_moved(cut=False)

    page = council.get(reverse("budget:overview", args=[moved.fund.pk])).content.decode()

    assert "portal-row--out-of-purpose" not in page
    assert "portal-figure--out-of-purpose" not in page
    assert "€ 0,00" in page and "niets" in page


def test_the_budget_report_marks_the_cut_and_gives_the_running_total(council):
    moved = budget_that_moved()

    response = council.get(REPORT, {"fonds": moved.fund.pk})

    page = response.content.decode()
    assert page.count("portal-row--out-of-purpose") == 1
    assert "portal-figure--out-of-purpose" in page
    with translation.override("nl"):
        figures = {str(f.label): (f.value, str(f.note))
                   for s in response.context["sections"] for f in s.figures}  # fmt: skip
    assert figures["Dit jaar uit Samen Sterk gehaald (Samen Sterk 2027)"] == (
        "€ 2.000,00", "in 1 keer, rood in het logboek hieronder",
    )  # fmt: skip


def test_the_budget_report_without_a_cut_shows_zero_and_niets(council):
    moved = budget_that_moved(cut=False)

    response = council.get(REPORT, {"fonds": moved.fund.pk})

    with translation.override("nl"):
        figures = {str(f.label): (f.value, str(f.note), f.marked)
                   for s in response.context["sections"] for f in s.figures}  # fmt: skip
    assert figures["Dit jaar uit Samen Sterk gehaald (Samen Sterk 2027)"] == (
        "€ 0,00", "niets", False,
    )  # fmt: skip
    assert "portal-row--out-of-purpose" not in response.content.decode()


def test_the_xlsx_log_has_a_column_that_names_the_cut(council):
    moved = budget_that_moved()

    response = council.get(REPORT, {"fonds": moved.fund.pk, "_export": "xlsx"})

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = [[c.value for c in r] for r in book.worksheets[2].iter_rows()]
    column = rows[0].index("Uit Samen Sterk")
    marked = [(r[column], r[rows[0].index("Wat")]) for r in rows[1:] if r[column]]
    assert marked == [("Uit Samen Sterk gehaald", "Geld uit Samen Sterk gehaald")]
    assert len(rows) == 3  # the cut and the reallocation
    fills = [
        {cell.fill.fgColor.rgb for cell in row} for row in book.worksheets[2].iter_rows(min_row=2)
    ]
    red = [n for n, colours in enumerate(rows[1:]) if colours[column]]
    assert [n for n, colours in enumerate(fills) if colours == {"00FDECEA"}] == red


def test_the_annual_report_pdf_has_the_cut_and_the_running_total(tmp_path):
    budget_that_moved()
    run = AnnualReport.objects.create(year=2027, requested_by=UserFactory(role="read_only"))

    with translation.override("nl"):
        generate_annual_report(report_pk=run.pk)

    run.refresh_from_db()
    path = tmp_path / "jaarverslag.pdf"
    path.write_bytes(run.pdf.read())
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert "Dit jaar uit Samen Sterk gehaald (Samen Sterk 2027)" in flat
    assert "€ 2.000,00" in flat
    log = flat.split("Logboek budgetintegriteit")[-1]
    assert "Uit Samen Sterk gehaald" in log


# --- the public pages --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["budget:public-results", "budget:samen-sterk"])
def test_the_public_pages_show_each_neighbourhood_balance_and_no_official(client, name):
    moved = budget_that_moved()

    html = plain(in_language(client, "nl").get(reverse(name), {"jaar": 2027}).content.decode())

    assert "Budget € 800, plus € 600 overgeheveld uit Stedelijk op 3 maart: € 1.400." in html
    assert "Toegekend € 1.250. <span" in html and "Nog beschikbaar € 150." in html
    assert "Budget € 3.000, min € 2.000 bezuinigd op 1 juni: € 1.000." in html
    assert html.count("portal-balance--out-of-purpose") == 1
    leaks = [*OFFICIALS, moved.admin.email, moved.coordinator.email, moved.cut.reason]
    assert [text for text in leaks if text in html] == []


def test_the_public_pages_are_never_stale_after_an_award(client):
    moved = budget_that_moved()
    url = reverse("budget:public-results")
    first = client.get(url)
    assert "public" not in first.get("Cache-Control", "")  # no shared cache keeps it

    services.approve_award(by=moved.film.decision_holders.get(), line=moved.film,
                           amount=D("100"), description="Nog een")  # fmt: skip

    html = plain(in_language(client, "nl").get(url).content.decode())
    assert "Toegekend € 1.350. <span" in html and "Nog beschikbaar € 50." in html


def test_a_neighbourhood_page_shows_only_its_own_balance(client):
    budget_that_moved()
    url = reverse("budget:public-results-neighbourhood", args=["muziekwijk"])

    html = plain(in_language(client, "nl").get(url, {"jaar": 2027}).content.decode())

    assert "Budget € 3.000, min € 2.000 bezuinigd op 1 juni: € 1.000." in html
    assert "Nog beschikbaar € 600." in html
    assert "overgeheveld uit Stedelijk" not in html  # Filmwijk's is on its own page
