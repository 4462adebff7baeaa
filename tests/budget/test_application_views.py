"""The application screens through the test client: the resident's steps with their errors,
the check, the queue with filters and exports, and constant query counts."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budget import services
from budget.enums import ApplicationStatus
from budget.models import Application, Award
from tests.factories import (
    InitiativeFactory,
    UserFactory,
    application_in,
    filled_application,
    open_line,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def open_fund_line():
    line, holder = open_line(allocation="5000.00")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    return line, holder


def test_resident_applies_step_by_step(client, open_fund_line):
    initiative = InitiativeFactory(submitted=True)
    lead = initiative.created_by
    client.force_login(lead)

    started = client.post(reverse("budget:application-new"), {"initiative": str(initiative.pk)})
    application = Application.objects.get(initiative=initiative)
    assert started.url == reverse("budget:application-step", args=[application.pk, 1])

    def step(n, data, button="next"):
        return client.post(
            reverse("budget:application-step", args=[application.pk, n]), {**data, button: ""}
        )

    step(1, {"result_who": "Buren", "result_how": "Samen", "result_difference": "Meedoen",
             "sign_1": "Tien mensen"})  # fmt: skip
    step(2, {"goal": "Erbij horen", "means": "Een koor"})
    step(3, {"expected_participants": "10"})
    step(4, {"cost_1_description": "Dirigent", "cost_1_amount": "300,50",
             "cost_2_description": "Zaal", "cost_2_amount": "100", "own_contribution": "0,50",
             "requested_amount": "400"})  # fmt: skip
    done = step(5, {"starts_on": "2027-02-01", "ends_on": "2027-06-01",
                    "backup_email": "reserve@example.org"})  # fmt: skip
    assert done.url == reverse("budget:attachments", args=[application.pk])
    client.post(
        reverse("budget:attachments", args=[application.pk]),
        {"file": SimpleUploadedFile("offerte.pdf", b"%PDF-1.4 offerte")},
    )
    check = client.get(reverse("budget:application-check", args=[application.pk]))
    assert check.context["missing"] == []
    assert "offerte.pdf" in check.text
    sent = client.post(reverse("budget:application-check", args=[application.pk]))

    application.refresh_from_db()
    assert sent.url == reverse("budget:application-sent", args=[application.pk])
    assert application.status == S.SUBMITTED
    assert [c.amount for c in application.cost_lines.all()] == [Decimal("300.50"), Decimal("100")]
    assert application.requested_amount == Decimal("400")
    assert [s.text for s in application.signs.all()] == ["Tien mensen"]


def test_errors_are_shown_next_to_the_field_and_in_the_summary(client):
    application = filled_application()
    client.force_login(application.initiative.created_by)
    url = reverse("budget:application-step", args=[application.pk, 4])

    response = client.post(url, {
        "cost_1_description": "Dirigent", "cost_1_amount": "100", "requested_amount": "5000",
        "next": "",
    })  # fmt: skip

    assert response.status_code == 200
    assert response.context["form"].errors["requested_amount"]
    assert "Fout:" in response.text.split("</title>")[0]
    assert response.text.count("Je vraagt meer dan de kosten") >= 2  # summary and field
    assert Application.objects.get(pk=application.pk).requested_amount == Decimal("500.00")


def test_save_for_later_keeps_what_was_typed_and_wipes_nothing(client):
    application = filled_application()
    client.force_login(application.initiative.created_by)
    url = reverse("budget:application-step", args=[application.pk, 2])

    response = client.post(url, {"goal": "Nieuw doel", "means": "", "later": ""})

    assert response.url == application.get_absolute_url()
    stored = Application.objects.get(pk=application.pk)
    assert (stored.goal, stored.means) == ("Nieuw doel", "Een koor met een dirigent.")


def test_a_bad_attachment_gets_a_message_next_to_the_field(client):
    application = filled_application()
    client.force_login(application.initiative.created_by)

    response = client.post(
        reverse("budget:attachments", args=[application.pk]),
        {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")},
    )

    assert response.status_code == 200
    assert "kun je niet toevoegen" in response.context["form"].errors["file"][0]
    assert application.attachments.count() == 0


def test_residents_do_not_see_the_internal_check_or_the_draft_decision(client):
    line, holder = open_line(allocation="5000.00")
    application = application_in(S.AWAITING_DECISION, line=line)
    services.save_decision(
        application=application, by=holder, outcome="rejected",
        reasons="Geheime conceptreden", alternatives="x",
    )  # fmt: skip
    client.force_login(application.initiative.created_by)

    page = client.get(application.get_absolute_url())

    assert page.status_code == 200
    assert "Geheime conceptreden" not in page.text
    assert "De begroting klopt." not in page.text
    client.force_login(holder)
    assert "De begroting klopt." in client.get(application.get_absolute_url()).text


def test_queue_filters_sorts_and_exports(client):
    line, holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    waiting = application_in(S.AWAITING_DECISION, line=line, facilitator=facilitator)
    submitted = application_in(S.SUBMITTED, line=line, facilitator=facilitator)
    application_in(S.SUBMITTED, line=line)  # someone else's
    Application.objects.filter(pk=submitted.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(days=40)
    )
    client.force_login(facilitator)
    url = reverse("budget:queue")

    mine = client.get(url)
    old = client.get(url, {"age": "28"})
    waiting_only = client.get(url, {"status": S.AWAITING_DECISION})
    csv = client.get(url, {"_export": "csv"})
    xlsx = client.get(url, {"_export": "xlsx"})

    def ids(response):
        return [row.record.pk for row in response.context["table"].page.object_list]

    assert sorted(ids(mine)) == sorted([waiting.pk, submitted.pk])
    assert ids(old) == [submitted.pk]
    assert ids(waiting_only) == [waiting.pk]
    assert len(csv.content.decode().strip().splitlines()) == 3
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3
    client.force_login(holder)
    assert ids(client.get(url)) == [waiting.pk]


def _many_applications(count, line, initiative, facilitator):
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            initiative=initiative, fund=line.fund, line=line, created_by=initiative.created_by,
            status=S.SUBMITTED, submitted_at=now, requested_amount=Decimal("100"),
        )
        for _ in range(count)
    )  # fmt: skip


@pytest.mark.parametrize("role", ["facilitator_coordinator", "budget_decision_holder"])
def test_queue_runs_the_same_number_of_queries_at_10_and_1000_applications(client, role):
    line, holder = open_line(allocation="5000.00")
    initiative = InitiativeFactory(submitted=True)
    user = holder if role == "budget_decision_holder" else UserFactory(role=role)
    client.force_login(user)
    _many_applications(10, line, initiative, None)
    Application.objects.update(status=S.AWAITING_DECISION)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("budget:queue")).status_code == 200
    _many_applications(990, line, initiative, None)
    Application.objects.update(status=S.AWAITING_DECISION)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("budget:queue"))

    page = response.context["table"].page  # pages without counting: a next page, not a total
    assert (len(page.object_list), page.has_next()) == (25, True)
    assert len(small) == len(large)


def test_overview_runs_the_same_number_of_queries_at_10_and_1000_awards(client):
    line, holder = open_line(allocation="1000000.00")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)

    def awards(count):
        Award.objects.bulk_create(
            Award(line=line, amount=Decimal("1"), description="x", awarded_by=holder)
            for _ in range(count)
        )

    client.force_login(UserFactory(role="read_only"))
    awards(10)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("budget:overview", args=[line.fund.pk]))
    awards(990)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("budget:overview", args=[line.fund.pk]))

    assert response.context["lines"][0].award_count == 1000
    assert len(small) == len(large)


def test_application_page_runs_the_same_number_of_queries_however_much_it_holds(client):
    from budget.models import CostLine, ProfessionalAdvice
    from initiatives.models import Message

    line, holder = open_line(allocation="5000.00")
    application = application_in(S.GRANTED, line=line)
    client.force_login(holder)
    with CaptureQueriesContext(connection) as small:
        assert client.get(application.get_absolute_url()).status_code == 200
    for n in range(3, 7):
        CostLine.objects.create(application=application, position=n, description="x", amount=1)
    for _ in range(5):
        ProfessionalAdvice.objects.create(
            application=application, professional=UserFactory(role="professional"),
            question="?", requested_by=holder,
        )  # fmt: skip
        Message.objects.create(initiative=application.initiative, sender=holder, body="Hallo")
    with CaptureQueriesContext(connection) as large:
        assert client.get(application.get_absolute_url()).status_code == 200

    assert len(small) == len(large)
