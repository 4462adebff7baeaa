"""Permission-matrix entries: the report pages of core (issue #8).

Every report is for the municipality's staff ("read-only and up"); the advice report is also
for the advisory bodies, so the list of reports opens for them too."""

from burgerkracht.accounts.roles import Role
from burgerkracht.core.reports import REPORT_ROLES
from tests.security.matrix import Entry, only

BODY_ROLES = (Role.ASD_MEMBER, Role.BO_PLUS_REPRESENTATIVE, Role.ASD_SECRETARY)


def _annual_report(w):
    from django.core.files.base import ContentFile

    from burgerkracht.core.models import AnnualReport

    run = AnnualReport.objects.create(year=2026, requested_by=w.facilitator)
    run.pdf.save("jaarverslag.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return {"pk": run.pk}


ENTRIES: dict = {
    "core:reports": Entry(
        only(*REPORT_ROLES, *BODY_ROLES), why="the advice report is for the bodies as well"
    ),
    "core:report": Entry(only(*REPORT_ROLES), kwargs={"slug": "meetlat"}),
    "core:annual-report": Entry(only(*REPORT_ROLES)),
    "core:annual-report-pdf": Entry(
        only(*REPORT_ROLES),
        kwargs=_annual_report,
        own={"facilitator": 200},
        subject={"other_facilitator": 200, "other_holder": 200},
        why="made for whoever asked (here the facilitator); any report reader may download it",
    ),
}
