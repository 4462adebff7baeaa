"""Permission-matrix entries: the report pages of core (issue #8).

Every report is for the municipality's staff ("read-only and up"); the advice report is also
for the advisory bodies, so the list of reports opens for them too."""

from burgerkracht.accounts.roles import STAFF_ROLES, Role
from tests.security.matrix import Entry, only

ADVICE_INTERNAL = only(Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR, Role.READ_ONLY)

BODY_ROLES = (Role.ASD_MEMBER, Role.BO_PLUS_REPRESENTATIVE, Role.ASD_SECRETARY)


def _annual_report(w):
    from django.core.files.base import ContentFile

    from burgerkracht.core.models import AnnualReport

    run = AnnualReport.objects.create(year=2026, requested_by=w.facilitator)
    run.pdf.save("jaarverslag.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return {"pk": run.pk}


ENTRIES: dict = {
    "core:reports": Entry(
        only(*STAFF_ROLES, *BODY_ROLES), why="the advice report is for the bodies as well"
    ),
    "core:report": Entry(only(*STAFF_ROLES), kwargs={"slug": "meetlat"}),
    "core:annual-report": Entry(only(*STAFF_ROLES)),
    "core:annual-report-pdf": Entry(
        only(*STAFF_ROLES),
        kwargs=_annual_report,
        own={"facilitator": 200},
        subject={"other_facilitator": 200, "other_holder": 200},
        why="made for whoever asked (here the facilitator); any report reader may download it",
    ),
}


# The reports of `core:report` whose readers are not "read-only and up" by role alone: per
# slug, what every role and the people tied to the subject may do
# (tests/security/test_report_matrix.py runs every role and every relation).
REPORTS: dict[str, Entry] = {
    "representation": Entry(
        ADVICE_INTERNAL,
        own={"adv.asd_member": 200, "adv.bo_member": 200, "adv.asd_secretary": 200},
        why="as the page /adviezen/vertegenwoordiging/ was: whoever may see the bodies; a body "
        "role needs a current membership (a plain role user has none: 403)",
    ),
    "support-lead-times": Entry(
        only(Role.FACILITATOR_COORDINATOR, Role.ADMINISTRATOR, Role.READ_ONLY),
        own={"facilitator": 403, "lead": 403},
        why="REP-16: lead times and the requests that wait too long, for the coordinators "
        "and management; a facilitator (or jager) uses the open list of their own initiatives",
    ),
}
