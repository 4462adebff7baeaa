"""The line's maximum per application, and for officials what is left on the line, stand next
to the amount where it is typed, and a higher amount is refused there (decision 0009)."""

import pytest
from django.urls import reverse

from tests.factories import application_in, filled_application, open_line
from tests.forms_as_rendered import submit_as_rendered
from tests.language import in_language

pytestmark = pytest.mark.django_db

MAXIMUM = "Hoogstens € 1.000,00 per aanvraag uit de lijn 'Buurt'."
OVER = "Dit is meer dan het maximum van € 1.000,00 per aanvraag uit de lijn 'Buurt'."


@pytest.fixture
def line():
    return open_line(allocation="5000.00", max_per_application="1000.00", name="Buurt")[0]


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_the_resident_sees_the_maximum_at_the_cost_step_and_cannot_ask_more(client, line):
    application = filled_application(line=line)
    client.force_login(application.initiative.created_by)
    url = reverse("budget:application-step", args=[application.pk, 4])
    page = _text(client.get(url))
    # No line is chosen yet: the scheme's maximum, the highest of the fund's lines.
    assert application.line is None
    assert "Samen Sterk geeft hoogstens € 1.000,00 per aanvraag." in page
    assert "Nog beschikbaar" not in page  # what is left on a line: officials only
    response = submit_as_rendered(
        client, url, fill={"cost_1_amount": "1.000.000,00", "requested_amount": "€ 1.000.000"}
    )
    assert response.status_code == 200
    assert "Dit is meer dan het maximum van € 1.000,00 per aanvraag." in _text(response)
    application.refresh_from_db()
    assert str(application.requested_amount) == "500.00"
    # Up to the maximum is fine, typed the Dutch way.
    fill = {"cost_1_amount": "1.200,00", "requested_amount": "1.000,00"}
    response = submit_as_rendered(client, url, fill=fill)
    assert response.status_code == 302
    application.refresh_from_db()
    assert str(application.requested_amount) == "1000.00"


def test_the_facilitator_sees_the_maximum_and_what_is_left_and_cannot_propose_more(client, line):
    application = application_in("in_assessment", line=line)
    client.force_login(application.initiative.facilitator)
    url = reverse("budget:assess", args=[application.pk])
    page = _text(client.get(url))
    assert MAXIMUM in page and "Nog beschikbaar op de lijn: € 5.000,00." in page
    response = submit_as_rendered(
        client, url, field="proposed_amount", fill={"proposed_amount": "1.750"}
    )
    assert response.status_code == 200 and OVER in _text(response)
    application.refresh_from_db()
    assert str(application.proposed_amount) == "500.00"


def test_the_holder_sees_the_limits_and_cannot_grant_more_than_the_maximum_or_what_is_left(
    client, line
):
    application = application_in("awaiting_decision", line=line)
    holder = line.decision_holders.get()
    client.force_login(holder)
    url = reverse("budget:decide", args=[application.pk])
    page = _text(client.get(url))
    assert MAXIMUM in page and "Nog beschikbaar op de lijn: € 5.000,00." in page
    fill = {"outcome": "granted", "granted_amount": "1.750,00"}
    response = submit_as_rendered(client, url, field="granted_amount", fill=fill)
    assert response.status_code == 200 and OVER in _text(response)

    small = open_line(allocation="800.00", name="Klein")[0]
    application = application_in("awaiting_decision", line=small)
    client.force_login(small.decision_holders.get())
    url = reverse("budget:decide", args=[application.pk])
    fill = {"outcome": "granted", "granted_amount": "900"}
    response = submit_as_rendered(client, url, field="granted_amount", fill=fill)
    assert response.status_code == 200
    assert "Er is nog maar € 800,00 beschikbaar op de lijn 'Klein'." in _text(response)


def test_the_limits_read_the_english_way_in_english(client, line):
    application = application_in("in_assessment", line=line)
    client.force_login(application.initiative.facilitator)
    url = reverse("budget:assess", args=[application.pk])
    page = _text(in_language(client, "en").get(url))
    assert "At most € 1,000.00 per application from the line 'Buurt'." in page
    assert "Still available on the line: € 5,000.00." in page
