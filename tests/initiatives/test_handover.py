"""Handover when a facilitator leaves: the backup takes over, the residents hear who their new
contact is, the note keeps "het waarom", reminders follow the new owner."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from budget.models import Evaluation
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging import reminders
from burgerkracht.core.models import AuditEvent, OutboxMessage
from initiatives.handover import hand_over
from initiatives.models import Handover, Initiative
from tests.factories import InitiativeFactory, UserFactory, application_in, open_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    coordinator = UserFactory(role="facilitator_coordinator")
    leaving = UserFactory(role="facilitator")
    backup = UserFactory(role="facilitator")
    successor = UserFactory(role="facilitator")
    return coordinator, leaving, backup, successor


def test_the_backup_takes_over_and_the_residents_are_told(people):
    coordinator, leaving, backup, _successor = people
    initiative = InitiativeFactory(active=True, facilitator=leaving, backup_facilitator=backup)
    other = InitiativeFactory(active=True, facilitator=backup, backup_facilitator=leaving)
    ended = InitiativeFactory(active=True, facilitator=leaving, backup_facilitator=backup)
    Initiative.objects.filter(pk=ended.pk).update(
        status="ended", ended_at=timezone.now(), result="reached"
    )
    OutboxMessage.objects.all().delete()

    moved = hand_over(by=coordinator, leaving=leaving, note="Afspraak over de zaal: waarom X.")

    assert {h.initiative_id for h in moved} == {initiative.pk, other.pk}
    initiative.refresh_from_db()
    other.refresh_from_db()
    assert (initiative.facilitator, initiative.backup_facilitator) == (backup, None)
    assert (other.facilitator, other.backup_facilitator) == (backup, None)
    assert Initiative.objects.get(pk=ended.pk).facilitator == leaving  # ended: left alone
    handover = Handover.objects.get(initiative=initiative)
    assert (handover.from_user, handover.to_user, handover.by) == (leaving, backup, coordinator)
    assert handover.note == "Afspraak over de zaal: waarom X."
    lead = initiative.created_by.email
    to_lead = [m for m in OutboxMessage.objects.all() if m.to == [lead]]
    assert len(to_lead) == 1 and str(backup) in to_lead[0].body
    to_backup = [m for m in OutboxMessage.objects.all() if m.to == [backup.email]]
    assert len(to_backup) == 1 and "waarom X" in to_backup[0].body
    events = AuditEvent.objects.for_subject(initiative).filter(action="initiative.handed_over")
    assert events.get().actor == coordinator
    leaving.refresh_from_db()
    assert leaving.is_active


def test_a_successor_fills_the_gap_and_the_account_is_switched_off(people):
    coordinator, leaving, backup, successor = people
    alone = InitiativeFactory(active=True, facilitator=leaving)
    with_backup = InitiativeFactory(active=True, facilitator=leaving, backup_facilitator=backup)

    hand_over(by=coordinator, leaving=leaving, note="Zie het dossier.", successor=successor,
              deactivate=True)  # fmt: skip

    alone.refresh_from_db()
    with_backup.refresh_from_db()
    assert (alone.facilitator, alone.backup_facilitator) == (successor, None)
    assert (with_backup.facilitator, with_backup.backup_facilitator) == (backup, successor)
    leaving.refresh_from_db()
    assert not leaving.is_active
    assert AuditEvent.objects.for_subject(leaving).filter(action="account.deactivated").exists()


@pytest.mark.parametrize(
    ("note", "successor_is_leaving", "message"),
    [("  ", False, "overdrachtsnotitie"), ("Notitie", True, "iemand anders")],
)
def test_refused_without_a_note_or_with_oneself_as_successor(
    people, note, successor_is_leaving, message
):
    coordinator, leaving, backup, _successor = people
    InitiativeFactory(active=True, facilitator=leaving, backup_facilitator=backup)
    with pytest.raises(DomainError):
        hand_over(by=coordinator, leaving=leaving, note=note,
                  successor=leaving if successor_is_leaving else None)  # fmt: skip
    assert not Handover.objects.exists()


def test_refused_when_an_initiative_has_no_backup_and_no_successor_is_named(people):
    coordinator, leaving, _backup, _successor = people
    lonely = InitiativeFactory(active=True, facilitator=leaving, title="Eenzaam initiatief")
    with pytest.raises(DomainError) as error:
        hand_over(by=coordinator, leaving=leaving, note="Notitie")
    assert "Eenzaam initiatief" in error.value.message
    lonely.refresh_from_db()
    assert lonely.facilitator == leaving
    assert not Handover.objects.exists()


def test_reminders_follow_the_new_owner(people):
    coordinator, leaving, backup, _successor = people
    line, _holder = open_line(allocation="5000.00")
    application = application_in("granted", line=line, facilitator=leaving)
    Initiative.objects.filter(pk=application.initiative_id).update(backup_facilitator=backup)
    hand_over(by=coordinator, leaving=leaving, note="Over naar de vervanger.", deactivate=True)
    OutboxMessage.objects.all().delete()
    evaluation = Evaluation.objects.get(application=application)

    with time_machine.travel(date(2027, 4, 17), tick=False):  # 14 days before 1 May
        reminders.sweep(today=date(2027, 4, 17), synchronous=True)

    recipients = {address for m in OutboxMessage.objects.all() for address in m.to}
    assert backup.email in recipients
    assert leaving.email not in recipients
    assert evaluation.planned_on == date(2027, 5, 1)


def test_the_handover_page(client, people):
    coordinator, leaving, backup, _successor = people
    initiative = InitiativeFactory(active=True, facilitator=leaving, backup_facilitator=backup,
                                   title="Buurtsoep")  # fmt: skip
    client.force_login(coordinator)
    url = reverse("initiatives:handover")

    page = client.get(url, {"van": leaving.pk})
    assert page.status_code == 200 and "Buurtsoep" in page.content.decode()

    empty = client.post(url, {"leaving": leaving.pk, "note": ""})
    assert empty.status_code == 200
    assert "note" in empty.context["form"].errors
    initiative.refresh_from_db()
    assert initiative.facilitator == leaving

    done = client.post(url, {"leaving": leaving.pk, "note": "Het waarom staat hier."})
    assert done.status_code == 302
    initiative.refresh_from_db()
    assert initiative.facilitator == backup
    told = client.get(done["Location"]).content.decode()
    assert "Overgedragen: 1 initiatief/initiatieven. De bewoners hebben bericht" in told


def test_the_handover_page_shows_the_refusal_on_the_form(client, people):
    coordinator, leaving, _backup, _successor = people
    InitiativeFactory(active=True, facilitator=leaving, title="Eenzaam initiatief")
    client.force_login(coordinator)

    refused = client.post(
        reverse("initiatives:handover"), {"leaving": leaving.pk, "note": "Notitie"}
    )

    assert refused.status_code == 200
    assert "Eenzaam initiatief" in " ".join(refused.context["form"].non_field_errors())
    assert not Handover.objects.exists()
