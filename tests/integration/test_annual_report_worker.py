"""The annual report through the real parts: asked for on the web server (gunicorn), made by
a real Celery worker from Redis, stored, and downloaded as a PDF with the report's figures."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from burgerkracht.core.models import AnnualReport
from tests.factories import PolicyDecisionFactory, UserFactory
from tests.processes import Browser, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_a_real_worker_makes_the_annual_report_asked_for_on_the_web(
    redis_server, smtp_sink, web_process, celery_worker_process
):
    by = UserFactory(role="facilitator")
    PolicyDecisionFactory.create(by=by, complete=True, department="Wijkzaken")
    PolicyDecisionFactory.create(by=by, department="Zorg")
    reader = UserFactory(role="read_only")
    year = timezone.localdate().year

    asked = Browser(web_process.url, reader).post(
        reverse("core:annual-report"), {"jaar": str(year)}
    )

    assert asked[0] == 302, web_process.log_text()[-2000:]
    run = AnnualReport.objects.get()
    made = wait_for(lambda: bool(AnnualReport.objects.get(pk=run.pk).pdf), timeout=90)
    assert made, celery_worker_process.log_text()[-3000:]
    run.refresh_from_db()
    with run.pdf.open("rb") as stored:
        pages = PdfReader(io.BytesIO(stored.read())).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert (run.year, run.requested_by) == (year, reader)
    assert "50%" in text  # one of the two decisions has a complete Meetlat
