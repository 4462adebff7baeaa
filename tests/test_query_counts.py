"""P1: every data page runs the same number of queries on a small and on a larger data set,
and at most 12 (targets.md). The pages, their logins and objects are in tests/pages.py.

Both data sets are seed_demo plus bulk rows; they are built once for this module inside an
outer transaction that is rolled back at the end (as the permission matrix's world is, see
tests/security/conftest.py). The bulk rows: a few through the factories, tied to the demo
logins and the catalogue's objects, and many through `manage.py seed_scale`, spread over
the whole data set. The small set already has a row in every list, so a count that differs
means a query per row.
"""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command, get_commands
from django.test import Client
from django.utils import timezone

from burgerkracht.core.reporting import reports
from tests.demo_data import seed_demo
from tests.module_data import built_once
from tests.pages import CATALOGUE, PAGES, REPORT_SLUGS, measure
from tests.security.test_permission_matrix import url_names

pytestmark = pytest.mark.django_db

LIMIT = 12
# Rows of each kind in the small set, and added for the large one: through the factories
# (slow: every row goes through the services), and through seed_scale (bulk inserts).
SMALL, MORE = 2, 12
SCALE_SMALL, SCALE_MORE = 100, 1000
OUR_APPS = ("core", "accounts", "initiatives", "budget", "meetlat", "advice")

# Pages that run more than LIMIT queries, with their exact count: a ratchet (none left), lower it
# when a page gets cheaper, never raise it. Every request runs 2 queries (the session; the
# user with their roles and second factor, see accounts/backends.py) and a staff member's
# read of a dossier 1 more (its audit event); then the page's own.
OVER_LIMIT: dict[str, int] = {}

# Pages that are no data page (a form, a download, a redirect, a PDF, an export), so P1 does
# not ask for their query count. Every URL of our apps is here or in tests/pages.py.
NOT_DATA_PAGES: dict[str, str] = {
    **dict.fromkeys(("core:privacy", "core:accessibility"), "fixed text"),
    "core:theme-css": "the municipality's colours as a stylesheet",
    "core:logo": "an image download",
    "core:font": "a font download (the municipality's own letter)",
    **dict.fromkeys(
        ("initiatives:sent", "budget:application-sent"),
        "the confirmation after a form: one object, its reference and contact person",
    ),
    "core:health": "the health check (database, cache, broker)",
    "core:liveness": "answers without touching the database",
    "core:calendar-feed": "an iCalendar export",
    "advice:representation": "a permanent redirect to the representation report",
    "core:annual-report-pdf": "a PDF download",
    **dict.fromkeys(("core:post-print", "core:post-item-pdf"), "a PDF download"),
    "core:post-mark": "POST only (the form is on the post queue)",
    "initiatives:consent-form": "a PDF download (the consent form to sign, SC-11)",
    "initiatives:resident-without-email": "a form about one draft and its one resident",
    "initiatives:claim-letter": "a page with one button; its answer is a PDF download",
    "core:saved-filter-create": "POST only (the form is on the officials' lists)",
    "core:saved-filter-delete": "a form: the question before a saved filter is deleted",
    "accounts:data-export": "a JSON export",
    **dict.fromkeys(("accounts:profile-update", "accounts:delete"), "a form"),
    # initiatives: the intake and the actions on an initiative are forms
    **dict.fromkeys(
        (
            "initiatives:new", "initiatives:invitation", "initiatives:intake",
            "initiatives:intake-step", "initiatives:intake-check", "initiatives:activate",
            "initiatives:pause", "initiatives:resume", "initiatives:end", "initiatives:assign",
            "initiatives:update-create", "initiatives:message-create",
            "initiatives:signal-handled", "initiatives:handover", "initiatives:note-create",
            "initiatives:story-tell", "initiatives:story-withdraw",
            "initiatives:step-down", "initiatives:lead-offer", "initiatives:appoint-lead",
            "initiatives:contribution-create", "initiatives:contribution-judge",
            "initiatives:lesson-create", "initiatives:lesson-publication",
            "initiatives:support-ask", "initiatives:jager-appoint", "initiatives:support-handoff",
            "initiatives:support-answer", "initiatives:support-withdraw",
        ),
        "a form",
    ),
    "initiatives:lesson-guide": "a file download (the handreiking)",
    "initiatives:story-photo": "an image download",
    # budget: management of the ledger, the application's steps, the actions after a grant
    **dict.fromkeys(
        (
            "budget:fund-create", "budget:line-create", "budget:fund-open", "budget:reallocate",
            "budget:holders", "budget:application-new", "budget:application-step",
            "budget:attachments", "budget:attachment-remove", "budget:application-check",
            "budget:withdraw", "budget:application-message", "budget:assess-complete",
            "budget:return", "budget:advice-request", "budget:advice", "budget:send-back",
            "budget:publish", "budget:amend", "budget:pay", "budget:visit",
            "budget:evaluation-step", "budget:evaluation-complete", "budget:resident-view",
            "budget:continuation", "budget:evaluation-reopen", "budget:accountability-step",
            "budget:accountability-submit", "budget:accountability-ask", "budget:settle",
            "budget:application-note", "budget:out-of-purpose", "budget:evaluation-partners",
        ),
        "a form",
    ),
    "budget:attachment": "a file download",
    "budget:attachment-preview": "an image download (the preview of one file)",
    "budget:letter": "a PDF download (or 'being made')",
    "budget:copy": "a PDF download (the applicant's copy of the application)",
    "budget:accountability-file": "POST only (the upload form is on step 3)",
    "budget:payment-order-file": "a CSV or XLSX download (the payment order)",
    **dict.fromkeys(("budget:payment-import", "budget:bank-account"), "a form"),
    # meetlat: the decision record is filled in step by step
    **dict.fromkeys(
        (
            "meetlat:policy-create", "meetlat:version-publish", "meetlat:decision-edit",
            "meetlat:triad", "meetlat:meetlat", "meetlat:finalise", "meetlat:reflection",
        ),
        "a form",
    ),
    "meetlat:pdf": "a PDF download",
    # the advice register
    **dict.fromkeys(("advice:public-pdf", "advice:answer-pdf"), "a PDF download"),
    **dict.fromkeys(
        (
            "advice:agenda-create",
            "advice:agenda-change",
            "advice:agenda-import",
            "advice:promise-create",
            "advice:promise-change",
        ),
        "a form (SC-10)",
    ),
    "advice:agenda-example": "a file download (the example agenda file)",
    "advice:public-reference": "a redirect to the public page of the advice",
    **dict.fromkeys(("advice:advice-document", "advice:request-document"), "a file download"),
    **dict.fromkeys(
        (
            "advice:advice-create", "advice:advice-edit", "advice:recommendations",
            "advice:advice-send", "advice:advice-take-back", "advice:advice-withdraw",
            "advice:advice-contacts", "advice:advice-public", "advice:request-create",
            "advice:request-edit", "advice:request-lapse", "advice:request-withdraw",
            "advice:answer-promise-add", "advice:answer-promise-remove", "advice:answer-approve",
            "advice:answer-reopen", "advice:answer-publish", "advice:body-member-add",
            "advice:body-member-end", "advice:body-organisation-add",
            "advice:body-organisation-edit", "advice:signal-create", "advice:advice-signals",
            "advice:obstacle-convert", "advice:meeting-create", "advice:meeting-edit",
            "advice:factsheet-new", "advice:handover",
        ),
        "a form",
    ),
}  # fmt: skip


# --- the data sets -------------------------------------------------------------------------------


def _add_rows(factory_rows: int, scale_rows: int) -> None:
    """Rows tied to the demo logins and the catalogue's objects (factories), and when there
    is `seed_scale`, bulk rows of every kind spread over the whole data set."""
    for _ in range(factory_rows):
        _add_factory_rows()
    if "seed_scale" in get_commands():
        call_command(
            "seed_scale", initiatives=scale_rows, applications=scale_rows,
            advices=scale_rows, evaluations=scale_rows, stdout=StringIO(),
        )  # fmt: skip
    _analyze()


def _analyze() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum gives production."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _add_factory_rows() -> None:
    """One row of each kind the data pages show, tied to the demo logins so their lists,
    dashboards and the catalogue's objects grow as well."""
    from budget.models import Application, BudgetLine
    from budget.services import plan_visit
    from initiatives.models import Initiative
    from tests.advice.factories import advice_in
    from tests.factories import (
        InitiativeFactory,
        PolicyDecisionFactory,
        UpdateFactory,
        application_in,
    )
    from tests.page_logins import (
        ADVICE_COORDINATOR,
        ASD_MEMBER,
        FACILITATOR,
        RESIDENT,
    )
    from tests.page_lookups import user as _user

    resident, facilitator = _user(RESIDENT), _user(FACILITATOR)
    neighbourhood = resident.neighbourhood
    initiative = InitiativeFactory(active=True, created_by=resident, facilitator=facilitator)
    initiative.neighbourhoods.add(neighbourhood)
    for demo in Initiative.objects.filter(status="active").order_by("pk")[:3]:
        UpdateFactory(initiative=demo, author=demo.created_by)
    # The demo's city-wide line: room for many grants.
    line = BudgetLine.objects.filter(name="Stedelijk").order_by("pk").first()
    for status in ("submitted", "in_assessment", "awaiting_decision"):
        application_in(status, line=line, facilitator=facilitator, lead=resident)
    granted = application_in("granted", line=line, facilitator=facilitator, lead=resident)
    # A running initiative of the resident's wijk: the wijk's results page lists its grant.
    Initiative.objects.filter(pk=granted.initiative_id).update(status="active")
    granted.initiative.neighbourhoods.add(neighbourhood)
    Application.objects.filter(pk=granted.pk).update(neighbourhood=neighbourhood)
    plan_visit(  # the facilitator's week lists the visits of the coming seven days
        evaluation=granted.evaluations.order_by("pk").first(), by=facilitator,
        visit_on=timezone.localdate() + timedelta(days=2), visitors=[facilitator],
    )  # fmt: skip
    coordinator = _user(ADVICE_COORDINATOR)
    for stage in ("final", "answered", "closed"):
        advice_in(stage, by=_user(ASD_MEMBER), coordinator_user=coordinator, is_public=True)
    _add_agenda_rows(coordinator)
    PolicyDecisionFactory.create(by=facilitator, complete=True)
    _add_post_rows(initiative, facilitator, granted)
    _add_payment_rows(granted, resident, facilitator)
    # Saved filters above the officials' lists (issue #24), one more per list each round.
    from burgerkracht.core.models import SavedFilter
    from tests.page_logins import COORDINATOR, HOLDER

    for email in (FACILITATOR, COORDINATOR, HOLDER, ADVICE_COORDINATOR, ASD_MEMBER):
        owner = _user(email)
        for list_key in ("budget:queue", "initiatives:officials-list", "advice:register"):
            number = SavedFilter.objects.filter(owner=owner, list_key=list_key).count()
            SavedFilter.objects.create(
                owner=owner, list_key=list_key, name=f"Filter {number}", query="q=soep"
            )
    # Stories without money (SC-19): one more published and one more waiting, in the wijk.
    from initiatives import stories

    for publish in (True, False):
        story = stories.tell_story(
            by=resident, title="Buurhulp met de bus", text="Samen naar de buurtwinkel.",
            neighbourhood=neighbourhood, consent=True,
        )  # fmt: skip
        if publish:
            stories.publish_story(story=story, by=facilitator)
    _add_partner_and_lesson_rows(facilitator, neighbourhood)


def _add_partner_and_lesson_rows(facilitator, neighbourhood) -> None:
    """A partner's contribution to the facilitator's initiative and two lessons each round
    (one published, one internal), similar to it: the initiative page's sections and the
    lessons lists grow (F-S17, F-S10)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from initiatives import lessons, partners
    from tests.factories import OrganisationFactory
    from tests.page_logins import FACILITATOR
    from tests.page_lookups import active_initiative_facilitated_by
    from tests.upload_samples import PDF

    initiative = active_initiative_facilitated_by(FACILITATOR)
    contribution = partners.record_contribution(
        initiative=initiative, by=facilitator, organisation=OrganisationFactory(),
        kind="hours", promised="Een jobcoach", hours=10,
    )  # fmt: skip
    partners.judge_contribution(contribution=contribution, by=facilitator, delivered="partly",
                                note="De helft.")  # fmt: skip
    for publish in (True, False):
        lesson = lessons.write_lesson(
            by=facilitator, title="Buurt les", text="Vraag buren persoonlijk.",
            theme=initiative.theme or "other", source="closure", neighbourhood=neighbourhood,
            guide=SimpleUploadedFile("handreiking.pdf", PDF),
        )  # fmt: skip
        if publish:
            lessons.publish_lesson(lesson=lesson, by=facilitator, consent_from="De buren")


def _add_agenda_rows(coordinator) -> None:
    """Two more topics of the demo agenda each round (SC-10), one overdue and judged not kept:
    the agenda page's progress and list grow, in phases of their own."""
    from advice.models import Agenda
    from advice.services.promises import judge_promise
    from tests.advice.agenda_factories import agenda_promise

    lia = Agenda.objects.order_by("pk").first()
    number = lia.promises.count()
    agenda_promise(lia, by=coordinator, owner=coordinator, text=f"Onderwerp {number}",
                   phase=f"Fase {number}", days=30)  # fmt: skip
    late = agenda_promise(lia, by=coordinator, owner=coordinator, text=f"Onderwerp {number + 1}",
                          phase=f"Fase {number + 1}", days=-5)  # fmt: skip
    judge_promise(promise=late, by=coordinator, kept="not_kept", reason="Geen geld gevonden.")


def _add_payment_rows(granted, resident, facilitator) -> None:
    """A bank account for the new grant, a payment order of its due payments, and a
    confirmation file read (SC-12): the payment pages' lists grow each round."""
    from budget import services

    services.change_bank_account(
        by=resident, application=granted, iban="NL91ABNA0417164300", account_holder="Buurt"
    )
    services.order_payments(by=facilitator, today=date(2027, 12, 31))
    services.read_payment_file(
        by=facilitator,
        filename="bank.csv",
        content=b"reference,paid_on\nBT-2027-99999,2027-03-01\n",
    )


def _add_post_rows(initiative, facilitator, application) -> None:
    """Two letters by post about the facilitator's initiative: one waits, one is posted; and
    one about the facilitator's application (the queue shows it by its initiative's title)."""
    from burgerkracht.core.models import Municipality
    from burgerkracht.core.postal.letters import queue_letter
    from burgerkracht.core.postal.queue import mark_posted
    from initiatives.services import send_message
    from tests.core.post_helpers import post_resident
    from tests.factories import InitiatorFactory

    resident = post_resident()
    InitiatorFactory(initiative=initiative, user=resident, email="")
    for body in ("Tot dinsdag!", "Tot donderdag!"):
        send_message(initiative=initiative, by=facilitator, body=body)
    mark_posted(items=[resident.post_items.order_by("pk").first()], by=facilitator)
    queue_letter(
        user=resident, subject="Uw aanvraag", body="Over uw aanvraag.", template="test",
        context={"application": application}, municipality=Municipality.current(),
    )  # fmt: skip


def _measure_all() -> dict[str, tuple[int, int]]:
    client = Client()
    return {page.key: measure(page, client) for page in PAGES}


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """{"small": {key: (status, queries)}, "large": {...}} for every catalogue page."""
    yield from built_once(django_db_blocker, _measure_both_sizes)


def _measure_both_sizes() -> dict[str, dict[str, tuple[int, int]]]:
    seed_demo()
    _add_rows(SMALL, SCALE_SMALL)
    small = _measure_all()
    _add_rows(MORE, SCALE_MORE)
    large = _measure_all()
    return {"small": small, "large": large}


# --- the tests -----------------------------------------------------------------------------------


def test_every_data_page_runs_the_same_few_queries_at_any_size(counts):
    small, large = counts["small"], counts["large"]

    problems = {
        key: {"small": small[key], "large": large[key]}
        for key in CATALOGUE
        if small[key] != large[key]
        or large[key][0] != 200
        or (large[key][1] != OVER_LIMIT[key] if key in OVER_LIMIT else large[key][1] > LIMIT)
    }

    assert problems == {}, _table(problems)
    assert sorted(set(OVER_LIMIT) - set(CATALOGUE)) == []


def _table(problems: dict) -> str:
    lines = [f"{key:45} {v['small']} -> {v['large']}" for key, v in sorted(problems.items())]
    want = "want 200, equal, at most 12 (or exactly OVER_LIMIT)"
    return f"(status, queries) small -> large; {want}:\n" + "\n".join(lines)


def test_every_get_page_is_in_the_catalogue_or_excluded():
    ours = {name for name in url_names() if name.split(":")[0] in OUR_APPS}
    catalogued = {page.url_name for page in PAGES}

    assert sorted(ours - catalogued - set(NOT_DATA_PAGES)) == [], "no catalogue entry"
    assert sorted(catalogued & set(NOT_DATA_PAGES)) == [], "both catalogued and excluded"
    assert sorted((catalogued | set(NOT_DATA_PAGES)) - ours) == [], "no such URL"


def test_every_report_is_in_the_catalogue():
    assert sorted(report.slug for report in reports._reports.values()) == sorted(REPORT_SLUGS)
