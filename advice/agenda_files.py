"""Reading an agenda file (CSV or XLSX) for the bulk import of an agenda's promises (SC-10).
Pure: no database. The Dutch column names are the file's interface and are not translated;
the example file on the import page has exactly these."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass

import tablib

from burgerkracht.core.validation.parsing import iso_day

COLUMNS = ["onderwerp", "fase", "eigenaar", "afdeling", "deadline"]
ALIASES = {
    "text": {"onderwerp", "toezegging", "onderwerp/toezegging", "tekst"},
    "phase": {"fase"},
    "owner": {"eigenaar", "eigenaar (e-mail)", "e-mail", "email"},
    "department": {"afdeling"},
    "due_on": {"deadline", "datum"},
}
EXAMPLE = [
    ["Toegankelijke stembureaus in alle wijken", "Fase 1 (2019)",
     "eigenaar@gemeente.example.org", "Burgerzaken", "31-12-2019"],
    ["Informatie van de gemeente in eenvoudige taal", "Fase 2 (2021)",
     "eigenaar@gemeente.example.org", "Communicatie", "2021-06-30"],
]  # fmt: skip


@dataclass(frozen=True)
class AgendaRow:
    line: int  # the line in the file (the header is line 1)
    text: str
    phase: str
    owner: str  # the e-mail address, lower case
    department: str
    due_on: str  # ISO date, or "" when it could not be read
    raw_due_on: str  # as written in the file, for the error message


def example_file(fmt: str) -> bytes:
    data = tablib.Dataset(*EXAMPLE, headers=COLUMNS, title="agenda")
    content = data.export(fmt)
    return content.encode("utf-8") if isinstance(content, str) else content


def _load(content: bytes, filename: str) -> tablib.Dataset:
    if filename.lower().endswith(".xlsx"):
        return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    text = content.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return tablib.Dataset().load(text, format="csv", delimiter=delimiter)


def read_agenda(content: bytes, filename: str) -> list[AgendaRow]:
    """The rows of the file; ValueError("unreadable") when it is no CSV or XLSX, and
    ValueError("columns") when a column is missing. Empty lines are skipped."""
    try:
        data = _load(content, filename)
    except Exception as error:  # the file is whatever someone uploaded
        raise ValueError("unreadable") from error
    columns: dict[str, int] = {}
    for index, header in enumerate(data.headers or []):
        name = str(header or "").strip().lower()
        for key, names in ALIASES.items():
            if name in names:
                columns.setdefault(key, index)
    if set(columns) != set(ALIASES):
        raise ValueError("columns")
    rows = []
    for number, values in enumerate(data, start=2):
        cells = {key: values[index] for key, index in columns.items()}
        if not any(str(v or "").strip() for v in cells.values()):
            continue
        rows.append(AgendaRow(
            line=number, text=" ".join(str(cells["text"] or "").split()),
            phase=str(cells["phase"] or "").strip(),
            owner=str(cells["owner"] or "").strip().lower(),
            department=str(cells["department"] or "").strip(),
            due_on=iso_day(cells["due_on"]), raw_due_on=str(cells["due_on"] or "").strip(),
        ))  # fmt: skip
    return rows


def as_dicts(rows: list[AgendaRow]) -> list[dict]:
    return [asdict(row) for row in rows]
