"""Residents never read the municipality's own name for a wijk's budget line ("Smeerolie
Filmwijk", issue #24, B1): the public Samen Sterk page and the grant letter name it by its
wijk. Officials' pages keep the line's own name (tests/budget/test_budget_stays_whole.py)."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from budget.enums import ApplicationStatus
from budget.services.letters import letter_context
from burgerkracht.core.files.pdf import render_pdf
from tests.budget.budget_moves import budget_that_moved
from tests.factories import application_in

pytestmark = pytest.mark.django_db


def test_the_samen_sterk_page_names_a_wijk_line_by_its_wijk(client):
    budget_that_moved()

    html = client.get(reverse("budget:samen-sterk"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert "Smeerolie" not in html
    assert "Wijkbudget Filmwijk" in html and "Wijkbudget Muziekwijk" in html
    assert "overgeheveld naar Wijkbudget Filmwijk" in html.replace("\u00a0", " ")
    assert "Stedelijk" in html  # a line for the whole city keeps its name


def test_the_grant_letter_says_the_money_comes_from_the_wijk_budget(
    django_capture_on_commit_callbacks,
):
    moved = budget_that_moved()
    with django_capture_on_commit_callbacks(execute=True):
        application = application_in(ApplicationStatus.GRANTED, line=moved.music)
    letter = application.letters.get()

    with translation.override("nl"):
        pdf = render_pdf("pdf/application_letter.html", letter_context(letter))
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )

    assert "Smeerolie" not in text
    assert "Het geld komt uit het budget voor de wijk Muziekwijk." in text
