"""The annual report: asked for by a person, made as a PDF by a worker from the registered
reports (the same sections and numbers as their pages)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from burgerkracht.core.models import AnnualReport, AuditEvent, Municipality
from burgerkracht.core.queueing import enqueue
from burgerkracht.core.reporting import reports


def year_filters(year: int) -> dict[str, Any]:
    return {"van": datetime.date(year, 1, 1), "tot": datetime.date(year, 12, 31)}


# A run still without its PDF after this long is handed to a worker again when asked for.
STALE_AFTER = datetime.timedelta(minutes=10)


def request_annual_report(*, by: Any, year: int) -> AnnualReport:
    """A new run for the year, or the person's run of that year that is still being made:
    one pending run per person and year (a database constraint), so asking thirty times
    makes one PDF. A pending run older than STALE_AFTER goes to a worker again."""
    pending = AnnualReport.objects.filter(requested_by=by, year=year, generated_at=None)
    with transaction.atomic():
        run = pending.first()
        if run is None:
            try:
                with transaction.atomic():
                    run = AnnualReport.objects.create(year=year, requested_by=by)
            except IntegrityError:  # the same person asked at the same moment
                return pending.get()
            AuditEvent.record(
                subject=run, actor=by, action="annual_report.requested", data={"year": year}
            )
        elif run.requested_at > timezone.now() - STALE_AFTER:
            return run
        transaction.on_commit(lambda: enqueue("core.generate_annual_report", report_pk=run.pk))
    return run


def generate_annual_report(*, report_pk: int) -> bool:
    """Render and store the PDF once; a second call for the same run keeps the file."""
    from burgerkracht.core.files.pdf import render_pdf

    with transaction.atomic():
        run = AnnualReport.objects.select_for_update().get(pk=report_pk)
        if run.pdf:
            return False
        filters = year_filters(run.year)
        parts = [(report, reports.build(report, filters)) for report in reports.annual_reports()]
        pdf = render_pdf(
            "pdf/annual_report.html",
            {"run": run, "parts": parts, "municipality": Municipality.current()},
        )
        run.pdf.save(f"jaarverslag-{run.year}-{run.pk}.pdf", ContentFile(pdf), save=False)
        run.generated_at = timezone.now()
        run.save(update_fields=["pdf", "generated_at"])
    return True
