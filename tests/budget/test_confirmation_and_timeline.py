"""The confirmation after sending in, the status timeline, and what residents do not see
(issue #24)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from budget.models import Accountability, Application, Tranche
from budget.timeline import application_timeline
from initiatives.timeline import initiative_timeline
from tests.factories import (
    InitiativeFactory,
    UserFactory,
    application_in,
    fill_accountability,
    filled_application,
    record_evaluation,
)

pytestmark = pytest.mark.django_db

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


def states(steps) -> list[tuple[str, str]]:
    return [(str(s.label), s.state) for s in steps]


# --- the confirmation -----------------------------------------------------------------------


def test_sending_an_application_shows_the_confirmation_with_reference_and_contact(client):
    facilitator = UserFactory(role="facilitator", full_name="Fatima de Vries")
    application = filled_application()
    lead = application.initiative.created_by
    application.initiative.facilitator = facilitator
    application.initiative.save(update_fields=["facilitator"])
    client.force_login(lead)

    response = client.post(reverse("budget:application-check", args=[application.pk]), **NL)

    sent = reverse("budget:application-sent", args=[application.pk])
    assert response.status_code == 302
    assert response.url == sent
    html = client.get(sent, **NL).content.decode()
    assert application.reference in html
    assert "Aanvraag verstuurd" in html
    assert "Binnen vier weken" in html
    assert "Fatima de Vries" in html
    assert facilitator.email in html


def test_confirmation_without_a_facilitator_names_the_municipality(client):
    from burgerkracht.core.models import Municipality

    municipality = Municipality.current()
    municipality.email = "info@gemeente.example"
    municipality.save()
    application = application_in("submitted")
    application.initiative.facilitator = None
    application.initiative.save(update_fields=["facilitator"])
    client.force_login(application.initiative.created_by)

    html = client.get(reverse("budget:application-sent", args=[application.pk]), **NL)

    assert "Je hebt nog geen contactpersoon" in html.content.decode()
    assert "info@gemeente.example" in html.content.decode()


def test_sending_an_initiative_shows_the_confirmation_with_reference(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)

    response = client.post(reverse("initiatives:intake-check", args=[initiative.pk]), **NL)

    assert response.url == reverse("initiatives:sent", args=[initiative.pk])
    html = client.get(response.url, **NL).content.decode()
    assert initiative.reference in html
    assert "Initiatief verstuurd" in html
    assert "Je hebt nog geen contactpersoon" in html


def test_the_sent_in_mail_carries_the_reference(client, django_capture_on_commit_callbacks):
    application = filled_application()
    client.force_login(application.initiative.created_by)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("budget:application-check", args=[application.pk]), **NL)

    to_resident = [m for m in mail.outbox if application.initiative.created_by.email in m.to]
    assert to_resident
    assert application.reference in to_resident[0].subject
    assert application.reference in to_resident[0].body


# --- the timeline ----------------------------------------------------------------------------


def test_timeline_of_a_sent_in_application_marks_the_check_current():
    application = application_in("submitted")

    steps = application_timeline(application)

    assert states(steps) == [
        ("Ingediend", "done"),
        ("Gecontroleerd door je contactpersoon", "current"),
        ("Besluit", "future"),
        ("Betaalopdracht verstuurd", "future"),
        ("Betaald", "future"),
        ("Verantwoording", "future"),
    ]
    assert steps[0].on == timezone.localdate(application.submitted_at)


def test_timeline_of_a_grant_shows_the_evaluation_and_the_accountability_due():
    granted = application_in("granted")

    steps = application_timeline(granted)

    assert states(steps) == [
        ("Ingediend", "done"),
        ("Gecontroleerd door je contactpersoon", "done"),
        ("Besluit", "done"),
        ("Betaalopdracht verstuurd", "current"),
        ("Betaald", "future"),
        ("Tussentijdse evaluatie", "future"),
        ("Verantwoording", "future"),
    ]
    assert steps[-1].note == "uiterlijk 31 december 2027"


def test_timeline_of_a_settled_grant_is_done_up_to_the_accountability():
    granted = application_in("granted")
    lead = granted.initiative.created_by
    fill_accountability(Accountability.objects.get(application=granted), lead)

    Tranche.objects.filter(award_id=granted.award_id).update(paid_on=date(2027, 2, 1))
    for evaluation in granted.evaluations.all():
        record_evaluation(evaluation, granted.initiative.facilitator)

    steps = application_timeline(Application.objects.get(pk=granted.pk))

    assert [s.state for s in steps] == ["done"] * 6
    assert steps[3].on == date(2027, 2, 1)  # paid by hand: no payment-order step


def test_timeline_shows_the_payment_order_with_its_date_then_the_payment():
    from budget import services
    from tests.budget.payment_helpers import IBAN

    granted = application_in("granted")
    lead, holder = granted.initiative.created_by, granted.line.decision_holders.get()
    services.change_bank_account(by=lead, application=granted, iban=IBAN, account_holder="A")
    services.order_payments(by=holder, today=date(2027, 2, 3))

    steps = application_timeline(Application.objects.get(pk=granted.pk))
    assert [(s.label, s.state, s.on) for s in steps[3:5]] == [
        ("Betaalopdracht verstuurd", "done", date(2027, 2, 3)),
        ("Betaald", "current", None),
    ]


def test_timeline_of_a_rejection_stops_at_the_decision():
    rejected = application_in("rejected", outcome="rejected")

    assert states(application_timeline(rejected))[-1] == ("Besluit", "done")


def test_timeline_of_an_initiative_marks_the_contact_person_current():
    initiative = InitiativeFactory(submitted=True)

    assert states(initiative_timeline(initiative)) == [
        ("Aangemeld", "done"),
        ("Contactpersoon gekregen", "current"),
        ("Gestart", "future"),
        ("Afgerond", "future"),
    ]


def test_resident_application_page_shows_reference_and_timeline(client):
    granted = application_in("granted")
    client.force_login(granted.initiative.created_by)

    html = client.get(granted.get_absolute_url(), **NL).content.decode()

    assert granted.reference in html
    assert 'aria-current="step"' in html
    assert "Waar het nu staat" in html


def test_officials_application_page_shows_the_reference(client):
    granted = application_in("granted")
    client.force_login(granted.initiative.facilitator)

    html = client.get(granted.get_absolute_url(), **NL).content.decode()

    assert granted.reference in html


def test_the_officials_read_who_checks_in_their_own_words(client):
    """The resident reads "your contact person"; the facilitator reads "the facilitator"
    (not "your contact person", which is the resident's)."""
    granted = application_in("granted")
    client.force_login(granted.initiative.created_by)
    resident = client.get(granted.get_absolute_url(), **NL).content.decode()
    client.force_login(granted.initiative.facilitator)
    official = client.get(granted.get_absolute_url(), **NL).content.decode()
    initiative = client.get(granted.initiative.get_absolute_url(), **NL).content.decode()

    assert "Gecontroleerd door je contactpersoon" in resident
    assert "Gecontroleerd door de facilitator" in official
    assert "je contactpersoon" not in official
    assert "Facilitator toegewezen" in initiative
    assert "Contactpersoon gekregen" not in initiative


# --- no officials' jargon, no accidental "Afronden" -----------------------------------------


def test_resident_initiative_page_has_no_continuity_jargon_and_no_end_button(client):
    initiative = InitiativeFactory(active=True)  # one initiator, no backups: risks
    client.force_login(initiative.created_by)

    html = client.get(initiative.get_absolute_url(), **NL).content.decode()

    assert "Continuïteit" not in html
    assert "Maar één actieve initiatiefnemer" not in html
    assert ">Afronden<" not in html
    assert "Stoppen met dit initiatief" in html
    assert initiative.reference in html


def test_facilitator_still_sees_the_continuity_risks(client):
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    client.force_login(facilitator)

    html = client.get(initiative.get_absolute_url(), **NL).content.decode()

    assert "Continuïteit" in html
    assert initiative.reference in html


def test_ending_page_warns_the_resident_before_they_confirm(client):
    initiative = InitiativeFactory(active=True)
    client.force_login(initiative.created_by)

    html = client.get(reverse("initiatives:end", args=[initiative.pk]), **NL).content.decode()

    assert "voorgoed" in html


def test_timeline_marks_no_step_current_behind_a_later_step_done():
    from initiatives.timeline import mark

    steps = mark([("a", True, None, ""), ("b", False, None, ""), ("c", True, None, ""),
                  ("d", False, None, "")])  # fmt: skip

    assert [s.state for s in steps] == ["done", "future", "done", "current"]


def test_timeline_of_a_running_initiative_marks_started_current():
    initiative = InitiativeFactory(active=True, facilitator=UserFactory(role="facilitator"))

    assert [s.state for s in initiative_timeline(initiative)] == [
        "done", "done", "current", "future",
    ]  # fmt: skip
