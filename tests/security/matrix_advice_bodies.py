"""Permission-matrix entries of the advice register: bodies, representation, signals,
obstacles from practice, meetings, the factsheet and the handover of contacts.

A plain role user has no membership of a body: the body roles see nothing without one. The
people tied to the objects are in `world.adv` (see tests/advice/world.py)."""

from burgerkracht.accounts.roles import Role
from tests.security.matrix import OTHERS, Entry, everyone, only

INTERNAL = only(Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR, Role.READ_ONLY)
EDITORS = only(Role.ADVICE_COORDINATOR, Role.ADMINISTRATOR)
MEMBERS = {"adv.asd_member": 200, "adv.bo_member": 200, "adv.asd_secretary": 200}
MANAGERS = {"adv.asd_secretary": 200, "adv.asd_member": 403, "adv.bo_member": 403}


def _membership(w):
    from advice.models import Membership

    return Membership.objects.get(user=w.adv.asd_member, ended_on__isnull=True).pk


def _member_organisation(w):
    from advice.models import BodyOrganisation
    from burgerkracht.core.models import Organisation

    organisation = Organisation.objects.get_or_create(
        name="Stichting Ouderenbelangen", defaults={"type": "stichting"}
    )[0]
    return BodyOrganisation.objects.get_or_create(body=w.adv.asd, organisation=organisation)[0].pk


def _factsheet_number(w):
    from advice.models import FactsheetVersion
    from advice.services.followup import publish_factsheet
    from tests.advice.test_factsheet import complete_entries

    current = FactsheetVersion.current()
    if current is None:
        current = publish_factsheet(
            by=w.adv.coordinator, why="Eerste versie.", valid_from=w.adv.final.received_on,
            entries=complete_entries(),
        )  # fmt: skip
    return current.number


ENTRIES: dict[str, Entry] = {
    # --- bodies ------------------------------------------------------------------------------
    "advice:bodies": Entry(INTERNAL, why="body roles need a membership to see the bodies"),
    "advice:body-detail": Entry(INTERNAL, kwargs={"slug": "asd"}, own=MEMBERS),
    "advice:body-member-add": Entry(
        only(Role.ADMINISTRATOR),
        kwargs={"slug": "asd"},
        own=MANAGERS,
        why="administrators and the body's own secretary manage its members",
    ),
    "advice:body-member-end": Entry(
        only(Role.ADMINISTRATOR),
        kwargs=lambda w: {"slug": "asd", "pk": _membership(w)},
        own=MANAGERS,
    ),
    "advice:body-organisation-add": Entry(
        only(Role.ADMINISTRATOR), kwargs={"slug": "asd"}, own=MANAGERS
    ),
    "advice:body-organisation-edit": Entry(
        only(Role.ADMINISTRATOR),
        kwargs=lambda w: {"slug": "asd", "pk": _member_organisation(w)},
        own=MANAGERS,
    ),
    "advice:representation": Entry(
        everyone(301), why="moved to /rapportages/representation/ (matrix_reports.REPORTS)"
    ),
    # --- signals -----------------------------------------------------------------------------
    "advice:signals": Entry(INTERNAL, own=MEMBERS),
    "advice:signal-create": Entry(
        EDITORS, own=MEMBERS, why="read-only staff record nothing; members for their body"
    ),
    "advice:signal-detail": Entry(
        INTERNAL,
        kwargs=lambda w: {"pk": w.adv.signal.pk},
        own=MEMBERS,
        why="signals are shared between the bodies: a BO+ signal can grow into an ASD advice",
    ),
    "advice:advice-signals": Entry(
        EDITORS,
        kwargs=lambda w: {"pk": w.adv.concept.pk},
        own={"adv.asd_member": 200, "adv.asd_secretary": 200, "adv.bo_member": 403},
        why="only who may edit the concept links its signals",
    ),
    "advice:obstacles": Entry(
        EDITORS, own={"adv.asd_secretary": 200, "adv.asd_member": 403, "adv.bo_member": 403}
    ),
    "advice:obstacle-convert": Entry(
        EDITORS,
        kwargs=lambda w: {"key": f"initiatives:{w.signal.pk}"},
        own={
            "adv.asd_secretary": 200,
            "adv.asd_member": 403,
            "adv.bo_member": 403,
            "facilitator": 403,
            "lead": 403,
        },
        subject=OTHERS,
        why="the coordinator and the secretaries; the obstacle's own people use the initiative",
    ),
    # --- meetings ----------------------------------------------------------------------------
    "advice:meetings": Entry(INTERNAL, own=MEMBERS),
    "advice:meeting-create": Entry(
        EDITORS, own={"adv.asd_secretary": 200, "adv.asd_member": 403, "adv.bo_member": 403}
    ),
    "advice:meeting-detail": Entry(
        INTERNAL,
        kwargs=lambda w: {"pk": w.adv.meeting.pk},
        own={"adv.asd_member": 200, "adv.asd_secretary": 200, "adv.bo_member": 403},
    ),
    "advice:meeting-edit": Entry(EDITORS, kwargs=lambda w: {"pk": w.adv.meeting.pk}, own=MANAGERS),
    # --- the factsheet and the handover ------------------------------------------------------
    "advice:factsheet": Entry(everyone(), why="the roles and authorities are public"),
    "advice:factsheet-version": Entry(
        everyone(),
        kwargs=lambda w: {"number": _factsheet_number(w)},
        own={"adv.coordinator": 200},
        why="every version, with its why, is public",
    ),
    "advice:factsheet-new": Entry(EDITORS),
    "advice:handover": Entry(EDITORS),
}
