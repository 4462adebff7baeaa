"""SC-08 (the support request's half, WF-6, PP-07, BR-08): the initiative asks a partner
organisation for a jobcoach. The request goes from the partner's contact to the director, to
a teamleider, to the team meeting; the page shows each hand-off and the days in total and
at the current holder. Past SUPPORT_ESCALATION_DAYS the reminder sweep e-mails the jager and
the coordinator once (a second sweep sends nothing), and the initiative keeps running.

The clock: the asking and the hand-offs are travelled back in time, so that "now" is past the
escalation day for the live server and for the real Celery worker (its own process, on the
real clock) alike."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from burgerkracht.core.messaging import reminders
from burgerkracht.core.messaging.models import Reminder
from initiatives.models import Initiative
from initiatives.support_models import SupportRequest, escalation_days
from initiatives.support_reminders import SUPPORT_OVERDUE
from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory
from tests.journeys.steps_common import log_out, login_through_form, mail_text, mail_to

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]
TITLE = "Werkplaats De Schakel"
HANDS = (  # days ago, name, e-mail, note
    (38, "Henk Directeur", "h.directeur@triade.nl", "De contactpersoon legt het bij de directeur."),
    (30, "Tineke Teamleider", "t.teamleider@triade.nl", "De directeur vraagt de teamleider."),
    (20, "Kees Voorzitter", "k.voorzitter@triade.nl", "Voor het teamoverleg van het team."),
)  # fmt: skip


def _running(initiative) -> None:
    assert Initiative.objects.get(pk=initiative.pk).status == "active"  # BR-08


def test_sc08_partner_request_passes_three_hands_and_escalates(
    page, stack, smtp_sink, assert_accessible
):
    base = stack.url
    now = timezone.now()
    asked = escalation_days() + 3  # within the sweep's catch-up days
    facilitator = UserFactory(role="facilitator", full_name="Femke Jansen")
    coordinator = UserFactory(role="facilitator_coordinator", full_name="Carla Coördinator")
    jager = UserFactory(role="facilitator", full_name="Wim Wijkmanager")
    initiative = InitiativeFactory(active=True, facilitator=facilitator, title=TITLE)
    OrganisationFactory(name="Zorggroep Triade")

    with time_machine.travel(now - timedelta(days=asked), tick=True):
        login_through_form(page, base, coordinator.email)
        page.goto(base + initiative.get_absolute_url())
        page.get_by_role("link", name="Jager aanwijzen").click()
        page.get_by_label("Jager", exact=True).select_option(label="Wim Wijkmanager")
        page.get_by_label("Wat mag de jager regelen?").fill("Afspraken maken met Triade.")
        page.get_by_role("button", name="Jager aanwijzen").click()

        login_through_form(page, base, facilitator.email)
        page.goto(base + initiative.get_absolute_url())
        page.get_by_role("link", name="Vraag de gemeente of een partner om hulp").click()
        page.get_by_label("Wat vraag je?").fill("Een jobcoach, twee ochtenden per week.")
        page.get_by_label("Regelgebied").select_option(label="Zorg en dagbesteding")
        page.get_by_label("Afdeling of partnerorganisatie").select_option(label="Zorggroep Triade")
        page.get_by_label("Naam van de persoon die beslist").fill("Anja Mulder")
        page.get_by_label("E-mailadres van die persoon").fill("a.mulder@triade.nl")
        page.get_by_role("button", name="Hulpvraag versturen").click()
        expect(page.get_by_test_id("support-facts")).to_contain_text("Anja Mulder")
    request = SupportRequest.objects.get()
    _running(initiative)

    for days_ago, name, email, note in HANDS:
        with time_machine.travel(now - timedelta(days=days_ago), tick=True):
            login_through_form(page, base, facilitator.email)
            page.goto(base + request.get_absolute_url())
            page.get_by_role("link", name="De vraag is doorgegeven aan iemand anders").click()
            if days_ago == HANDS[0][0]:
                assert_accessible(page, "recording a hand-off")
            page.get_by_label("Naam van de persoon die de vraag nu heeft").fill(name)
            page.get_by_label("E-mailadres van die persoon").fill(email)
            page.get_by_label("Opmerking").fill(note)
            page.get_by_role("button", name="Overdracht vastleggen").click()
            expect(page.get_by_test_id("support-facts")).to_contain_text(name)
        _running(initiative)

    # Today: the page shows the whole way and the days.
    login_through_form(page, base, facilitator.email)
    page.goto(base + request.get_absolute_url())
    assert_accessible(page, "a support request that passed three hands")
    expect(page.get_by_test_id("days-open")).to_have_text(str(asked))
    expect(page.get_by_test_id("days-with-holder")).to_have_text(str(HANDS[-1][0]))
    handoffs = page.get_by_test_id("handoffs").get_by_role("listitem")
    expect(handoffs).to_have_count(3)
    for item, (frm, to) in zip(
        handoffs.all(),
        (("Anja Mulder", "Henk Directeur"), ("Henk Directeur", "Tineke Teamleider"),
         ("Tineke Teamleider", "Kees Voorzitter")),
        strict=True,
    ):  # fmt: skip
        expect(item).to_contain_text(f"van {frm} (Zorggroep Triade) naar {to} (Zorggroep Triade)")
    expect(page.get_by_test_id("overdue")).to_be_visible()

    # The sweep escalates once, by e-mail, to the jager and the coordinator.
    first = reminders.sweep()
    for person in (jager, coordinator):
        message = mail_to(smtp_sink, person.email, subject=TITLE)
        text = mail_text(message)
        assert f"{asked} dagen geleden" in text and "Kees Voorzitter" in text, text
        assert request.get_absolute_url() in text
    again = reminders.sweep()
    assert first.created >= 2 and (again.created, again.enqueued) == (0, 0)
    sent = list(
        Reminder.objects.filter(kind=SUPPORT_OVERDUE, object_id=request.pk).values_list(
            "recipient__email", flat=True
        )
    )
    assert {jager.email, coordinator.email} <= set(sent) and len(sent) == len(set(sent))
    assert facilitator.email not in sent
    _running(initiative)
    page.goto(base + initiative.get_absolute_url())
    expect(page.get_by_text("Loopt").first).to_be_visible()
    log_out(page)
