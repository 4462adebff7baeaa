"""Structured logs without personal data.

Every line is one JSON object: time, level, logger, message, and for an exception its type
and where it happened. The exception's own text is left out on purpose: database errors and
bugs can quote what somebody typed ("Key (email)=(…) already exists"). E-mail addresses,
IBANs, phone numbers and citizen service numbers (BSN) that still reach a message are
replaced by a placeholder.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from datetime import UTC, datetime

from stdnum.nl import bsn as stdnum_bsn

PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"\b[A-Z]{2}\d{2}[A-Z0-9]{4}\d{7}([A-Z0-9]?){0,16}\b"), "[iban]"),
    (re.compile(r"(?<!\d)(\+31|0031|0)[\s-]?\d([\s-]?\d){8}(?!\d)"), "[phone]"),
)


# Nine digits that pass the eleven test are taken for a citizen service number (BSN).
NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def _bsn(match: re.Match) -> str:
    return "[bsn]" if stdnum_bsn.is_valid(match.group()) else match.group()


def redact(text: str) -> str:
    for pattern, placeholder in PATTERNS:
        text = pattern.sub(placeholder, text)
    return NINE_DIGITS.sub(_bsn, text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, tb = record.exc_info
            entry["exception"] = {
                "type": f"{kind.__module__}.{kind.__qualname__}",
                "where": [f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)],
            }
        return json.dumps(entry, ensure_ascii=False)
