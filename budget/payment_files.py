"""The files exchanged with the finance department (SC-12): the payment order they import,
and the paid confirmations that come back. Pure functions: no database.

The column names are fixed and not translated, so the finance system's import mapping never
breaks when someone switches the portal's language (docs/decisions/0012-payment-orders.md).
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

import tablib

from burgerkracht.core.validation.parsing import iso_day

ORDER_COLUMNS = ["creditor_name", "iban", "amount", "reference", "budget_line", "description"]
MIME = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# What a confirmation file's columns may be called (the bank's export or our own).
ALIASES = {
    "reference": {"reference", "kenmerk", "betalingskenmerk", "referentie"},
    "paid_on": {"paid_on", "paid date", "betaald op", "betaaldatum", "datum"},
    "bank_reference": {"bank_reference", "transactiereferentie", "transaction reference"},
    "amount": {"amount", "bedrag"},
}


def order_dataset(rows: list[dict]) -> tablib.Dataset:
    data = tablib.Dataset(headers=ORDER_COLUMNS, title="betaalopdracht")
    for row in rows:
        data.append([Decimal(row[c]) if c == "amount" else row[c] for c in ORDER_COLUMNS])
    return data


def order_file(rows_json: str, fmt: str) -> bytes:
    """The order as CSV or XLSX, built from the stored rows: the same rows every time."""
    content = order_dataset(json.loads(rows_json)).export(fmt)
    return content.encode("utf-8") if isinstance(content, str) else content


@dataclass(frozen=True)
class ConfirmationRow:
    line: int
    reference: str
    paid_on: str  # ISO date, or "" when it could not be read
    bank_reference: str = ""
    amount: str = ""  # "" when the file has none
    unreadable: str = ""  # what could not be read


def _date(value) -> str:
    return iso_day(value, ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y%m%d"))


def _amount(value) -> str | None:
    if value in (None, ""):
        return ""
    text = str(value).strip().replace("€", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return str(Decimal(text).quantize(Decimal("0.01")))
    except InvalidOperation:
        return None


def read_confirmations(content: bytes, filename: str) -> list[ConfirmationRow]:
    """The rows of a CSV or XLSX file; ValueError when it is neither or has no reference
    and date columns."""
    fmt = "xlsx" if filename.lower().endswith(".xlsx") else "csv"
    try:
        if fmt == "csv":
            text = content.decode("utf-8-sig")
            delimiter = (
                ";"
                if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",")
                else ","
            )
            data = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
        else:
            data = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    except Exception as error:  # the file is whatever someone uploaded
        raise ValueError("unreadable") from error
    columns = {}
    for index, header in enumerate(data.headers or []):
        name = str(header or "").strip().lower()
        for key, names in ALIASES.items():
            if name in names:
                columns.setdefault(key, index)
    if "reference" not in columns or "paid_on" not in columns:
        raise ValueError("columns")
    rows = []
    for number, values in enumerate(data, start=2):

        def cell(key, values=values):
            return values[columns[key]] if key in columns else ""

        reference = str(cell("reference") or "").strip().upper()
        if not reference and not cell("paid_on"):
            continue  # an empty line
        paid_on, amount = _date(cell("paid_on")), _amount(cell("amount"))
        unreadable = "date" if not paid_on else ("amount" if amount is None else "")
        rows.append(ConfirmationRow(
            line=number, reference=reference, paid_on=paid_on,
            bank_reference=str(cell("bank_reference") or "").strip()[:60],
            amount=amount or "", unreadable=unreadable,
        ))  # fmt: skip
    return rows


def as_json(rows: list[ConfirmationRow]) -> list[dict]:
    return [asdict(row) for row in rows]
