"""The money step (issue #24): the maximum and the rules stand above it, the costs are a
table with a total worked out by the server ("Bereken totaal"), then the amount asked, and a
warning (not an error) when the amount asked differs from what the costs leave."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import Application
from budget.selectors import next_step
from tests.factories import InitiativeFactory, filled_application, open_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    line = open_line(allocation="5000.00", max_per_application="1000.00", name="Smeerolie X")[0]
    return filled_application(line=line)


def _url(application):
    return reverse("budget:application-step", args=[application.pk, 4])


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_the_step_shows_the_maximum_the_rules_and_a_cost_table_with_its_total(client, application):
    client.force_login(application.initiative.created_by)
    page = _text(client.get(_url(application)))

    assert "Je kunt hoogstens € 1.000,00 vragen." in page
    assert "Het geld is niet voor" in page
    assert page.count('data-cost="description"') == 6 and page.count('data-cost="amount"') == 6
    assert "portal-cost-table" in page
    assert "Totaal van je kosten" in page
    assert "€ 600,00" in page  # 400 + 200, saved in the draft
    assert "Smeerolie" not in page  # the line's internal name is not for residents
    assert 'name="total"' in page and "Bereken totaal" in page


def test_work_out_the_total_saves_the_draft_and_shows_the_step_again(client, application):
    client.force_login(application.initiative.created_by)
    response = client.post(_url(application), {
        "cost_1_description": "Dirigent", "cost_1_amount": "400,00",
        "cost_2_description": "Zaal", "cost_2_amount": "1.250,50",
        "cost_3_description": "Koffie", "cost_3_amount": "",  # not finished yet: kept back
        "requested_amount": "", "total": "",
    })  # fmt: skip

    assert response.status_code == 200  # a row without an amount: said next to it
    assert (
        "Vul het bedrag van deze kostenpost in." in _text(response)
        or response.context["form"].errors
    )
    page = _text(response)
    assert 'value="Koffie"' in page and 'value="1.250,50"' in page  # nothing typed is lost
    assert "€ 1.650,50" in page  # the total of what could be read

    response = client.post(_url(application), {
        "cost_1_description": "Dirigent", "cost_1_amount": "400,00",
        "cost_2_description": "Zaal", "cost_2_amount": "1.250,50", "total": "",
    })  # fmt: skip
    assert response.status_code == 302 and response.url == _url(application) + "#kosten"
    stored = Application.objects.get(pk=application.pk)
    assert [c.amount for c in stored.cost_lines.all()] == [Decimal("400.00"), Decimal("1250.50")]
    assert stored.requested_amount == Decimal("500.00")  # an empty box wipes nothing
    page = _text(client.get(response.url))
    assert "€ 1.650,50" in page


def test_asking_less_than_the_costs_leave_is_a_warning_not_an_error(client, application):
    client.force_login(application.initiative.created_by)
    # Saved: costs 600, own 50, asked 500 -> 550 left, 500 asked.
    page = _text(client.get(_url(application)))
    assert "data-money-check" in page
    assert "Je vraagt € 500,00, maar je kosten min je eigen geld en andere fondsen zijn samen" \
        " € 550,00." in page  # fmt: skip

    response = client.post(_url(application), {
        "cost_1_description": "Dirigent", "cost_1_amount": "400", "own_contribution": "50",
        "requested_amount": "300", "next": "",
    })  # fmt: skip
    assert response.status_code == 302  # a warning does not stop the resident
    page = _text(client.get(_url(application)))
    assert "Je vraagt € 300,00, maar" in page
    assert "data-money-check hidden" not in page

    client.post(_url(application), {
        "cost_1_description": "Dirigent", "cost_1_amount": "400", "own_contribution": "50",
        "requested_amount": "350", "next": "",
    })  # fmt: skip
    page = _text(client.get(_url(application)))
    assert "data-money-check hidden" in page


def test_errors_keep_every_typed_value_and_name_the_field(client, application):
    client.force_login(application.initiative.created_by)
    response = client.post(_url(application), {
        "cost_1_description": "", "cost_1_amount": "12,50",
        "cost_2_description": "Zaal", "cost_2_amount": "twaalf",
        "requested_amount": "", "next": "",
    })  # fmt: skip
    assert response.status_code == 200
    page = _text(response)
    assert 'value="12,50"' in page and 'value="twaalf"' in page and 'value="Zaal"' in page
    assert (
        "Zeg waar deze kosten voor zijn." in page
        or response.context["form"].errors["cost_1_description"]
    )
    assert "Vul \u2018" in page  # the empty amount asked names itself
    assert 'href="#id_cost_1_description"' in page  # the summary leads to the row
    assert "Dit veld is verplicht." not in page


def test_the_new_application_page_asks_does_my_idea_fit_first(client, application):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(initiative.created_by)
    page = _text(client.get(reverse("budget:application-new")))
    assert page.index("Past mijn idee?") < page.index("Begin je aanvraag")
    assert "Je kunt hoogstens € 1.000,00 vragen." in page
    assert "Het geld is voor" in page and "Het geld is niet voor" in page
    assert "mensen die nu buiten de boot vallen" in page


def test_the_steps_to_go_are_counted_in_proper_dutch(application):
    from django.utils import translation

    lead = application.initiative.created_by
    Application.objects.filter(pk=application.pk).update(goal="")
    application = Application.objects.get(pk=application.pk)
    with translation.override("nl"):
        text = next_step(application, lead)
    assert "stap(pen)" not in text
    assert text.endswith("stap te gaan.") or text.endswith("stappen te gaan.")


def test_does_my_idea_fit_speaks_of_a_maximum_only_when_there_is_one(client):
    """The regulation sets no maximum (BR-06): then "Past mijn idee?" does not ask for the
    amount to stay under one that is nowhere said."""
    filled_application()  # an open fund whose one line has no maximum
    initiative = InitiativeFactory(submitted=True)
    client.force_login(initiative.created_by)

    page = _text(client.get(reverse("budget:application-new")))

    assert "Past mijn idee?" in page
    assert "maximum" not in page and "hoogstens" not in page
    assert "Is het bedrag dat je nodig hebt klein?" in page
