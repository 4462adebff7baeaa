"""What the application services promise: the steps, sending in, the checks, advice, the
decision by a holder of the line only, publication and amendments."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budget import application_steps, services
from budget.enums import ApplicationStatus, LetterKind
from budget.models import Application, BudgetLine
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, OutboxMessage
from burgerkracht.meetlat.enums import DecisionStatus
from initiatives.enums import InitiativeStatus
from tests import upload_samples
from tests.factories import (
    InitiativeFactory,
    UserFactory,
    application_in,
    decide,
    filled_application,
    open_line,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def mails_to(user) -> list[str]:
    return [m.subject for m in OutboxMessage.objects.order_by("pk") if user.email in m.to]


# --- starting and the steps ----------------------------------------------------------------


def test_no_open_fund_means_no_application():
    initiative = InitiativeFactory(submitted=True)
    with pytest.raises(DomainError, match="geen budgetperiode open"):
        services.start_application(by=initiative.created_by, initiative=initiative)


def test_one_undecided_application_per_initiative():
    line, _holder = open_line()
    application = filled_application(line=line)
    with pytest.raises(DomainError):
        services.start_application(
            by=application.initiative.created_by, initiative=application.initiative
        )


def test_sending_in_a_draft_initiative_fills_and_submits_it():
    line, _holder = open_line()
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    resident = UserFactory(role="resident")
    started = services.start_application(by=resident, new_title="Koor De Zonnebloem")
    from tests.factories import STEP_DATA

    for step, data in STEP_DATA.items():
        services.save_application_step(application=started, by=resident, step=step, data=data)

    services.submit_application(application=started, by=resident)

    initiative = Application.objects.get(pk=started.pk).initiative
    assert initiative.status == InitiativeStatus.SUBMITTED
    assert initiative.goal == "Erbij horen."
    assert initiative.target_group == STEP_DATA[1]["result_who"]
    assert initiative.support_wanted == ["money"]


def test_steps_are_complete_only_with_their_answers():
    line, _holder = open_line()
    application = filled_application(line=line)
    assert application_steps.missing_steps(application) == []
    by = application.initiative.created_by
    services.save_application_step(application=application, by=by, step=1, data={"signs": []})
    services.save_application_step(
        application=application, by=by, step=4, data={"requested_amount": Decimal("600.00")}
    )
    assert application_steps.missing_steps(Application.objects.get(pk=application.pk)) == [1, 4]
    with pytest.raises(DomainError, match="1, 4"):
        services.submit_application(application=application, by=by)


def test_at_most_three_signs():
    application = filled_application()
    with pytest.raises(DomainError):
        services.save_application_step(
            application=application, by=application.initiative.created_by, step=1,
            data={"signs": ["a", "b", "c", "d"]},
        )  # fmt: skip


def test_a_stichting_names_the_residents_in_the_lead():
    application = filled_application()
    by = application.initiative.created_by
    services.save_application_step(
        application=application, by=by, step=1,
        data={"on_behalf_of_organisation": True, "organisation_name": "Stichting Zang",
              "kvk_number": "41329178"},
    )  # fmt: skip
    assert 1 in application_steps.missing_steps(Application.objects.get(pk=application.pk))
    services.save_application_step(
        application=application, by=by, step=1,
        data={"lead_residents": [("Ans de Vries", "ans@example.org")]},
    )  # fmt: skip
    assert application_steps.missing_steps(Application.objects.get(pk=application.pk)) == []


# --- attachments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("offerte.pdf", b"%PDF-1.7 ...", True),
        ("foto.JPG", b"\xff\xd8\xff\xe0 jpeg", True),
        ("foto.png", b"\x89PNG\r\n\x1a\n....", True),
        ("begroting.xlsx", upload_samples.xlsx(), True),
        ("begroting.xlsx", b"PK\x03\x04 a zip header and nothing behind it", False),
        ("virus.pdf", b"MZ\x90\x00 windows program", False),
        ("script.exe", b"%PDF-1.7 pretending", False),
        ("geen-extensie", b"%PDF-1.7", False),
    ],
)
def test_attachments_are_checked_by_content_and_name(name, content, accepted):
    application = filled_application()
    upload = SimpleUploadedFile(name, content)
    by = application.initiative.created_by
    if accepted:
        attachment = services.add_attachment(application=application, by=by, upload=upload)
        assert attachment.file.name.startswith(f"private/applications/{application.pk}/")
        assert attachment.file.read() == content
    else:
        with pytest.raises(DomainError):
            services.add_attachment(application=application, by=by, upload=upload)
        assert application.attachments.count() == 0


def test_attachments_have_a_size_and_a_number_limit(settings):
    from budget import attachments

    application = filled_application()
    by = application.initiative.created_by
    assert settings.UPLOAD_MAX_BYTES == 10 * 1024 * 1024  # the default; smaller here
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(DomainError, match="1 KB"):
        services.add_attachment(
            application=application, by=by, upload=SimpleUploadedFile("a.pdf", b"%PDF-" * 250)
        )
    for n in range(attachments.MAX_FILES):
        services.add_attachment(
            application=application, by=by, upload=SimpleUploadedFile(f"{n}.pdf", b"%PDF-1")
        )
    with pytest.raises(DomainError):
        services.add_attachment(
            application=application, by=by, upload=SimpleUploadedFile("x.pdf", b"%PDF-1")
        )
    assert application.attachments.count() == attachments.MAX_FILES


# --- the checks ----------------------------------------------------------------------------


def test_completing_the_check_names_what_is_missing_and_starts_the_decision_record():
    line, _holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    application = application_in(S.SUBMITTED, line=line, facilitator=facilitator)
    services.save_assessment(application=application, by=facilitator, legal_check="Geen.")
    assert Application.objects.get(pk=application.pk).status == S.IN_ASSESSMENT
    with pytest.raises(DomainError, match="budgetlijn"):
        services.complete_assessment(application=application, by=facilitator)

    application = application_in(S.AWAITING_DECISION, line=line, facilitator=facilitator)

    decision = application.decision
    assert decision.status == DecisionStatus.DRAFT
    assert decision.financial_accountability == "De begroting klopt."
    assert decision.subject == application


def test_handing_back_tells_the_residents_why_and_keeps_their_answers():
    facilitator = UserFactory(role="facilitator")
    application = application_in(S.IN_ASSESSMENT, facilitator=facilitator)
    lead = application.initiative.created_by
    with pytest.raises(DomainError):
        services.return_to_applicant(application=application, by=facilitator, reason=" ")

    services.return_to_applicant(
        application=application, by=facilitator, reason="Voeg de offerte toe."
    )

    stored = Application.objects.get(pk=application.pk)
    assert stored.status == S.DRAFT
    assert stored.result_who
    mail = [m for m in OutboxMessage.objects.order_by("created_at") if lead.email in m.to][-1]
    assert "Voeg de offerte toe." in mail.body
    services.submit_application(application=stored, by=lead)
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


def test_advice_only_from_the_professional_who_was_asked():
    facilitator = UserFactory(role="facilitator")
    application = application_in(S.IN_ASSESSMENT, facilitator=facilitator)
    with pytest.raises(DomainError):
        services.request_advice(
            application=application, by=facilitator, professional=UserFactory(role="resident"),
            question="Past dit?",
        )  # fmt: skip
    professional = UserFactory(role="professional")
    advice = services.request_advice(
        application=application, by=facilitator, professional=professional, question="Past dit?"
    )
    with pytest.raises(DomainError):
        services.give_advice(advice=advice, by=UserFactory(role="professional"), text="Ja")
    services.give_advice(advice=advice, by=professional, text="Ja, goed plan.")
    with pytest.raises(DomainError):
        services.give_advice(advice=advice, by=professional, text="Nog eens")
    assert application.professional_advice.get().text == "Ja, goed plan."
    assert mails_to(facilitator)


# --- the decision --------------------------------------------------------------------------


def test_only_a_decision_holder_of_the_line_decides():
    line, _holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    application = application_in(S.AWAITING_DECISION, line=line, facilitator=facilitator)
    _other_line, other_holder = open_line(allocation="5000.00")
    for person in (facilitator, other_holder, UserFactory(role="budget_decision_holder")):
        with pytest.raises(DomainError):
            services.save_decision(
                application=application, by=person, reasons="Past goed.", outcome="granted"
            )
        with pytest.raises(DomainError):
            services.publish_decision(application=application, by=person)
    assert Application.objects.get(pk=application.pk).status == S.AWAITING_DECISION


def test_the_draft_decision_is_invisible_to_residents_until_published():
    line, holder = open_line(allocation="5000.00")
    application = application_in(S.AWAITING_DECISION, line=line)
    lead = application.initiative.created_by
    before = mails_to(lead)

    decide(application, holder)

    assert mails_to(lead) == before
    services.publish_decision(application=application, by=holder)
    assert Application.objects.get(pk=application.pk).status == S.GRANTED


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"outcome": "rejected", "alternatives": ""}, "andere mogelijkheden"),
        ({"outcome": "granted", "granted_amount": Decimal("400.00")}, "500,00"),
        ({"outcome": "partly_granted", "granted_amount": Decimal("500.00")}, "500,00"),
        ({"evaluation_dates": []}, "evaluat"),
        ({"accountability_due": None}, "verantwoording|accountability"),
        ({"payment_schedule": [{"date": "2027-02-01", "amount": "100.00"}]}, "betal|payment"),
    ],
)
def test_publishing_refuses_an_incomplete_decision(changes, missing):
    line, holder = open_line(allocation="5000.00")
    application = application_in(S.AWAITING_DECISION, line=line)
    decide(application, holder)
    application = Application.objects.get(pk=application.pk)
    fields = {
        name: getattr(application, name)
        for name in services.assessment.DECISION_FIELDS
        if name not in changes
    }
    services.save_decision(
        application=application, by=holder, reasons="Het past.", **fields, **changes
    )
    with pytest.raises(DomainError, match=missing):
        services.publish_decision(application=application, by=holder)
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == S.AWAITING_DECISION
    assert stored.decision.status == DecisionStatus.DRAFT


def test_publishing_needs_the_complete_meetlat():
    line, holder = open_line(allocation="5000.00")
    application = application_in(S.AWAITING_DECISION, line=line)
    services.save_decision(
        application=application, by=holder, reasons="Past.", outcome="rejected",
        alternatives="Het wijkbudget.",
    )  # fmt: skip
    with pytest.raises(DomainError, match="Meetlat"):
        services.publish_decision(application=application, by=holder)
    assert BudgetLine.objects.get(pk=line.pk).committed == 0


def test_a_grant_larger_than_the_line_can_bear_is_refused_and_nothing_changes():
    line, holder = open_line(allocation="5000.00")
    spare, _spare_holder = open_line(fund=line.fund)
    application = application_in(S.AWAITING_DECISION, line=line)
    decide(application, holder)
    other = application_in(S.GRANTED, line=line)
    services.reallocate(
        by=UserFactory(role="administrator"), from_line=line, to_line=spare,
        amount=BudgetLine.objects.get(pk=line.pk).remaining - Decimal("100.00"), reason="Nodig",
        approved_by=UserFactory(role="facilitator_coordinator"),
    )  # fmt: skip

    with pytest.raises(DomainError, match="100,00"):
        services.publish_decision(application=application, by=holder)

    stored = Application.objects.get(pk=application.pk)
    assert (stored.status, stored.award, stored.decision.status) == (
        S.AWAITING_DECISION, None, DecisionStatus.DRAFT,
    )  # fmt: skip
    assert other.status == S.GRANTED
    assert not stored.letters.exists()


def test_rejection_commits_nothing_and_gets_a_rejection_letter():
    line, _holder = open_line(allocation="5000.00")
    application = application_in(S.REJECTED, line=line, outcome="rejected")
    assert application.award is None
    assert BudgetLine.objects.get(pk=line.pk).committed == 0
    assert application.letters.get().kind == LetterKind.REJECTION
    assert (
        AuditEvent.objects.for_subject(application).filter(action="application.status").count() == 4
    )


def test_amending_needs_a_reason_and_the_holder_and_makes_an_amendment_letter():
    line, holder = open_line(allocation="5000.00")
    application = application_in(S.GRANTED, line=line)
    with pytest.raises(DomainError):
        services.amend_decision(
            application=application, by=holder, reason="", extra_agreements="Nieuw"
        )
    with pytest.raises(DomainError):
        services.amend_decision(
            application=application, by=UserFactory(role="facilitator"),
            reason="Het koor begint later.", extra_agreements="Nieuw",
        )  # fmt: skip
    services.amend_decision(
        application=application, by=holder, reason="De zaal is later vrij.",
        evaluation_dates=["2027-06-01"], extra_agreements="Het koor begint in maart.",
    )  # fmt: skip
    letters = list(application.letters.order_by("pk"))
    assert [letter.kind for letter in letters] == [LetterKind.GRANT, LetterKind.AMENDMENT]
    assert letters[1].reason == "De zaal is later vrij."
    assert Application.objects.get(pk=application.pk).evaluation_dates == ["2027-06-01"]
