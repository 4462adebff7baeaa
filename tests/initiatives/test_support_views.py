"""The pages of support requests (WF-6): asking from the initiative's page, the request's
page with days and hand-offs, answering, the jager's mandate on the initiative's page and the
jager's list of open requests, oldest first. Without JavaScript: plain forms."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from burgerkracht.core.models import AuditEvent
from initiatives import support
from initiatives.models import Initiative
from initiatives.support_models import SupportRequest
from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day, month=3):
    return time_machine.travel(datetime(2027, month, day, 10, tzinfo=AMSTERDAM), tick=False)


@pytest.fixture
def case():
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    return initiative, facilitator, OrganisationFactory(name="Afdeling Wonen")


def test_the_lead_asks_from_the_initiative_page_and_sees_the_days(client, case):
    initiative, facilitator, wonen = case
    lead = initiative.created_by
    client.force_login(lead)
    page = client.get(initiative.get_absolute_url()).text
    ask_url = reverse("initiatives:support-ask", args=[initiative.pk])
    assert ask_url in page
    refused = client.post(ask_url, {"question": "Een ruimte voor de werkplaats", "domain":
                                    "housing", "organisation": wonen.pk, "name": "Wonen",
                                    "email": "info@almere.nl"})  # fmt: skip
    assert refused.status_code == 200
    assert "Geef de voornaam en achternaam" in refused.text
    assert "adres van een algemene mailbox" in refused.text
    with at(1):
        client.force_login(lead)  # the session of today has expired by then
        response = client.post(
            ask_url,
            {
                "question": "Een ruimte voor de werkplaats",
                "domain": "housing",
                "organisation": wonen.pk,
                "name": "Els Jansen",
                "email": "e.jansen@almere.nl",
            },
        )
    request = SupportRequest.objects.get()
    assert response.status_code == 302 and response.url == request.get_absolute_url()
    with at(11):
        support.hand_over_request(request=request, by=facilitator, to_name="Piet Bakker",
                                  to_email="p.bakker@almere.nl")  # fmt: skip
    with at(15):
        client.force_login(lead)
        page = client.get(request.get_absolute_url()).text
    assert 'data-testid="days-open">14<' in page
    assert 'data-testid="days-with-holder">4<' in page
    assert "van Els Jansen (Afdeling Wonen) naar Piet Bakker (Afdeling Wonen)" in page
    with at(16):
        client.force_login(lead)
        client.post(reverse("initiatives:support-answer", args=[request.pk]),
                    {"answer": "De werkplaats mag in het oude schoolgebouw.",
                     "what_it_took": "Twee keer bellen."})  # fmt: skip
    request.refresh_from_db()
    assert (request.status, request.what_it_took) == ("answered", "Twee keer bellen.")
    assert Initiative.objects.get(pk=initiative.pk).status == "active"  # BR-08


def test_the_jager_is_shown_with_the_mandate_and_sees_the_open_list_oldest_first(client, case):
    initiative, facilitator, wonen = case
    coordinator = UserFactory(role="facilitator_coordinator")
    jager = UserFactory(role="facilitator", full_name="Wim Wijkmanager")
    client.force_login(coordinator)
    client.post(reverse("initiatives:jager-appoint", args=[initiative.pk]),
                {"jager": jager.pk, "mandate": "Afspraken maken met Wonen en Zorg.",
                 "money_limit": "2500", "departments": [wonen.pk]})  # fmt: skip
    assert AuditEvent.objects.filter(action="initiative.jager_appointed").count() == 1
    other = InitiativeFactory(active=True, facilitator=UserFactory(role="facilitator"))
    with at(2):
        late = support.ask_support(by=facilitator, initiative=initiative, question="Vergunning",
                                   domain="permits", organisation=wonen, decider_name="A Berg",
                                   decider_email="a.berg@almere.nl")  # fmt: skip
    with at(1):
        early = support.ask_support(by=facilitator, initiative=initiative, question="Ruimte",
                                    domain="housing", organisation=wonen, decider_name="B Berg",
                                    decider_email="b.berg@almere.nl")  # fmt: skip
        support.ask_support(by=other.facilitator, initiative=other, question="Niet van mij",
                            domain="other", organisation=wonen, decider_name="C Berg",
                            decider_email="c.berg@almere.nl")  # fmt: skip
    client.force_login(facilitator)
    page = client.get(initiative.get_absolute_url()).text
    assert "Wim Wijkmanager" in page and "Afspraken maken met Wonen en Zorg." in page
    assert "€ 2500" in page
    client.force_login(jager)
    assert client.get(early.get_absolute_url()).status_code == 200
    listing = client.get(reverse("initiatives:support-open")).text
    assert listing.index(early.get_absolute_url()) < listing.index(late.get_absolute_url())
    assert "Niet van mij" not in listing
    overdue_url = reverse("initiatives:support-open") + "?overdue=1"
    for when, expected in ((at(20, 3), False), (at(1, 5), True)):
        with when:
            client.force_login(jager)
            overdue = client.get(overdue_url).text
        assert (early.get_absolute_url() in overdue) is expected
    assert client.get(reverse("initiatives:support-open") + "?domain=permits").text.count(
        late.get_absolute_url()) == 1  # fmt: skip
    # The facilitator of the other initiative may not see or act on these requests.
    client.force_login(other.facilitator)
    assert client.get(early.get_absolute_url()).status_code == 403
    assert client.post(reverse("initiatives:support-answer", args=[early.pk]),
                       {"answer": "Ja, dat mag."}).status_code == 403  # fmt: skip
