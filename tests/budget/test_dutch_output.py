"""Amounts and dates on the pages read the way a Dutch reader writes them in the Dutch
interface, and the English way in English (issue #22 §2, decision 0009)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from budget.models import Application
from burgerkracht.core.ui.formatting import day
from tests.factories import application_in, open_line
from tests.language import in_language

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page without its form controls (a date box holds ISO on purpose)."""
    return re.sub(r"<(input|textarea|select)[^>]*>", "", response.content.decode())


@pytest.fixture
def awaiting():
    line, _holder = open_line(allocation="5000.00", max_per_application="3000.00")
    application = application_in("awaiting_decision", line=line)
    Application.objects.filter(pk=application.pk).update(
        requested_amount=Decimal("2500.00"), proposed_amount=Decimal("1750.50"),
        starts_on=date(2027, 4, 15),
    )  # fmt: skip
    return Application.objects.get(pk=application.pk)


def test_the_decision_page_shows_dutch_amounts_and_dates(client, awaiting):
    client.force_login(awaiting.line.decision_holders.get())
    page = _text(client.get(reverse("budget:decide", args=[awaiting.pk])))
    for shown in ("€ 2.500,00", "€ 1.750,50", "€ 5.000,00"):
        assert shown in page, shown
    for raw in ("2500,00", "2500.00", "1750,50", "€ 600.00", "2027-04-15", "15-4-2027"):
        assert raw not in page, raw


def test_the_application_page_shows_dutch_amounts_in_dutch_and_english_ones_in_english(
    client, awaiting
):
    client.force_login(awaiting.initiative.created_by)
    url = reverse("budget:application", args=[awaiting.pk])
    page = _text(client.get(url))
    assert "€ 2.500,00" in page and "€ 400,00" in page and "15 april 2027" in page
    assert "2500" not in page and "400.00" not in page
    page = _text(in_language(client, "en").get(url))
    assert "€ 2,500.00" in page and "€ 400.00" in page and "15 April 2027" in page


def test_the_payment_page_says_amount_and_date_the_dutch_way(client):
    granted = application_in("granted")
    tranche = granted.award.tranches.get()
    tranche.amount, tranche.planned_on = Decimal("1200.00"), date(2027, 4, 15)
    tranche.save(update_fields=["amount", "planned_on"])
    client.force_login(granted.line.decision_holders.get())
    page = _text(client.get(reverse("budget:pay", args=[granted.pk, tranche.pk])))
    assert "Betaling van € 1.200,00, gepland op 15 april 2027." in page


def test_the_agreements_of_a_grant_show_their_dates_the_dutch_way(client):
    granted = application_in("granted")
    assert granted.evaluation_dates  # stored as ISO text
    client.force_login(granted.initiative.created_by)
    page = _text(client.get(reverse("budget:application", args=[granted.pk])))
    for iso in granted.evaluation_dates:
        with translation.override("nl"):
            assert day(date.fromisoformat(iso)) in page
        assert iso not in page
