"""The advice report at scale and on the demo data: the same queries at 10 and 10,000
advices, and the demo's figures computed from its objects (issue #8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advice.enums import Adoption, AdviceKind, AdviceStatus, AnswerStatus
from advice.models import Advice, Answer, Promise, Recommendation
from tests.advice.factories import body
from tests.advice.test_reports import URL, build, expected, figures, received, today, world

pytestmark = pytest.mark.django_db
__all__ = ["world"]  # the fixture, shared with test_reports


# --- queries -------------------------------------------------------------------------------


def _bulk(count: int, asd, owner) -> None:
    """`count` advices: half answered with an answer, a recommendation and a promise."""
    Advice.objects.filter(reference__startswith="BLK-").delete()
    day = today()
    advices = Advice.objects.bulk_create(
        Advice(reference=f"BLK-{n:06d}", body=asd, title=f"Advies {n}",
               kind=AdviceKind.UNSOLICITED,
               status=AdviceStatus.ANSWERED if n % 2 else AdviceStatus.FINAL,
               received_on=day - timedelta(days=n % 400),
               response_due=day - timedelta(days=n % 400) + timedelta(weeks=8))
        for n in range(count)
    )  # fmt: skip
    answered = [a for a in advices if a.status == AdviceStatus.ANSWERED]
    Answer.objects.bulk_create(
        Answer(advice=a, status=AnswerStatus.PUBLISHED, published_at=timezone.now())
        for a in answered
    )
    recs = Recommendation.objects.bulk_create(
        Recommendation(advice=a, number=1, text="Doe het.", adoption=Adoption.NOT_ADOPTED,
                       reason="Daarom.")
        for a in answered
    )  # fmt: skip
    Promise.objects.bulk_create(
        Promise(advice=r.advice, recommendation=r, text="Beloofd.", department="SD",
                owner=owner, due_on=day)
        for r in recs
    )  # fmt: skip


def test_report_page_queries_are_few_and_the_same_at_10_and_10000_advices(world, client):
    asd = body("asd")
    client.force_login(world)

    def queries(count: int) -> int:
        _bulk(count, asd, world)
        client.get(URL)  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as context:
            response = client.get(URL, {"orgaan": "asd", "van": "2000-01-01"})
        assert response.status_code == 200
        return len(context.captured_queries)

    few = queries(10)
    many = queries(10_000)

    assert few == many
    assert many <= 12, many
    assert figures(build())["Advices received"]["Advices received"] == len(received())


# --- the demo data -------------------------------------------------------------------------


def test_the_demo_data_gives_the_figures_computed_from_its_objects():
    """The demo of the register through the core seeding: its facts, by hand and by walking
    the objects. Two answers published late and one overdue; every recommendation not
    (fully) adopted has its reasons; five plus two promises."""
    from burgerkracht.seeding.demo import advice as demo
    from burgerkracht.seeding.demo import core as core_demo

    core_demo.seed_reference_data()
    core_demo.seed_users()
    demo.seed()
    want = expected(received())

    got = figures(build())

    assert (want["total"], want["on_time"], want["late"], want["overdue"]) == (3, 0, 2, 1)
    assert got["Answers"]["Answers on time"] == want["share_on_time"] == "0%"
    assert got["Answers"]["Answers overdue"] == want["overdue"]
    assert got["Answers"]["Average days to the answer"] == want["days"] == 250.0
    assert got["Recommendations"]["Not (fully) adopted with reasons"] == "100%"
    assert (want["needs_reason"], want["with_reason"]) == (4, 4)
    assert got["Promises"] == {
        "Promises": want["promises"], "Kept": want["done"], "Open": want["promise_open"],
        "Overdue": want["promise_overdue"], "Dropped": want["dropped"],
    } == {"Promises": 7, "Kept": 2, "Open": 2, "Overdue": 1, "Dropped": 1}  # fmt: skip
    # The seventh was marked done, then judged partly kept at the evaluation: its status now
    # says so (issue #22 §3), and it is neither kept nor open.
    assert got["Evaluations of advices"]["Evaluations done"] == "100%"
    assert got["Advices received"]["Solicited"] == want["solicited"] == 1


def test_the_annual_report_pdf_carries_the_advice_report_of_that_year(world):
    """The worker renders the same sections for the year; the PDF shows the headline on the
    reasons and the number of advices received that year."""
    import io

    from django.utils.translation import gettext
    from pypdf import PdfReader

    from burgerkracht.core.models import AnnualReport
    from burgerkracht.core.reporting.annual import generate_annual_report

    year = today().year
    run = AnnualReport.objects.create(year=year, requested_by=world)
    want = expected(received(start=today().replace(month=1, day=1),
                             end=today().replace(month=12, day=31)))  # fmt: skip

    assert generate_annual_report(report_pk=run.pk) is True

    run.refresh_from_db()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(run.pdf.read())).pages)
    text = " ".join(text.split())
    assert gettext("Advice and answers") in text
    assert gettext("Not (fully) adopted with reasons") in text
    assert f"{gettext('Advices received')} {want['total']}" in text
