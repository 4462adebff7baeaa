"""REP-16: the median and longest waits per rule domain and per department or partner, and
the requests that wait longer than the threshold; for the coordinators and management."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from initiatives import support
from initiatives.support_reports import LeadTimeReport
from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(month, day):
    return time_machine.travel(datetime(2027, month, day, 10, tzinfo=AMSTERDAM), tick=False)


def test_median_longest_and_overdue_per_domain_and_organisation(client):
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator, title="Servicepunt")
    wonen, zorg = OrganisationFactory(name="Wonen"), OrganisationFactory(name="Zorgpartner")

    def ask(org, domain, question):
        return support.ask_support(by=facilitator, initiative=initiative, question=question,
                                   domain=domain, organisation=org, decider_name="Els Jansen",
                                   decider_email="e.jansen@almere.nl")  # fmt: skip

    with at(1, 1):
        a = ask(wonen, "housing", "Ruimte aan het plein")
        b = ask(wonen, "housing", "Tweede ruimte")
        c = ask(zorg, "care", "Begeleiding twee ochtenden")
    with at(1, 11):
        support.answer_request(request=a, by=facilitator, answer="Ja, vanaf februari.")
    with at(1, 31):
        support.answer_request(request=b, by=facilitator, answer="Nee, die is verhuurd.")
    with at(3, 1):  # c waits 59 days: longer than 42
        sections = LeadTimeReport().sections({})
        coordinator = UserFactory(role="facilitator_coordinator")
        client.force_login(coordinator)
        page = client.get(reverse("core:report", args=["support-lead-times"]))
        client.force_login(facilitator)
        refused = client.get(reverse("core:report", args=["support-lead-times"]))

    per_domain, per_organisation = sections[0].tables
    rows = {r["domain"]: r for r in per_domain.rows}
    assert (rows["Huisvesting"]["median"], rows["Huisvesting"]["longest"]) == (20, 30)
    assert (rows["Zorg en dagbesteding"]["open"], rows["Zorg en dagbesteding"]["longest"]) == (
        1,
        59,
    )
    assert {r["organisation"]: (r["requests"], r["longest"]) for r in per_organisation.rows} == {
        "Wonen": (2, 30), "Zorgpartner": (1, 59)
    }  # fmt: skip
    overdue = sections[1].tables[0].rows
    assert [(r["question"], r["days"], r["organisation"]) for r in overdue] == [
        ("Begeleiding twee ochtenden", 59, "Zorgpartner")
    ]
    assert c.pk
    assert page.status_code == 200 and "Begeleiding twee ochtenden" in page.text
    assert refused.status_code == 403
