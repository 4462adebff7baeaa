"""The municipality edits the letters' wording (issue #26): placeholders checked, versions
kept, text escaped, today's wording as version 1, one objection term everywhere."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.template import Template

from budget.enums import ApplicationStatus, LetterBlock
from budget.letter_defaults import default_text
from budget.letter_placeholders import render_text, validate_letter_text
from budget.models import LetterText
from budget.services.letter_texts import (
    activate_letter_text,
    ensure_default_letter_texts,
    write_letter_text,
)
from budget.services.letters import generate_letter, letter_context
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.files.pdf import render_pdf
from burgerkracht.core.models import Municipality
from tests.factories import UserFactory, application_in

pytestmark = pytest.mark.django_db
BEFORE = Path(__file__).parent / "fixtures" / "application_letter_before.html"


def pdftotext(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def municipality():
    municipality = Municipality.objects.create(
        name="Gemeente Rivierstad", postal_address="Postbus 100, 1234 AB Rivierstad",
        website="https://rivierstad.example", email="info@rivierstad.example",
    )  # fmt: skip
    Municipality.forget_current()
    ensure_default_letter_texts()
    return municipality


@pytest.fixture
def admin():
    return UserFactory(role="administrator", is_staff=True)


def _letter(status=ApplicationStatus.GRANTED, capture=None, **kwargs):
    with capture(execute=True):
        application = application_in(status, **kwargs)
    return application.letters.get()


def _made(letter) -> str:
    generate_letter(letter_pk=letter.pk)
    letter.refresh_from_db()
    return pdftotext(letter.file.read())


# --- placeholders ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Je krijgt {geld}.", "{geld}"),
        ("Je krijgt {bedrag:>10}.", "{bedrag:>10}"),
        ("Je krijgt {titel.upper}.", "{titel.upper}"),
        ("Je krijgt {titel!r}.", "{titel!r}"),
        ("Je krijgt {}.", "{}"),
    ],
)
def test_an_unknown_placeholder_is_refused_by_name(text, named):
    with pytest.raises(ValidationError) as error:
        validate_letter_text(text)
    assert named in error.value.messages[0]
    assert "is geen gegeven dat in een brief kan staan" in error.value.messages[0]


@pytest.mark.parametrize("text", ["Je krijgt {bedrag.", "Je krijgt bedrag}.", "{{titel}"])
def test_broken_braces_are_refused(text):
    with pytest.raises(ValidationError):
        validate_letter_text(text)


def test_known_placeholders_and_doubled_braces_are_fine():
    validate_letter_text("{titel}: {bedrag} uit {budgetlijn}, {{zo}} schrijf je een accolade.")


def test_saving_an_unknown_placeholder_through_the_service_is_refused_in_dutch(admin):
    from django.utils import translation

    with translation.override("nl"), pytest.raises(DomainError) as error:
        write_letter_text(by=admin, block=LetterBlock.GRANT, language="nl", body="Hoi {naam}")
    assert "{naam}" in str(error.value)
    assert "is geen gegeven" in str(error.value)
    assert not LetterText.objects.filter(body="Hoi {naam}").exists()


def test_only_an_administrator_writes_or_activates(municipality):
    for role in ("facilitator", "budget_decision_holder", "facilitator_coordinator"):
        person = UserFactory(role=role, is_staff=True)
        with pytest.raises(DomainError):
            write_letter_text(by=person, block=LetterBlock.GRANT, language="nl", body="Hoi")
        with pytest.raises(DomainError):
            activate_letter_text(by=person, text=LetterText.objects.first())


# --- escaping -------------------------------------------------------------------------------


def test_markup_in_a_text_is_shown_as_text():
    html = render_text("<script>alert(1)</script> voor <b>{titel}</b>\n\nTweede", {"titel": "<i>"})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&lt;i&gt;" in html
    assert html.count("<p>") == 2


def test_a_script_in_a_text_ends_up_as_text_in_the_pdf(
    municipality, admin, django_capture_on_commit_callbacks
):
    text = write_letter_text(
        by=admin, block=LetterBlock.GRANT, language="nl", body="<script>alert(1)</script> {titel}"
    )
    activate_letter_text(by=admin, text=text)
    letter = _letter(capture=django_capture_on_commit_callbacks)
    assert "<script>alert(1)</script>" in _made(letter)


# --- versions -------------------------------------------------------------------------------


def test_a_letter_keeps_its_version_and_a_new_letter_uses_the_active_one(
    municipality, admin, django_capture_on_commit_callbacks
):
    first = _letter(capture=django_capture_on_commit_callbacks)
    first_text = _made(first)
    used = set(first.texts.values_list("block", "version"))
    assert used == {("grant", 1), ("objection", 1), ("closing", 1)}

    draft = write_letter_text(
        by=admin, block=LetterBlock.OBJECTION, language="nl",
        body="Niet eens? Maak binnen {bezwaartermijn_weken} weken bezwaar bij {gemeente}.",
    )  # fmt: skip
    assert draft.version == 2 and not draft.is_active
    second = _letter(capture=django_capture_on_commit_callbacks)
    assert "Niet eens? Maak binnen" not in _made(second)  # a draft is not used

    activate_letter_text(by=admin, text=draft)
    third = _letter(capture=django_capture_on_commit_callbacks)
    assert "Niet eens? Maak binnen 6 weken bezwaar bij Gemeente Rivierstad." in _made(third)
    assert ("objection", 2) in set(third.texts.values_list("block", "version"))

    first.refresh_from_db()
    assert pdftotext(first.file.read()) == first_text
    assert set(first.texts.values_list("block", "version")) == used
    assert LetterText.objects.get(block="objection", language="nl", version=1).is_active is False


# --- the defaults ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (ApplicationStatus.GRANTED, "granted"),
        (ApplicationStatus.REJECTED, "rejected"),
    ],
)
def test_version_1_reads_exactly_as_the_letter_did_before(
    municipality, django_capture_on_commit_callbacks, status, outcome
):
    from django.utils import translation

    letter = _letter(status, capture=django_capture_on_commit_callbacks, outcome=outcome)
    assert letter.kind == ("rejection" if outcome == "rejected" else "grant")
    with translation.override("nl"):
        context = letter_context(letter)
        before = pdftotext(_render(Template(BEFORE.read_text()), context))
        after = pdftotext(render_pdf("pdf/application_letter.html", context))
    if letter.application.line_id and status != ApplicationStatus.REJECTED:
        line = f" Het geld komt uit de budgetlijn {letter.application.line.name}."
        assert line in after  # the one sentence issue #26 adds
        after = after.replace(line, "")
    assert _without_page_numbers(after) == _without_page_numbers(before)


def _without_page_numbers(text: str) -> str:
    """The sentence the letter gains may move the page break, and with it "1/2"."""
    return re.sub(r" \d/\d(?= |$)", "", text)


def _render(template, context):
    import weasyprint
    from django.template import Context

    from burgerkracht.core.files.pdf import BASE_URL, _weasyprint_fetcher

    html = template.render(Context(context))
    return weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=_weasyprint_fetcher()
    ).write_pdf()


def test_there_is_a_version_1_of_every_block_in_both_languages(municipality):
    assert ensure_default_letter_texts() == 0  # idempotent
    for block in LetterBlock.values:
        for language in ("nl", "en"):
            text = LetterText.objects.get(block=block, language=language, is_active=True)
            assert text.version == 1 and text.body == default_text(block, language)
            validate_letter_text(text.body)
    assert "bezwaar" in default_text(LetterBlock.OBJECTION, "nl")
    assert "objection" in default_text(LetterBlock.OBJECTION, "en")


# --- one objection term ---------------------------------------------------------------------


def test_the_objection_term_is_one_setting_for_letters_mails_and_the_public_page(
    municipality, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse
    from django.utils import translation

    from budget.selectors import next_step
    from tests.budget.followup_helpers import C, decided, grant, mails_to

    Municipality.objects.filter(pk=municipality.pk).update(objection_weeks=8)
    Municipality.forget_current()

    letter = _letter(capture=django_capture_on_commit_callbacks)
    assert "binnen 8 weken na de datum van deze brief" in _made(letter)

    application, holder, facilitator = grant()
    decided(application, holder, facilitator, C.CONTINUE)
    lead = application.initiative.created_by
    assert "Je kunt binnen 8 weken bezwaar maken." in mails_to(lead)[-1].body

    page = client.get(reverse("budget:samen-sterk"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "binnen 8 weken bezwaar maken" in page and "zes weken" not in page

    with django_capture_on_commit_callbacks(execute=True):
        rejected = application_in(ApplicationStatus.REJECTED, outcome="rejected")
    with translation.override("nl"):
        assert "binnen 8 weken bezwaar maken" in next_step(rejected, lead, resident=True)
