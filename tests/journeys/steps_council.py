"""A council member's pages: the reports, their tables on screen and as CSV and Excel."""

import csv
import io
import re
from decimal import Decimal

from openpyxl import load_workbook

DUTCH_AMOUNT = re.compile(r"^(?:€\s?)?-?\d{1,3}(?:\.\d{3})*,\d{2}$")


def amount(text: str) -> Decimal | str:
    """ "€ 1.600,00" or "1.600,00" as 1600.00; anything else as it is."""
    text = " ".join(str(text).split())
    if DUTCH_AMOUNT.match(text):
        return Decimal(text.replace("€", "").strip().replace(".", "").replace(",", "."))
    return text


def download(page, link) -> bytes:
    response = page.context.request.get(link.evaluate("a => a.href"))
    assert response.ok, response.status
    return response.body()


def csv_rows(body: bytes) -> list[list[str]]:
    text = body.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    return list(csv.reader(io.StringIO(text), dialect))


def xlsx_rows(body: bytes) -> list[list]:
    book = load_workbook(io.BytesIO(body), read_only=True)
    return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]


def cells(row) -> list[str]:
    return [cell.inner_text().strip() for cell in row.locator("th, td").all()]


def screen_rows(table) -> list[list[str]]:
    return [cells(row) for row in table.locator("tr").all()]


def figure(value):
    """A cell as the figure it stands for: "1.600,00" on screen, "1600.00" in the CSV and
    1600.0 in Excel are all Decimal 1600; "—" on screen is an empty cell."""
    if value is None or value == "—":  # an empty cell: "—" on screen
        return ""
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = amount(value)
    if isinstance(text, str) and re.fullmatch(r"-?\d+(\.\d+)?", text):
        return Decimal(text)
    return text


def figures(rows) -> list[list]:
    return [[figure(cell) for cell in row] for row in rows]


def report_tables_match_exports(page):
    """Every table of the report on screen equals its CSV download, and is in the Excel
    download of all tables."""
    workbook = figures(xlsx_rows(download(page, page.get_by_role("link", name=re.compile(
        "Excel")).first)))  # fmt: skip
    tables = page.locator("main table").all()
    links = page.get_by_role("link", name=re.compile(r"\(CSV\)$")).all()
    assert tables and len(tables) == len(links), (len(tables), len(links))
    for table, link in zip(tables, links, strict=True):
        shown = figures(screen_rows(table))
        exported = figures(csv_rows(download(page, link)))
        assert exported == shown, (link.inner_text(), exported, shown)
        for row in shown[1:]:
            assert row in workbook, (row, link.inner_text())
    return len(tables)
