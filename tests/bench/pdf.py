"""P6: the decision letter as the worker makes it, against the plain reference letter, timed
interleaved in one process (what a Celery worker process runs: budget.services.letters'
context and burgerkracht.core.files.pdf.render_pdf). Prints JSON.

Every socket connection opened while rendering is counted: the PDF must fetch nothing.
"""

import io
import json
import socket
import sys
import time
from datetime import date

import django

django.setup()

from django.utils import translation  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from budget.enums import LetterKind  # noqa: E402
from budget.models import Letter  # noqa: E402
from budget.services.letters import letter_context  # noqa: E402
from burgerkracht.core.files.pdf import render_pdf  # noqa: E402
from burgerkracht.core.models import Municipality  # noqa: E402

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
connections = 0
_connect = socket.socket.connect


def counting_connect(self, address):
    global connections
    connections += 1
    return _connect(self, address)


letter = (
    Letter.objects.filter(kind=LetterKind.GRANT)
    .select_related("application__initiative", "application__decision", "application__award")
    .order_by("pk")
    .first()
)
reference = {
    "municipality": Municipality.current(),
    "recipient_name": "Fatima de Bruin",
    "reference": "REF-1",
    "date": date(2026, 11, 22),
}


def decision_letter() -> bytes:
    return render_pdf("pdf/application_letter.html", letter_context(letter))


def reference_letter() -> bytes:
    return render_pdf("pdf/reference_letter.html", reference)


samples: dict[str, list[float]] = {"decision": [], "reference": []}
with translation.override("nl"):
    pages = len(PdfReader(io.BytesIO(decision_letter())).pages)
    reference_letter()
    socket.socket.connect = counting_connect
    for _ in range(ROUNDS):
        for name, render in (("decision", decision_letter), ("reference", reference_letter)):
            start = time.perf_counter()
            render()
            samples[name].append(time.perf_counter() - start)
    socket.socket.connect = _connect
sys.stdout.write(json.dumps({"pages": pages, "connections": connections, **samples}) + "\n")
