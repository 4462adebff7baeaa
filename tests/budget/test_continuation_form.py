"""SC-14 through the continuation page: less professional support asks which cost line and
how much, refuses what does not fit with a Dutch message next to the field, and a decision
holder of another line is refused; the decided page says whether a letter follows."""

import pytest
from django.urls import reverse

from budget.models import CostLine, Evaluation, Letter
from burgerkracht.core.ui.formatting import euro
from tests.budget.followup_helpers import C, D, E, figures, grant, pay_first, recorded
from tests.budget.test_followup_views import field_error
from tests.factories import open_line

pytestmark = pytest.mark.django_db
AGREED = "Anna leidt de repetities zelf."


@pytest.fixture
def ready(client):
    """A written-down evaluation after the first payment (€ 200 unpaid); the holder logged in."""
    application, holder, facilitator = grant()
    pay_first(application, holder)
    evaluation = recorded(application, holder, facilitator)
    client.force_login(holder)
    dirigent = application.cost_lines.get(description="Dirigent")  # € 400
    return application, evaluation, dirigent, reverse("budget:continuation", args=[evaluation.pk])


def post(client, url, **fields):
    data = {"outcome": C.LESS_SUPPORT, "reasons": "Ze kunnen meer zelf.", "extra_amount": "",
            "reduce_by": "", "cost_line": "", "new_agreements": AGREED, "final": ""}  # fmt: skip
    return client.post(url, {**data, **fields})


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reduce_by": "100"}, "cost_line", "Kies de kostenpost die de professionele steun is."),
        ({"cost_line": "dirigent"}, "reduce_by", "Zeg hoeveel minder geld."),
        ({"cost_line": "zaalhuur", "reduce_by": "200,01"}, "reduce_by",
         f"Dat is meer dan de kostenpost \u2018Zaalhuur\u2019: hoogstens {euro(D(200))}."),
        ({"cost_line": "dirigent", "reduce_by": "250"}, "reduce_by",
         f"Dat is meer dan wat nog niet is betaald: hoogstens {euro(D(200))}."),
    ],
)  # fmt: skip
def test_less_support_that_does_not_fit_is_shown_next_to_the_field(
    client, ready, fields, field, message
):
    application, evaluation, dirigent, url = ready
    names = {"dirigent": dirigent.pk,
             "zaalhuur": application.cost_lines.get(description="Zaalhuur").pk}  # fmt: skip
    if "cost_line" in fields:
        fields = {**fields, "cost_line": names[fields["cost_line"]]}

    response = post(client, url, **fields)

    assert response.status_code == 200
    assert field_error(response.text, field) == message
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.outcome) == (E.RECORDED, "")
    assert figures(application.line)[0] == D("500.00")
    assert CostLine.objects.get(pk=dirigent.pk).amount == D("400.00")


def test_a_cost_line_or_less_money_with_another_outcome_is_refused(client, ready):
    _application, evaluation, dirigent, url = ready

    response = post(client, url, outcome=C.ADJUST, cost_line=dirigent.pk, reduce_by="10")

    assert sorted(response.context["form"].errors) == ["cost_line", "reduce_by"]
    assert Evaluation.objects.get(pk=evaluation.pk).outcome == ""


def test_less_support_through_the_page_lowers_the_line_and_the_page_shows_it(client, ready):
    application, evaluation, dirigent, url = ready
    page = client.get(url)
    assert f"Dirigent: {euro(D(400))}" in page.text

    response = post(client, url, cost_line=dirigent.pk, reduce_by="150")

    assert response.url == evaluation.get_absolute_url()
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.cost_line, stored.cost_line_was) == (
        E.DECIDED, dirigent, D("400.00"),
    )  # fmt: skip
    assert CostLine.objects.get(pk=dirigent.pk).amount == D("250.00")
    assert figures(application.line)[0] == D("350.00")
    assert Letter.objects.get(evaluation=evaluation).kind == "amendment"
    decided = client.get(evaluation.get_absolute_url()).text
    assert "Dirigent:" in decided and "400,00" in decided and "250,00" in decided
    assert "Wordt gemaakt" in decided  # the letter is being made (no worker in this test)
    detail = client.get(application.get_absolute_url()).text
    assert f'data-testid="amount-now">{euro(D(350))}' in detail


def test_continuing_says_on_the_decided_page_that_no_letter_follows(client, ready):
    _application, evaluation, _dirigent, url = ready

    post(client, url, outcome=C.CONTINUE, new_agreements="")

    text = client.get(evaluation.get_absolute_url()).text
    assert "Geen: het gaat door zoals afgesproken, er verandert niets." in text
    assert not Letter.objects.filter(evaluation=evaluation).exists()


def test_a_holder_of_another_line_cannot_lower_the_support(client, ready):
    application, evaluation, dirigent, url = ready
    _line, other_holder = open_line()
    client.force_login(other_holder)

    assert client.get(url).status_code == 403
    assert post(client, url, cost_line=dirigent.pk, reduce_by="100").status_code == 403

    assert Evaluation.objects.get(pk=evaluation.pk).status == E.RECORDED
    assert CostLine.objects.get(pk=dirigent.pk).amount == D("400.00")
    assert figures(application.line)[0] == D("500.00")
