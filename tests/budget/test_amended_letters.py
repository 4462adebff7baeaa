"""The amended award after a continuation decision (SC-14), the award letter's line and the
rejection letter's alternatives (issue #26)."""

import subprocess

import pytest
from django.utils import translation

from budget.enums import ApplicationStatus, LetterKind
from budget.models import Application, Letter
from budget.services.letter_texts import ensure_default_letter_texts
from budget.services.letters import generate_letter
from burgerkracht.core.models import Municipality
from tests.budget.followup_helpers import C, D, decided, grant, pay_first
from tests.factories import application_in

pytestmark = pytest.mark.django_db


def pdftotext(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


@pytest.fixture(autouse=True)
def texts():
    Municipality.objects.create(name="Gemeente Rivierstad", postal_address="Postbus 1")
    Municipality.forget_current()
    ensure_default_letter_texts()


def _text(letter) -> str:
    generate_letter(letter_pk=letter.pk)
    letter.refresh_from_db()
    return pdftotext(letter.file.read())


def _amended(evaluation, holder) -> Letter:
    """The amended award letter decide_continuation made; for "continue as agreed", which
    makes none, one made the same way to show what such a letter would say."""
    made = Letter.objects.filter(evaluation=evaluation, kind=LetterKind.AMENDMENT).first()
    return made or Letter.objects.create(
        application=evaluation.application, kind=LetterKind.AMENDMENT, created_by=holder,
        evaluation=evaluation, reason="Na de evaluatie.",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "fields", "old", "new", "says"),
    [
        (C.CONTINUE, {}, None, "€ 500,00", "Jullie bedrag blijft € 500,00."),
        (C.EXTRA_PUSH, {"extra_amount": D("250.00")}, "€ 500,00", "€ 750,00",
         "Jullie krijgen € 250,00 extra."),
        (C.FEWER_MEANS, {"reduce_by": D("100.00")}, "€ 500,00", "€ 400,00",
         "Jullie krijgen € 100,00 minder."),
        (C.LESS_SUPPORT, {"new_agreements": "Minder begeleiding.", "reduce_by": D("100.00")},
         "€ 500,00", "€ 400,00", "Jullie krijgen € 100,00 minder."),
        (C.ADJUST, {"new_agreements": "Andere dag."}, None, "€ 500,00",
         "Jullie bedrag blijft € 500,00."),
        (C.STOP, {}, None, "€ 500,00", "De subsidie stopt."),
    ],
)  # fmt: skip
def test_the_amended_award_letter_gives_the_old_and_new_amounts(outcome, fields, old, new, says):
    application, holder, facilitator = grant()
    pay_first(application, holder)
    if outcome == C.LESS_SUPPORT:  # the professional support: the factory's Dirigent € 400
        fields = {**fields, "cost_line": application.cost_lines.get(description="Dirigent")}
    evaluation = decided(
        application, holder, facilitator, outcome, reasons="Wat we zagen bij het bezoek.", **fields
    )

    text = _text(_amended(evaluation, holder))

    assert "Gewijzigde toekenning" in text
    assert Letter.objects.get(evaluation=evaluation).filename.startswith("gewijzigde-toekenning-")
    assert "Wat we zagen bij het bezoek." in text  # the reasons
    assert says in text
    if old:
        assert f"Jullie kregen {old}. Vanaf nu is het {new}." in text
    assert "De betalingen na dit besluit" in text and "betaald" in text
    assert "uiterlijk op" in text  # the accountability date
    assert "binnen 6 weken na de datum van deze brief" in text  # the objection paragraph
    assert evaluation.get_outcome_display().lower() in text.lower()
    if outcome == C.LESS_SUPPORT:
        assert "Dirigent gaat van € 400,00 naar € 300,00" in text
    assert {t.block for t in Letter.objects.get(evaluation=evaluation).texts.all()} == {
        "amended_award",
        "objection",
        "closing",
    }


def test_the_amended_award_letter_names_the_next_evaluation():
    application, holder, facilitator = grant(evaluation_dates=("2027-05-01", "2027-09-01"))
    evaluation = decided(application, holder, facilitator, C.CONTINUE)

    text = _text(_amended(evaluation, holder))

    assert "Op 1 september 2027 kijken we weer samen terug." in text


def test_the_award_letter_names_the_budget_line(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_in(ApplicationStatus.GRANTED)
    text = _text(application.letters.get())
    assert f"Het geld komt uit de budgetlijn {application.line.name}." in text


def test_the_rejection_letter_gives_the_alternatives_the_decision_named(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_in(ApplicationStatus.REJECTED, outcome="rejected")
    letter = application.letters.get()
    assert letter.kind == LetterKind.REJECTION
    text = _text(letter)
    assert "terecht" in text  # the heading "Where else you can go"
    assert "Probeer het wijkbudget." in text


def test_a_rejection_letter_without_alternatives_says_who_thinks_along(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_in(ApplicationStatus.REJECTED, outcome="rejected")
    Application.objects.filter(pk=application.pk).update(alternatives="")
    letter = application.letters.get()
    Letter.objects.filter(pk=letter.pk).update(file="", generated_at=None)  # made again
    text = _text(letter)
    assert "In het besluit staat geen andere plek voor jullie plan." in text


def test_the_amended_letter_in_english_uses_the_english_texts():
    application, holder, facilitator = grant()
    evaluation = decided(application, holder, facilitator, C.FEWER_MEANS, reduce_by=D("100.00"))
    from budget.services.letters import letter_context

    with translation.override("en"):
        context = letter_context(_amended(evaluation, holder))
    assert "After that evaluation we decided" in context["intro_html"]
    assert "object" in context["objection_html"]
