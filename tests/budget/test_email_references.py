"""Every e-mail about a grant names its reference number (issue #24): from the visit to the
settled accountability, whoever gets it. The evaluation and accountability mails once
printed an empty "Je referentienummer:" line, because their context had no application."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budget import services
from budget.models import Accountability, Evaluation
from burgerkracht.core.models import OutboxMessage
from tests.budget.followup_helpers import PDF, C, grant, recorded, submitted

pytestmark = pytest.mark.django_db


def test_every_mail_after_the_grant_names_the_reference_number():
    application, holder, facilitator = grant()
    lead = application.initiative.created_by
    first_mail = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first()

    evaluation = application.evaluations.order_by("planned_on").first()
    services.plan_visit(
        evaluation=evaluation, by=facilitator, visit_on=date(2027, 4, 20), visitors=[facilitator]
    )
    evaluation = recorded(application, holder, facilitator, evaluation)
    services.reopen_evaluation(evaluation=evaluation, by=holder, reason="Er mist een foto.")
    services.complete_evaluation_record(
        evaluation=Evaluation.objects.get(pk=evaluation.pk), by=facilitator
    )
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    services.save_continuation(
        evaluation=evaluation, by=holder, reasons="Het gaat goed.", outcome=C.CONTINUE
    )
    services.decide_continuation(evaluation=evaluation, by=holder)
    accountability = submitted(application)
    services.ask_for_more(accountability=accountability, by=facilitator, question="De bon?")
    services.add_accountability_file(
        accountability=accountability, by=lead, upload=SimpleUploadedFile("bon.pdf", PDF)
    )
    services.submit_accountability(accountability=accountability, by=lead)
    services.settle_accountability(
        accountability=Accountability.objects.get(pk=accountability.pk), by=facilitator
    )

    mails = list(OutboxMessage.objects.filter(pk__gt=first_mail or 0).order_by("pk"))
    # visit planned; recorded (holder, lead); reopened; recorded again; continuation decided
    # (lead, facilitator); accountability sent in; more asked; sent in again; settled (2)
    assert len(mails) >= 11
    for mail in mails:
        assert application.reference in mail.subject, mail.subject
        assert f"Je referentienummer: {application.reference}" in mail.body, mail.body
