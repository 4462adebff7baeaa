"""The whole application flow through the services, and the letter it ends in."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from budget.enums import ApplicationStatus, LetterKind
from budget.models import BudgetLine, Letter
from budget.services.letters import generate_letter
from burgerkracht.core.models import OutboxMessage
from tests.factories import application_in

pytestmark = pytest.mark.django_db


def letter_text(letter: Letter) -> str:
    letter.refresh_from_db()
    reader = PdfReader(io.BytesIO(letter.file.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_granted_application_commits_money_and_gets_a_letter(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_in(ApplicationStatus.GRANTED)
    assert application.status == ApplicationStatus.GRANTED
    assert application.award.amount == Decimal("500.00")
    line = BudgetLine.objects.get(pk=application.line_id)
    assert line.committed == Decimal("500.00")
    assert [t.amount for t in application.award.tranches.all()] == [Decimal("500.00")]
    letter = application.letters.get()
    assert letter.kind == LetterKind.GRANT
    assert letter.generated_at is not None
    text = letter_text(letter)
    # The amount, every agreement, the payment schedule, the contacts and the objection.
    for expected in (
        "€ 500,00",
        "1 februari 2027 tot en met 1 december 2027",  # the duration
        "1 mei 2027",  # the evaluation, with a visit
        "op bezoek",
        "hangt af van deze evaluaties",  # continuation depends on the evaluation
        "31 december 2027",  # the accountability afterwards
        "reserve@example.org",  # the backup
        "1 februari 2027: € 500,00",  # the payment schedule
        application.initiative.facilitator.email,  # the contact person
        "bezwaar",
        "binnen 6 weken",
        "Twaalf mensen komen elke week",  # their own sign
    ):
        assert expected in text, expected
    mail = OutboxMessage.objects.filter(subject__icontains="Toekenningsbrief").get()
    assert mail.attachments[0]["mimetype"] == "application/pdf"
    # Generating again keeps the stored letter and sends nothing more.
    name = Letter.objects.get(pk=letter.pk).file.name
    assert generate_letter(letter_pk=letter.pk) is False
    assert Letter.objects.get(pk=letter.pk).file.name == name
    assert OutboxMessage.objects.filter(subject__icontains="Toekenningsbrief").count() == 1


def test_rejection_letter_gives_the_reasons_the_alternatives_and_the_objection(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_in(ApplicationStatus.REJECTED, outcome="rejected")
    letter = application.letters.get()
    text = letter_text(letter)
    assert letter.kind == LetterKind.REJECTION
    assert "Het past bij het criterium." in text
    assert "Probeer het wijkbudget." in text
    assert "binnen 6 weken" in text
    assert "€" not in text.split("Waarom")[0]  # no amount is promised
