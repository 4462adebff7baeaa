"""The annual report PDF: the wide tables (per wijk, per line, per year) fit the page.

pdftotext -bbox gives every word's box; no word may pass the right margin (2 cm), and the
last column of the per-wijk table ("Bereikte deelnemers") is on its landscape page with its
figures.
"""

import re
import subprocess
from datetime import date

import pytest

from burgerkracht.core.models import AnnualReport
from burgerkracht.core.reporting.annual import generate_annual_report
from tests.budget.report_helpers import make_grant, scenario, settle
from tests.factories import NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db

MARGIN = 2 / 2.54 * 72  # 2 cm in points
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>')


def pages_of(pdf: bytes, tmp_path) -> list[tuple[float, float, list[tuple[float, float, str]]]]:
    path = tmp_path / "jaarverslag.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(w), float(h), [(float(a), float(b), t) for a, b, t in WORD.findall(body)])
        for w, h, body in PAGE.findall(out)
    ]


def test_the_per_neighbourhood_table_fits_inside_the_page(tmp_path):
    grants = scenario()
    long_name = NeighbourhoodFactory(name="Stedenwijk-Noordoost en Tussen de Vaarten", slug="sn")
    grant = make_grant(
        grants[0].application.line,
        amount="4500.00",
        decided_on=date(2027, 5, 1),
        neighbourhood=long_name,
    )
    settle(grant, result="yes", participants=12345)
    run = AnnualReport.objects.create(year=2027, requested_by=UserFactory(role="read_only"))

    generate_annual_report(report_pk=run.pk)

    run.refresh_from_db()
    pages = pages_of(run.pdf.read(), tmp_path)
    for number, (width, _height, words) in enumerate(pages, 1):
        outside = [text for _x0, x1, text in words if x1 > width - MARGIN + 1]
        assert outside == [], f"page {number}: past the right margin"
    tables = [(w, h, [t for *_, t in words]) for w, h, words in pages]
    tables = [(w, h, texts) for w, h, texts in tables if "Wijk" in texts and "Bereikte" in texts]
    assert tables, "the per-wijk table was not found"
    width, height, texts = tables[0]
    assert width > height  # the wide table has a landscape page of its own
    assert "12345" in texts  # the right-most column's figure (its header is "Bereikte …")
