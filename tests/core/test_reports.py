"""The report framework and the Meetlat report: figures, filters, exports, charts, the annual
report. Expected figures are counted here from the decisions the test makes, never with the
selectors under test."""

import csv
import io
import subprocess
import tempfile
from datetime import timedelta

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from burgerkracht.core.models import AnnualReport, AuditEvent
from burgerkracht.core.reporting import reports
from burgerkracht.core.reporting.charts import bar_chart
from burgerkracht.core.ui.colours import CHART_COLOURS, contrast_ratio
from burgerkracht.meetlat import services
from burgerkracht.meetlat.models import Decision, MeetlatVersion
from tests.factories import PolicyDecisionFactory, UserFactory, complete_decision
from tests.language import in_language

pytestmark = pytest.mark.django_db

URL = reverse("core:report", args=["meetlat"])


@pytest.fixture
def reader(client):
    client.force_login(UserFactory(role="read_only"))
    in_language(client, "en")  # the English wording, as in the code
    return client


def _decisions():
    """Five policy decisions in two departments, each with a known Meetlat and triad."""
    by = UserFactory(role="facilitator")
    complete = [PolicyDecisionFactory.create(by=by, complete=True, department="Wijkzaken")]
    complete.append(PolicyDecisionFactory.create(by=by, complete=True, department="Zorg"))
    no_money = PolicyDecisionFactory.create(by=by, department="Zorg").decision
    complete_decision(no_money, by, skip="financial_accountability")  # Meetlat complete
    PolicyDecisionFactory.create(by=by, department="Wijkzaken")  # nothing filled in
    partial = PolicyDecisionFactory.create(by=by, department="Wijkzaken").decision
    services.save_meetlat(
        decision=partial,
        by=by,
        answers={
            1: ("fully", "Het volgt dit helemaal."),
            2: ("not", "Het past niet bij dit besluit."),
        },
    )
    return by


def _figures(response) -> dict[str, str]:
    return {
        str(figure.label): str(figure.value)
        for section in response.context["sections"]
        for figure in section.figures
    }


def _table(response, title: str) -> list[list]:
    for section in response.context["sections"]:
        for table in section.tables:
            if str(table.title) == title:
                return table.cells()
    raise AssertionError(f"no table {title!r}")


def test_meetlat_report_counts_coverage_principles_and_the_triad(reader):
    _decisions()
    with translation.override("en"):
        response = reader.get(URL)

    assert response.status_code == 200
    # 3 of 5 have all six answers; 2 of 5 have the triad (the third lacks the financial part).
    assert _figures(response) == {
        "Decisions": "5",
        "With a complete Meetlat": "60%",
        "With all three written down": "40%",
        # none of them is final: no later reflection is due yet (SC-17)
        "Reflections due": "0",
        "Reflections done": "0",
        "Reflections overdue": "0",
    }
    assert _table(response, "Per kind of decision") == [["Policy decision", 5, 3, 60]]
    assert _table(response, "Accountability per kind of decision") == [
        ["Policy decision", 5, 2, 3, 3, 2, 40]
    ]
    principles = _table(response, "Answers per principle")
    # complete_decision answers principle 3 "partly" and the others "fully"; the partial one
    # answers 1 fully and 2 not.
    assert principles[0][1:] == [4, 0, 0, 0]
    assert principles[1][1:] == [3, 0, 1, 0]
    assert principles[2][1:] == [0, 3, 0, 0]
    assert [row[1:] for row in principles[3:]] == [[3, 0, 0, 0]] * 3


def test_filters_narrow_the_report_and_bad_input_gets_a_message(reader):
    _decisions()
    tomorrow = timezone.localdate() + timedelta(days=1)
    with translation.override("en"):
        zorg = reader.get(URL, {"afdeling": "Zorg"})
        later = reader.get(URL, {"van": tomorrow.isoformat()})
        backwards = reader.get(URL, {"van": tomorrow.isoformat(), "tot": "2020-01-01"})
        nonsense = reader.get(URL, {"van": "2026-13-45", "soort": "<script>"})

    assert _figures(zorg)["Decisions"] == "2"
    assert _figures(later)["Decisions"] == "0"
    assert "Nothing to show for this choice." in later.text
    assert backwards.status_code == nonsense.status_code == 200
    assert "The end date must come after the start date." in backwards.text
    assert 'href="#id_tot"' in backwards.text  # the error summary points at the field
    assert "Enter a valid date." in nonsense.text
    assert _figures(nonsense)["Decisions"] == "5"  # the bad fields are left out, not the rest


def test_csv_and_xlsx_hold_the_same_numbers_as_the_page(reader):
    _decisions()
    with translation.override("en"):
        page = reader.get(URL, {"afdeling": "Wijkzaken"})
        table = next(t for s in page.context["sections"] for t in s.tables)
        as_csv = reader.get(URL, {"afdeling": "Wijkzaken", "_export": "csv", "tabel": table.slug})
        as_xlsx = reader.get(URL, {"afdeling": "Wijkzaken", "_export": "xlsx"})

    rows = list(csv.reader(io.StringIO(as_csv.content.decode())))
    assert rows == [["Kind", "Decisions", "Complete Meetlat", "Share (%)"],
                    ["Policy decision", "3", "1", "33"]]  # fmt: skip
    assert "attachment" in as_csv["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(as_xlsx.content))
    assert len(book.sheetnames) == 4  # one sheet per table
    first = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]
    assert first[1] == ["Policy decision", 3, 1, 33]


def test_a_chart_is_html_with_a_caption_that_points_to_the_table():
    with translation.override("en"):
        chart = bar_chart("Grants per wijk", ["Haven", "Stad"], {"Grants": [3, 1]})
        html = render_to_string("includes/chart.html", {"chart": chart})
        alt = chart.alt

    assert alt == "Grants per wijk. The same numbers are in the table below the chart."
    assert "<figcaption" in html and "Haven" in html and 'aria-hidden="true"' in html
    assert "<script" not in html and "style=" not in html and "<img" not in html


def test_the_report_page_shows_the_chart_as_an_image_next_to_its_table(reader):
    _decisions()
    response = reader.get(URL)
    # the reflections' chart is left out while every count is 0 (no decision is final)
    assert response.text.count('<figure class="portal-chart') == 3
    assert response.text.count('<table class="utrecht-table">') == 4
    assert "<script" not in response.text.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("colour", CHART_COLOURS)
def test_chart_colours_have_3_to_1_contrast_on_white(colour):
    assert contrast_ratio(colour, "#ffffff") >= 3


def test_report_page_queries_are_the_same_at_10_and_10000_decisions(reader):
    by = _decisions()
    version = MeetlatVersion.current()

    def bulk(n):
        Decision.objects.bulk_create(
            Decision(kind="policy", title=f"Besluit {i}", department=f"Afdeling {i % 7}",
                     meetlat_version=version, created_by=by)
            for i in range(n)
        )  # fmt: skip

    bulk(5)  # 10 in all
    reader.get(URL)  # warm the caches of the first request
    with CaptureQueriesContext(connection) as small:
        reader.get(URL)
    bulk(9_990)
    with CaptureQueriesContext(connection) as large:
        response = reader.get(URL)

    assert _figures(response)["Decisions"] == "10000"
    assert len(small) == len(large)
    assert len(large) <= 12


def test_unknown_report_is_404_and_the_index_lists_what_the_person_may_see(client, reader):
    assert reader.get(reverse("core:report", args=["bestaat-niet"])).status_code == 404
    index = reader.get(reverse("core:reports"))
    for report in reports.reports_for(index.wsgi_request.user):
        assert reverse("core:report", args=[report.slug]) in index.text
    client.force_login(UserFactory(role="resident"))
    assert client.get(reverse("core:reports")).status_code == 403
    assert client.get(URL).status_code == 403


def test_annual_report_is_made_by_the_worker_with_the_reports_of_that_year(
    client, django_capture_on_commit_callbacks
):
    _decisions()
    year = timezone.localdate().year
    reader = UserFactory(role="read_only")
    client.force_login(reader)
    in_language(client, "en")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:annual-report"), {"jaar": str(year)})

    run = AnnualReport.objects.get()
    assert response.status_code == 302
    assert (run.year, run.requested_by, bool(run.pdf)) == (year, reader, True)
    assert AuditEvent.objects.filter(action="annual_report.requested", actor=reader).count() == 1
    listing = client.get(reverse("core:annual-report"))
    assert reverse("core:annual-report-pdf", args=[run.pk]) in listing.text
    download = client.get(reverse("core:annual-report-pdf", args=[run.pk]))
    pdf = b"".join(download.streaming_content)
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert download["Content-Type"] == "application/pdf"
    assert f"Annual report {year}" in text
    assert "Meetlat and accountability" in text
    assert "60%" in text and "40%" in text  # the same figures as the report page
    # The charts are in the PDF as text (pdftotext reads their titles, labels and scale).
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        plain = subprocess.run(
            ["pdftotext", "-layout", file.name, "-"], capture_output=True, check=True, text=True
        ).stdout
    assert "Share of decisions with a complete Meetlat (%)" in plain
    assert plain.count("The same numbers are in the table below the chart.") >= 3
    assert "100 %" in plain and "Policy decision" in plain


def test_annual_report_for_a_year_outside_the_list_is_refused(client):
    client.force_login(UserFactory(role="read_only"))
    response = client.post(reverse("core:annual-report"), {"jaar": "1850"}, follow=True)
    assert AnnualReport.objects.count() == 0
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("core:annual-report")


def test_a_second_run_of_the_worker_keeps_the_first_pdf(client, django_capture_on_commit_callbacks):
    from burgerkracht.core.reporting.annual import generate_annual_report, request_annual_report

    with django_capture_on_commit_callbacks(execute=True):
        run = request_annual_report(by=UserFactory(role="read_only"), year=2026)
    run.refresh_from_db()
    name = run.pdf.name
    assert generate_annual_report(report_pk=run.pk) is False
    run.refresh_from_db()
    assert run.pdf.name == name


def test_asking_thirty_times_for_the_same_year_makes_one_run(
    client, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(role="read_only"))

    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(30):
            client.post(reverse("core:annual-report"), {"jaar": str(timezone.localdate().year)})

    assert AnnualReport.objects.count() == 1
    assert len(callbacks) == 1


def test_a_run_still_pending_after_ten_minutes_goes_to_a_worker_again(
    django_capture_on_commit_callbacks,
):
    from burgerkracht.core.reporting.annual import request_annual_report

    person = UserFactory(role="read_only")
    with django_capture_on_commit_callbacks() as first:
        run = request_annual_report(by=person, year=2026)
    later = time_machine.travel(timezone.now() + timedelta(minutes=11))
    with later, django_capture_on_commit_callbacks() as again:
        assert request_annual_report(by=person, year=2026) == run
    other = request_annual_report(by=UserFactory(role="read_only"), year=2026)

    assert (len(first), len(again)) == (1, 1)
    assert other != run
    assert AnnualReport.objects.count() == 2
