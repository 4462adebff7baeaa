"""The continuity-risk report (issue #8, REP-08). Expected figures are counted here in Python
from the objects the test makes, following the definitions in docs/reports.md, never with
the selectors under test."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from budget.continuity_selectors import initiatives_at_risk_count
from budget.enums import RUNNING_STATUSES, ApplicationStatus
from budget.models import Application, Award
from burgerkracht.accounts.roles import Role
from initiatives.enums import InitiativeStatus, InitiatorRole
from initiatives.models import Initiative, Initiator
from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    NeighbourhoodFactory,
    UserFactory,
    application_in,
    open_line,
)
from tests.language import in_language

pytestmark = pytest.mark.django_db

URL = reverse("core:report", args=["continuity"])
OPEN = (InitiativeStatus.SUBMITTED, InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED)
KEYS = (
    "single_initiator",
    "no_backup_initiator",
    "no_facilitator",
    "facilitator_gone",
    "no_backup_facilitator",
    "backup_facilitator_gone",
    "lead_wanted",
    "no_active_initiator",
)
LABELS = {
    "single_initiator": "Only one initiator",
    "no_backup_initiator": "No backup initiator",
    "no_facilitator": "No facilitator",
    "facilitator_gone": "Facilitator no longer active",
    "no_backup_facilitator": "No backup facilitator",
    "backup_facilitator_gone": "Backup facilitator no longer active",
    "lead_wanted": "Lead initiator stepped down: waiting for a new lead",
    "no_active_initiator": "No active initiator",
}


@pytest.fixture
def reader(client):
    client.force_login(UserFactory(role=Role.FACILITATOR_COORDINATOR))
    in_language(client, "en")
    return client


# --- the expected figures, counted in Python ------------------------------------------------


def risks_of(initiative: Initiative) -> set[str]:
    """The risks by the written definitions, from the objects themselves."""
    active = [
        i for i in initiative.initiators.all() if i.accepted_at is not None and i.left_at is None
    ]
    found = set()
    if len(active) < 2:
        found.add("single_initiator")
    if not [i for i in active if i.is_backup]:
        found.add("no_backup_initiator")
    if initiative.facilitator is None:
        found.add("no_facilitator")
    elif not initiative.facilitator.is_active:
        found.add("facilitator_gone")
    if initiative.backup_facilitator is None:
        found.add("no_backup_facilitator")
    elif not initiative.backup_facilitator.is_active:
        found.add("backup_facilitator_gone")
    if initiative.lead_succession != "none":
        found.add("lead_wanted")
    if not active:
        found.add("no_active_initiator")
    return found


def needs_action(risks: set[str]) -> bool:
    """The continuity rule as written in initiatives/README.md: nobody on the municipality's
    side, or one person on each side without a backup; or no lead initiator since the lead
    stepped down, or nobody at all on the residents' side (SC-13)."""
    nobody = bool(risks & {"no_facilitator", "facilitator_gone"})
    alone = {"single_initiator", "no_backup_initiator"} <= risks
    no_backup = bool(risks & {"no_backup_facilitator", "backup_facilitator_gone"})
    residents_gone = bool(risks & {"lead_wanted", "no_active_initiator"})
    return nobody or (alone and no_backup) or residents_gone


def expected(items: list[tuple[str, set[str]]]) -> dict[str, int]:
    counts = {"total": len(items), "any": sum(1 for _, r in items if needs_action(r))}
    counts.update({key: sum(1 for _, r in items if key in r) for key in KEYS})
    return counts


def expected_initiatives(*, neighbourhood=None, facilitator=None) -> tuple[dict[str, int], list]:
    items = []
    for initiative in Initiative.objects.all():
        if initiative.status not in OPEN:
            continue
        if neighbourhood is not None and neighbourhood not in initiative.neighbourhoods.all():
            continue
        if facilitator is not None and facilitator.pk not in (
            initiative.facilitator_id,
            initiative.backup_facilitator_id,
        ):
            continue
        items.append((initiative.title, risks_of(initiative)))
    return expected(items), sorted((t, r) for t, r in items if needs_action(r))


def expected_grants(*, neighbourhood=None, facilitator=None) -> tuple[dict[str, int], list]:
    items = []
    for application in Application.objects.all():
        if application.status not in RUNNING_STATUSES:
            continue
        if neighbourhood is not None and application.neighbourhood_id != neighbourhood.pk:
            continue
        initiative = application.initiative
        if facilitator is not None and facilitator.pk not in (
            initiative.facilitator_id,
            initiative.backup_facilitator_id,
        ):
            continue
        items.append((initiative.title, risks_of(initiative)))
    return expected(items), sorted((t, r) for t, r in items if needs_action(r))


# --- what the page shows ----------------------------------------------------------------------


def section(response, title: str):
    return next(s for s in response.context["sections"] if str(s.title) == title)


def figures(response, title: str) -> dict[str, int]:
    found = {str(f.label): f.value for f in section(response, title).figures}
    total_label = "Open initiatives" if title == "Initiatives" else "Running grants"
    counts = {"total": found[total_label], "any": found["Needs action (continuity rule)"]}
    counts.update({key: found[LABELS[key]] for key in KEYS})
    return counts


def items(response, title: str) -> list[tuple[str, set[str]]]:
    table = section(response, title).tables[0]
    labels = {label: key for key, label in LABELS.items()}
    return [
        (str(row["title"]), {labels[part] for part in row["missing"].split("; ")})
        for row in table.rows
    ]


def world():
    """Open initiatives and running grants with known people, in two wijken."""
    north, south = NeighbourhoodFactory(name="Noord"), NeighbourhoodFactory(name="Zuid")
    anna, bert = UserFactory(role="facilitator"), UserFactory(role="facilitator")
    gone = UserFactory(role="facilitator", is_active=False)
    backup_gone = UserFactory(role="facilitator", is_active=False)

    def initiative(title, *, neighbourhoods=(), co=None, **fields):
        made = InitiativeFactory(title=title, **fields)
        made.neighbourhoods.set(neighbourhoods)
        if co is not None:
            InitiatorFactory(initiative=made, **co)
        return made

    people = {"facilitator": anna, "backup_facilitator": bert}
    initiative("A safe", active=True, neighbourhoods=[north], co={"is_backup": True}, **people)
    initiative("B alone", active=True, neighbourhoods=[north], **people)
    initiative("C nobody official", submitted=True, neighbourhoods=[north, south], co={})
    initiative("D facilitator left", paused=True, co={"is_backup": True},
               facilitator=gone, backup_facilitator=bert)  # fmt: skip
    invited = initiative("E invited only", active=True, neighbourhoods=[south],
                         facilitator=anna, backup_facilitator=backup_gone)  # fmt: skip
    InitiatorFactory(initiative=invited, user=None, is_backup=True, accepted_at=None)
    left = initiative("F backup left", active=True, neighbourhoods=[south], **people)
    InitiatorFactory(initiative=left, is_backup=True, left_at=timezone.now())
    # SC-13: the lead stepped down (the co-initiator stays), and nobody is left at all.
    stepped = initiative("I lead stepped down", active=True, co={}, **people)
    stepped.initiators.filter(role="lead").update(left_at=timezone.now())
    Initiative.objects.filter(pk=stepped.pk).update(lead_succession="wanted")
    empty = initiative("J nobody left", active=True, **people)
    empty.initiators.update(left_at=timezone.now())
    # Not open: their risks do not count.
    initiative("G ended alone", ended=True, neighbourhoods=[north])
    initiative("H draft alone", neighbourhoods=[north])

    line, _holder = open_line(allocation="5000.00")
    running = application_in("granted", line=line, facilitator=anna)  # backup only invited
    safe = application_in("granted", line=line, facilitator=bert)
    backup = safe.initiative.initiators.get(is_backup=True)
    Initiator.objects.filter(pk=backup.pk).update(
        user=UserFactory(role="resident"), accepted_at=timezone.now()
    )
    Initiative.objects.filter(pk=safe.initiative_id).update(backup_facilitator=anna)
    left_grant = application_in("granted", line=line, facilitator=gone)
    application_in("awaiting_decision", line=line, facilitator=gone)  # not running
    Application.objects.filter(pk__in=[running.pk, safe.pk]).update(neighbourhood=north)
    Application.objects.filter(pk=left_grant.pk).update(neighbourhood=south)
    return {"north": north, "south": south, "anna": anna, "bert": bert, "gone": gone}


def test_continuity_report_counts_initiatives_and_grants_as_defined(reader):
    world()
    want_initiatives, want_initiative_items = expected_initiatives()
    want_grants, want_grant_items = expected_grants()

    with translation.override("en"):
        response = reader.get(URL)

    assert response.status_code == 200
    assert figures(response, "Initiatives") == want_initiatives
    assert figures(response, "Samen Sterk grants") == want_grants
    assert sorted(items(response, "Initiatives")) == want_initiative_items
    assert sorted(items(response, "Samen Sterk grants")) == want_grant_items
    # By hand: A-F plus the four initiatives of the applications. Flagged by the rule: C (no
    # facilitator), D and the two applications of "gone" (facilitator gone), E and the grant
    # with only an invited backup (one person on each side). Not flagged: A, the safe grant,
    # and B and F, alone on the residents' side but with an active backup facilitator. SC-13:
    # I (the lead stepped down) and J (nobody left) are flagged despite a backup facilitator.
    assert want_initiatives == {
        "total": 12, "any": 8, "single_initiator": 8, "no_backup_initiator": 9,
        "no_facilitator": 1, "facilitator_gone": 3, "no_backup_facilitator": 4,
        "backup_facilitator_gone": 1, "lead_wanted": 1, "no_active_initiator": 1,
    }  # fmt: skip
    assert want_grants["total"] == 3
    assert want_grants["any"] == 2


# --- the continuity rule, both sides (initiatives/README.md) ---------------------------------


def _one(*, co=None, backup_facilitator=True, facilitator_active=True):
    """An open initiative with a lead, optionally a co-initiator, a facilitator (active or
    not) and optionally an active backup facilitator."""
    facilitator = UserFactory(role="facilitator", is_active=facilitator_active)
    backup = UserFactory(role="facilitator") if backup_facilitator else None
    made = InitiativeFactory(active=True, facilitator=facilitator, backup_facilitator=backup)
    if co is not None:
        InitiatorFactory(initiative=made, **co)
    return made


@pytest.mark.parametrize(
    ("case", "flagged"),
    [
        ({"backup_facilitator": False}, True),  # one initiator, one facilitator, no backups
        ({"facilitator_active": False}, True),  # nobody on the municipality's side can act
        ({}, False),  # alone on the residents' side, but the backup facilitator can take over
        ({"co": {"is_backup": True}, "backup_facilitator": False}, False),  # residents' backup
        ({"co": {}, "backup_facilitator": False}, False),  # two initiators carry it
    ],
)
def test_continuity_rule_flags_only_what_a_coordinator_must_act_on(reader, case, flagged):
    initiative = _one(**case)

    with translation.override("en"):
        response = reader.get(URL)
    listed = reader.get(reverse("initiatives:officials-list"), {"risk": "any"})

    assert figures(response, "Initiatives")["any"] == int(flagged)
    assert [t for t, _ in items(response, "Initiatives")] == ([initiative.title] * flagged)
    assert initiatives_at_risk_count() == int(flagged)
    assert [i.pk for i in listed.context["table"].data] == [initiative.pk] * flagged


@pytest.mark.parametrize("choice", ["north", "south", "anna", "bert", "gone"])
def test_continuity_report_filters_by_neighbourhood_and_facilitator(reader, choice):
    made = world()
    chosen = made[choice]
    is_neighbourhood = choice in ("north", "south")
    scope = {"neighbourhood": chosen} if is_neighbourhood else {"facilitator": chosen}
    query = {"wijk": chosen.slug} if is_neighbourhood else {"facilitator": chosen.pk}

    with translation.override("en"):
        response = reader.get(URL, query)

    assert response.status_code == 200
    assert figures(response, "Initiatives") == expected_initiatives(**scope)[0]
    assert figures(response, "Samen Sterk grants") == expected_grants(**scope)[0]
    assert sorted(items(response, "Initiatives")) == expected_initiatives(**scope)[1]


def test_continuity_report_overview_table_repeats_the_figures(reader):
    world()
    want_initiatives, _ = expected_initiatives()
    want_grants, _ = expected_grants()

    with translation.override("en"):
        response = reader.get(URL)

    table = section(response, "Overview").tables[0]
    assert table.cells() == [[LABELS[key], want_initiatives[key], want_grants[key]] for key in KEYS]
    assert table.drawn() is not None  # a chart beside the table


def test_continuity_report_links_each_item_to_its_page(reader):
    world()
    e_alone = Initiative.objects.get(title="E invited only")
    grant = Application.objects.filter(status="granted", initiative__facilitator__is_active=False)

    with translation.override("en"):
        page = reader.get(URL).content.decode()

    assert f'href="{reverse("initiatives:detail", args=[e_alone.pk])}"' in page
    assert f'href="{reverse("budget:application", args=[grant.get().pk])}"' in page


def test_continuity_report_exports_plain_titles(reader):
    world()

    csv_response = reader.get(URL, {"_export": "csv", "tabel": "initiatives-with-a-risk"})
    xlsx_response = reader.get(URL, {"_export": "xlsx"})

    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    assert [row[0] for row in rows[1:]] == [title for title, _ in expected_initiatives()[1]]
    assert "<a" not in csv_response.content.decode()
    book = openpyxl.load_workbook(io.BytesIO(xlsx_response.content))
    assert "E invited only" in [row[0] for row in book.worksheets[1].iter_rows(values_only=True)]


def test_continuity_report_caps_the_item_list_but_not_the_counts(reader):
    _bulk(205)

    with translation.override("en"):
        response = reader.get(URL)

    table = section(response, "Initiatives").tables[0]
    assert figures(response, "Initiatives")["any"] == 205
    assert len(table.rows) == 200
    assert table.note == (
        "The first 200 of 205, by name. Choose a wijk or a facilitator to see the rest."
    )


@pytest.mark.parametrize(
    "role",
    [Role.RESIDENT, Role.PROFESSIONAL, Role.ASD_MEMBER, Role.BO_PLUS_REPRESENTATIVE,
     Role.ASD_SECRETARY],
)  # fmt: skip
def test_continuity_report_is_closed_to_residents_professionals_and_the_bodies(client, role):
    client.force_login(UserFactory(role=role))

    response = client.get(URL)

    assert response.status_code == 403


def test_continuity_report_sends_anonymous_visitors_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- a fixed number of queries ----------------------------------------------------------------


def _bulk(count: int) -> None:
    """`count` open initiatives with a lead only (every one at risk), each in a wijk, and a
    running grant for every fifth: about 3.4 rows per initiative."""
    neighbourhood = NeighbourhoodFactory()
    lead = UserFactory(role="resident")
    facilitator = UserFactory(role="facilitator")
    start = Initiative.objects.count()
    made = Initiative.objects.bulk_create(
        [
            Initiative(
                title=f"Bulk {start + n:05d}", status=InitiativeStatus.ACTIVE,
                submitted_at=timezone.now(), created_by=lead, facilitator=facilitator,
            )
            for n in range(count)
        ]
    )  # fmt: skip
    Initiator.objects.bulk_create(
        [
            Initiator(initiative=i, user=lead, email=lead.email, role=InitiatorRole.LEAD,
                      accepted_at=timezone.now())
            for i in made
        ]
    )  # fmt: skip
    Initiative.neighbourhoods.through.objects.bulk_create(
        [Initiative.neighbourhoods.through(initiative=i, neighbourhood=neighbourhood) for i in made]
    )
    line, holder = open_line(allocation="1000000.00")
    with_grant = made[::5]
    awards = Award.objects.bulk_create(
        [
            Award(line=line, initiative=i, description="Bulk", amount=Decimal("100.00"),
                  awarded_by=holder)
            for i in with_grant
        ]
    )  # fmt: skip
    now = timezone.now()
    Application.objects.bulk_create(
        [
            Application(
                initiative=i, fund=line.fund, line=line, neighbourhood=neighbourhood,
                created_by=lead, status=ApplicationStatus.GRANTED, submitted_at=now,
                published_at=now, award=award, granted_amount=Decimal("100.00"),
                accountability_due=date(2027, 12, 31) + timedelta(days=0),
            )
            for i, award in zip(with_grant, awards, strict=True)
        ]
    )  # fmt: skip


def _queries(client, query=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, query or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("filtered", [False, True])
def test_continuity_report_runs_the_same_queries_at_10_and_10000_rows(reader, filtered):
    _bulk(10)
    neighbourhood = NeighbourhoodFactory()
    query = {"wijk": neighbourhood.slug, "facilitator": UserFactory(role="facilitator").pk}
    small = _queries(reader, query if filtered else None)

    _bulk(2990)  # 3,000 initiatives, 3,000 initiators, 3,000 wijk links, 600 grants + awards
    rows = (
        Initiative.objects.count() + Initiator.objects.count()
        + Initiative.neighbourhoods.through.objects.count()
        + Application.objects.count() + Award.objects.count()
    )  # fmt: skip
    large = _queries(reader, query if filtered else None)

    assert rows >= 10_000
    assert small == large
    assert large <= 12
