"""`manage.py seed_scale` (issue #10): exact counts on top of the demo data, additive runs, a
ledger that stays whole by the app's own figures, encryption at rest, and a refusal without
the demo's reference data. The command runs with DEBUG off: it creates no known passwords."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from advice.enums import AdviceStatus
from advice.models import Advice
from budget import report_selectors, selectors
from budget.enums import RUNNING_STATUSES, ApplicationStatus, EvaluationStatus
from budget.models import Application, Award, BudgetLine, Evaluation, Fund, Tranche
from burgerkracht.accounts.models import User
from burgerkracht.core.privacy import crypto
from burgerkracht.core.privacy.purge import purge
from burgerkracht.meetlat.models import Decision
from burgerkracht.seeding.scale.budget import RESULTS
from initiatives.enums import InitiativeStatus
from initiatives.models import Initiative
from tests.demo_data import seed_demo
from tests.module_data import built_once

pytestmark = pytest.mark.django_db

MODELS = (Initiative, Application, Advice, Evaluation)
SMALL = {"initiatives": 20, "applications": 10, "advices": 5, "evaluations": 20}


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, seed_demo)


@pytest.fixture
def demo(_demo, db):
    """The demo data, seeded once for the module (every test here adds to it in its own
    savepoint). The refusal without it is in test_seed_scale_refusal.py: a test in this
    module may run while the module's demo data is there."""


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


def seed_scale(**options) -> str:
    out = io.StringIO()
    call_command("seed_scale", **{**SMALL, **options}, stdout=out)
    return out.getvalue()


def summary_count(output: str, label: str) -> int:
    """The row count the summary prints for `label`."""
    match = re.search(rf"^  {re.escape(label)} +([\d,]+) rows +\d+\.\d s$", output, re.M)
    return int(match.group(1).replace(",", ""))


def test_seed_scale_adds_exactly_the_counts_and_again_on_a_second_run(demo):
    before, users = counts(), User.objects.count()

    output = seed_scale()
    once = counts()
    seed_scale()
    twice = counts()

    assert [a - b for a, b in zip(once, before, strict=True)] == [20, 10, 5, 20]
    assert [a - b for a, b in zip(twice, before, strict=True)] == [40, 20, 10, 40]
    assert User.objects.count() - users == 2 * 8  # residents: one per two and a half
    assert [summary_count(output, model._meta.label) for model in MODELS] == [20, 10, 5, 20]
    new = Initiative.objects.order_by("-pk")[:40]
    assert len({initiative.title for initiative in new}) == 40
    new_applications = Application.objects.order_by("-pk")[:10]
    assert {a.status for a in new_applications} == set(ApplicationStatus.values)
    assert {i.status for i in new[:20]} == set(InitiativeStatus.values)
    assert {a.status for a in Advice.objects.order_by("-pk")[:5]} == set(AdviceStatus.values)


def test_seed_scale_keeps_every_budget_line_whole(demo):
    last_demo_application = Application.objects.order_by("pk").last().pk
    seed_scale(applications=200, evaluations=400)
    seed_scale(applications=200, evaluations=400)

    funds = Fund.objects.all()
    figures = report_selectors.line_figures(funds)
    lines = [line for fund in funds for line in selectors.lines_of(fund)]
    assert len(figures) == len(lines) == BudgetLine.objects.count()
    assert [row for row in figures if row["remaining"] < 0] == []
    assert [line for line in lines if line.remaining < 0] == []
    for line in lines:
        awards = Award.objects.filter(line=line).aggregate(
            committed=Sum("amount", default=0), released=Sum("released_amount", default=0)
        )
        paid = Tranche.objects.filter(award__line=line, paid_on__isnull=False).aggregate(
            paid=Sum("amount", default=0)
        )
        assert (line.committed, line.released, line.paid) == (
            awards["committed"],
            awards["released"],
            paid["paid"],
        ), line.name
    scaled = Application.objects.filter(pk__gt=last_demo_application, award__isnull=False)
    assert [
        a.pk for a in scaled.select_related("award") if a.award.amount != a.granted_amount
    ] == []


def test_seed_scale_writes_encrypted_fields_as_ciphertext(demo):
    seed_scale()
    application = Application.objects.order_by("-pk").first()
    evaluation = Evaluation.objects.exclude(present="").order_by("-pk").first()
    decision = Decision.objects.exclude(resident_input_who="").order_by("-pk").first()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT residents_in_lead, result_who FROM budget_application WHERE id = %s",
            [application.pk],
        )
        raw_application = cursor.fetchone()
        cursor.execute("SELECT present FROM budget_evaluation WHERE id = %s", [evaluation.pk])
        raw_present = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM budget_application WHERE residents_in_lead LIKE %s",
            ["%buren%"],
        )
        plain_in_database = cursor.fetchone()[0]

    assert application.result_who in {who for who, _how, _difference in RESULTS}
    assert application.residents_in_lead == "Twee buren uit de straat en ik."
    assert [crypto.decrypt(value) for value in raw_application] == [
        application.residents_in_lead,
        application.result_who,
    ]
    assert raw_application[1] != application.result_who
    assert crypto.decrypt(raw_present) == evaluation.present != raw_present
    assert decision.resident_input_who != ""
    assert plain_in_database == 0


def test_seed_scale_spreads_dates_so_lists_and_reminders_have_work(demo):
    today = timezone.localdate()

    seed_scale(initiatives=300, applications=150, evaluations=600)

    initiatives = Initiative.objects.order_by("-pk")[:300]
    created = [initiative.created_at for initiative in initiatives]
    assert min(created) < timezone.now() - timedelta(days=3 * 365)
    assert max(created) > timezone.now() - timedelta(days=60)
    running = Evaluation.objects.filter(
        status=EvaluationStatus.PLANNED, application__status__in=RUNNING_STATUSES
    )
    assert running.filter(planned_on__gt=today + timedelta(days=14)).exists()
    assert running.filter(planned_on__range=(today, today + timedelta(days=14))).exists()
    assert Evaluation.objects.filter(
        status=EvaluationStatus.DECIDED, planned_on__lt=today, decided_at__isnull=False
    ).exists()
    assert Initiative.objects.published().filter(pk__in=[i.pk for i in initiatives]).count() > 100


def test_seed_scale_leaves_nothing_for_the_nightly_purge(demo):
    before = purge(dry_run=True)

    seed_scale(initiatives=300, applications=150, evaluations=300)

    assert purge(dry_run=True) == before
