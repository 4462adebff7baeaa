"""The Samen Sterk results report: every figure and table row equals the one computed here
in plain Python from the grants the test made (tests/budget/report_helpers.py), never with
the selectors under test. Filters, bad input, exports and access."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from budget.models import BudgetLine
from burgerkracht.core.models import Neighbourhood
from tests.budget.report_helpers import euro, expected, expected_new, scenario, share
from tests.factories import UserFactory, open_line
from tests.language import in_language

pytestmark = pytest.mark.django_db

URL = reverse("core:report", args=["samen-sterk"])


@pytest.fixture
def reader(client):
    client.force_login(UserFactory(role="read_only"))
    return client


def get(client, params=None):
    with translation.override("en"):
        return in_language(client, "en").get(URL, params or {})


def figures(response) -> dict[str, tuple[str, str]]:
    with translation.override("en"):
        return {
            str(f.label): (str(f.value), str(f.note))
            for section in response.context["sections"]
            for f in section.figures
        }


def table(response, title: str) -> list[list]:
    with translation.override("en"):
        for section in response.context["sections"]:
            for t in section.tables:
                if str(t.title) == title:
                    return [[str(c) if hasattr(c, "_proxy____cast") else c for c in row]
                            for row in t.cells()]  # fmt: skip
    raise AssertionError(f"no table {title!r}")


def expected_figures(grants, all_grants, start=None) -> dict[str, tuple[str, str]]:
    e = expected(grants)
    plural = "initiative" if e["initiatives"] == 1 else "initiatives"
    if e["closed"]:
        sentence = (
            f"{e['initiatives']} {plural} supported in this period; {e['yes']} of the "
            f"{e['closed']} that finished reached their own intended result ({e['share']}%)."
        )
    else:
        sentence = f"{e['initiatives']} {plural} supported in this period; none of its grants " \
            "has finished yet."  # fmt: skip
    return {
        "Reached their own intended result": (
            "—" if e["share"] is None else f"{e['share']}%", sentence,
        ),
        "Initiatives supported": (
            str(e["initiatives"]), "with at least one grant decided in the period",
        ),
        "Grants": (str(e["grants"]), ""),
        "Granted in total": (
            euro(e["granted"]),
            "the amounts in the decisions made in the period; extra money after an evaluation "
            "and money that came back are not in it",
        ),
        "Median grant": (
            "—" if e["median"] is None else euro(e["median"]),
            "half of the grants were this amount or less",
        ),
        "Grants closed": (str(e["closed"]), "accountability afterwards settled"),
        "Result reached: yes / partly / no": (
            f"{e['yes']} / {e['partly']} / {e['no']}", "of the closed grants",
        ),
        "Participants reached": (
            str(e["participants"]), "people who took part, from the settled accountabilities",
        ),
        "New initiators": (
            str(expected_new(all_grants, grants, start)),
            "initiators whose first Samen Sterk grant was decided in the period",
        ),
    }  # fmt: skip


def row(label, grants) -> list:
    e = expected(grants)
    return [label, e["initiatives"], e["grants"], e["granted"], e["median"], e["closed"],
            e["yes"], e["partly"], e["no"], e["share"], e["participants"]]  # fmt: skip


def test_the_figures_over_all_time_equal_those_counted_from_the_grants(reader):
    grants = scenario()
    response = get(reader)

    assert response.status_code == 200
    assert figures(response) == expected_figures(grants, grants)
    # Spelled out once: 4 initiatives (g5 follows g1), 1 of the 3 finished reached it.
    assert figures(response)["Reached their own intended result"] == (
        "33%",
        "4 initiatives supported in this period; 1 of the 3 that finished reached their own "
        "intended result (33%).",
    )
    assert figures(response)["Median grant"][0] == "€ 400.00"
    assert figures(response)["New initiators"][0] == "5"


def test_the_tables_per_neighbourhood_line_and_year_equal_the_grants_grouped_here(reader):
    grants = scenario()
    response = get(reader)

    neighbourhoods = sorted({g.neighbourhood for g in grants if g.neighbourhood})
    assert table(response, "Per wijk") == [
        *[row(w, [g for g in grants if g.neighbourhood == w]) for w in neighbourhoods],
        row("No wijk (city-wide)", [g for g in grants if g.neighbourhood is None]),
    ]
    assert table(response, "Per budget line") == [
        row(name, [g for g in grants if g.line == name]) for name in ("Lijn A", "Lijn B")
    ]
    assert table(response, "Per year") == [
        row(year, [g for g in grants if g.decided_on.year == year]) for year in (2026, 2027)
    ]
    html = response.text
    assert html.count('<figure class="portal-chart') == 3  # a chart per table
    assert html.count('<table class="utrecht-table">') == 3


def test_the_period_applies_to_the_date_of_the_decision(reader):
    grants = scenario()
    start, end = date(2027, 1, 1), date(2027, 12, 31)
    in_2027 = [g for g in grants if start <= g.decided_on <= end]
    response = get(reader, {"van": "2027-01-01", "tot": "2027-12-31"})

    assert figures(response) == expected_figures(in_2027, grants, start)
    # g3's lead already was a co-initiator of a grant in 2026; g4's lead and co-initiator
    # are new; g5 follows g1, whose people had their first grant in 2026.
    assert figures(response)["New initiators"][0] == "2"
    march = [g for g in grants if date(2026, 3, 1) <= g.decided_on <= date(2026, 3, 31)]
    response = get(reader, {"van": "2026-03-01", "tot": "2026-03-31"})
    assert figures(response) == expected_figures(march, grants, date(2026, 3, 1))


def test_neighbourhood_line_and_fund_filters(reader):
    grants = scenario()
    haven = Neighbourhood.objects.get(slug="haven")
    line_b = BudgetLine.objects.get(name="Lijn B")
    fund = line_b.fund
    other_fund = open_line(allocation="100.00")[0].fund  # a line, no grants

    by_neighbourhood = get(reader, {"wijk": haven.pk})
    by_line = get(reader, {"lijn": line_b.pk})
    by_fund = get(reader, {"fonds": fund.pk})
    empty = get(reader, {"fonds": other_fund.pk})
    both = get(reader, {"wijk": haven.pk, "van": "2027-01-01"})

    in_haven = [g for g in grants if g.neighbourhood == "Haven"]
    assert figures(by_neighbourhood) == expected_figures(in_haven, grants)
    assert figures(by_line) == expected_figures([g for g in grants if g.line == "Lijn B"], grants)
    assert figures(by_fund) == expected_figures(grants, grants)
    assert figures(empty) == expected_figures([], grants)
    assert "Nothing to show for this choice." in empty.text
    later = [g for g in in_haven if g.decided_on >= date(2027, 1, 1)]
    assert figures(both) == expected_figures(later, grants, date(2027, 1, 1))
    assert table(both, "Per wijk") == [row("Haven", later)]


BAD_INPUT = [
    ({"wijk": "abc"}, "wijk", "Select a valid choice. abc is not one of the available choices."),
    ({"lijn": "999999"}, "lijn",
     "Select a valid choice. 999999 is not one of the available choices."),
    ({"fonds": "<script>"}, "fonds",
     "Select a valid choice. <script> is not one of the available choices."),
    ({"van": "2027-13-45"}, "van", "Enter a valid date."),
    ({"van": "2027-06-01", "tot": "2027-01-01"}, "tot",
     "The end date must come after the start date."),
]  # fmt: skip


def test_bad_filter_input_gets_a_message_and_the_rest_still_applies(reader):
    grants = scenario()
    up_to_2026 = [g for g in grants if g.decided_on <= date(2026, 12, 31)]
    from_june = [g for g in grants if g.decided_on >= date(2027, 6, 1)]
    for params, field, message in BAD_INPUT:
        response = get(reader, {"tot": "2026-12-31", **params})

        assert response.status_code == 200
        with translation.override("en"):
            assert response.context["form"].errors[field] == [message]
        assert f'href="#id_{field}"' in response.text  # the error summary points at the field
        assert "<script>" not in response.text.split("<main", 1)[1]
        if field == "tot":  # van after tot: tot is left out, van stays
            assert figures(response) == expected_figures(from_june, grants, date(2027, 6, 1))
        else:  # the bad field is left out, the period up to 2026 still applies
            assert figures(response) == expected_figures(up_to_2026, grants)


def test_csv_and_xlsx_hold_the_same_numbers_as_the_page(reader):
    grants = scenario()
    page = get(reader, {"van": "2026-01-01"})
    with translation.override("en"):
        slugs = [t.slug for s in page.context["sections"] for t in s.tables]
    assert slugs == ["per-wijk", "per-budget-line", "per-year"]
    as_csv = get(reader, {"van": "2026-01-01", "_export": "csv", "tabel": slugs[0]})
    as_xlsx = get(reader, {"van": "2026-01-01", "_export": "xlsx"})

    rows = list(csv.reader(io.StringIO(as_csv.content.decode())))
    headers = ["Wijk", "Initiatives supported", "Grants", "Granted (€)", "Median grant (€)",
               "Closed", "Yes", "Partly", "No", "Reached (%)", "Participants reached"]  # fmt: skip
    assert rows[0] == headers
    haven = [g for g in grants if g.neighbourhood == "Haven"]
    e = expected(haven)
    assert rows[1] == ["Haven", str(e["initiatives"]), str(e["grants"]), str(e["granted"]),
                       str(e["median"]), str(e["closed"]), str(e["yes"]), str(e["partly"]),
                       str(e["no"]), str(e["share"]), str(e["participants"])]  # fmt: skip
    assert "attachment" in as_csv["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(as_xlsx.content))
    assert book.sheetnames == slugs
    years = [[c.value for c in r] for r in book.worksheets[2].iter_rows()][1:]
    for sheet_row, year in zip(years, (2026, 2027), strict=True):
        e = expected([g for g in grants if g.decided_on.year == year])
        assert sheet_row[:4] == [year, e["initiatives"], e["grants"], float(e["granted"])]
        assert sheet_row[9] == e["share"]


def test_nothing_decided_shows_dashes_not_an_error(reader):
    response = get(reader)
    assert response.status_code == 200
    assert figures(response)["Reached their own intended result"][0] == "—"
    assert figures(response)["Median grant"][0] == "—"
    assert share(0, 0) is None


@pytest.mark.parametrize("slug", ["samen-sterk", "budget"])
@pytest.mark.parametrize("role", ["resident", "professional", None])
def test_residents_professionals_and_strangers_cannot_read_the_reports(client, slug, role):
    url = reverse("core:report", args=[slug])
    if role:
        client.force_login(UserFactory(role=role))
    response = client.get(url)
    csv_export = client.get(url, {"_export": "csv"})
    if role:
        assert response.status_code == csv_export.status_code == 403
    else:
        assert response.status_code == csv_export.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
