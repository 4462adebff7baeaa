"""Reassigning some of a facilitator's dossiers (who stays) with one reason (issue #24): the
chosen dossiers move, the rest stay, every move keeps the reason (Handover and audit), the
residents hear who their new contact is, and a dossier that is not the facilitator's (a
tampered form) refuses the whole request."""

import pytest
from django.urls import reverse
from django.utils import timezone

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, OutboxMessage
from initiatives.handover import dossiers_of, reassign
from initiatives.models import Handover, Initiative
from tests.factories import InitiativeFactory, UserFactory, application_in, open_line

pytestmark = pytest.mark.django_db

REASON = "Anna heeft te veel dossiers; Bram neemt er drie over."


@pytest.fixture
def people():
    coordinator = UserFactory(role="facilitator_coordinator")
    busy = UserFactory(role="facilitator")
    backup = UserFactory(role="facilitator")
    new = UserFactory(role="facilitator")
    return coordinator, busy, backup, new


@pytest.fixture
def dossiers(people):
    _coordinator, busy, backup, _new = people
    first = InitiativeFactory(active=True, facilitator=busy, backup_facilitator=backup,
                              title="Buurtsoep")  # fmt: skip
    second = InitiativeFactory(active=True, facilitator=busy, title="Taalcafé")
    as_backup = InitiativeFactory(active=True, facilitator=backup, backup_facilitator=busy,
                                  title="Moestuin")  # fmt: skip
    OutboxMessage.objects.all().delete()
    return first, second, as_backup


def test_the_chosen_dossiers_move_with_one_reason(people, dossiers):
    coordinator, busy, backup, new = people
    first, second, as_backup = dossiers

    moved = reassign(by=coordinator, from_user=busy, to_user=new,
                     initiative_ids=[first.pk, as_backup.pk], reason=REASON)  # fmt: skip

    assert {h.initiative_id for h in moved} == {first.pk, as_backup.pk}
    first.refresh_from_db()
    second.refresh_from_db()
    as_backup.refresh_from_db()
    assert (first.facilitator, first.backup_facilitator) == (new, backup)
    assert (as_backup.facilitator, as_backup.backup_facilitator) == (backup, new)
    assert second.facilitator == busy  # unticked: stays
    for initiative in (first, as_backup):
        handover = Handover.objects.get(initiative=initiative)
        assert (handover.from_user, handover.to_user, handover.by) == (busy, new, coordinator)
        assert handover.note == REASON
        event = AuditEvent.objects.for_subject(initiative).get(action="initiative.reassigned")
        assert event.actor == coordinator and event.reason == REASON
        assert event.data["from"] == busy.pk and event.data["to"] == new.pk
    assert not Handover.objects.filter(initiative=second).exists()
    busy.refresh_from_db()
    assert busy.is_active  # the facilitator stays


def test_the_residents_hear_their_new_contact_and_the_new_facilitator_reads_the_reason(
    people, dossiers
):
    coordinator, busy, _backup, new = people
    first, _second, as_backup = dossiers

    reassign(by=coordinator, from_user=busy, to_user=new,
             initiative_ids=[first.pk, as_backup.pk], reason=REASON)  # fmt: skip

    lead = first.created_by.email
    to_lead = [m for m in OutboxMessage.objects.all() if m.to == [lead]]
    assert len(to_lead) == 1 and str(new) in to_lead[0].body
    # where the busy facilitator was only the backup, the contact stays: the residents hear nothing
    assert not [m for m in OutboxMessage.objects.all() if m.to == [as_backup.created_by.email]]
    to_new = [m for m in OutboxMessage.objects.all() if m.to == [new.email]]
    assert len(to_new) == 2 and all("te veel dossiers" in m.body for m in to_new)


def test_a_tampered_dossier_of_another_facilitator_moves_nothing(people, dossiers):
    coordinator, busy, _backup, new = people
    first, second, _as_backup = dossiers
    someone_else = InitiativeFactory(active=True, facilitator=UserFactory(role="facilitator"))

    with pytest.raises(DomainError) as error:
        reassign(by=coordinator, from_user=busy, to_user=new,
                 initiative_ids=[first.pk, second.pk, someone_else.pk], reason=REASON)  # fmt: skip

    assert "Er is niets overgegaan" in error.value.message
    assert set(Initiative.objects.filter(facilitator=busy)) == {first, second}
    assert Initiative.objects.get(pk=someone_else.pk).facilitator != new
    assert not Handover.objects.exists()
    assert not AuditEvent.objects.filter(action="initiative.reassigned").exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("reason", "to_self", "ids", "message"),
    [("  ", False, True, "waarom"), (REASON, True, True, "iemand anders"),
     (REASON, False, False, "minstens één")],
)  # fmt: skip
def test_refused_without_reason_to_oneself_or_with_nothing_ticked(
    people, dossiers, reason, to_self, ids, message
):
    coordinator, busy, _backup, new = people
    first, _second, _as_backup = dossiers
    with pytest.raises(DomainError) as error:
        reassign(by=coordinator, from_user=busy, to_user=busy if to_self else new,
                 initiative_ids=[first.pk] if ids else [], reason=reason)  # fmt: skip
    assert message in error.value.message
    assert not Handover.objects.exists()


def test_an_ended_initiative_is_no_dossier_to_move(people, dossiers):
    coordinator, busy, _backup, new = people
    first, _second, _as_backup = dossiers
    Initiative.objects.filter(pk=first.pk).update(
        status="ended", ended_at=timezone.now(), result="reached"
    )
    with pytest.raises(DomainError):
        reassign(by=coordinator, from_user=busy, to_user=new, initiative_ids=[first.pk],
                 reason=REASON)  # fmt: skip
    assert Initiative.objects.get(pk=first.pk).facilitator == busy


def test_a_dossier_lists_its_running_applications(people):
    _coordinator, busy, _backup, _new = people
    line, _holder = open_line(allocation="5000.00")
    granted = application_in("granted", line=line, facilitator=busy)
    sent = application_in("submitted", line=line, facilitator=busy, initiative=granted.initiative)

    (dossier,) = dossiers_of(busy)

    assert {a.pk for a in dossier.running} == {granted.pk, sent.pk}
    assert dossier.reference in dossier.choice_label
    assert granted.reference in dossier.choice_label and sent.reference in dossier.choice_label


# --- the page ------------------------------------------------------------------------------


def test_the_page_ticks_every_dossier_and_moves_the_ticked_ones(client, people, dossiers):
    coordinator, busy, _backup, new = people
    first, second, as_backup = dossiers
    client.force_login(coordinator)
    url = reverse("initiatives:reassign")

    page = client.get(url, {"van": busy.pk})

    html = page.content.decode()
    assert page.status_code == 200
    for initiative in (first, second, as_backup):
        assert initiative.reference in html and initiative.title in html
    assert set(page.context["form"].initial["initiatives"]) == {first.pk, second.pk, as_backup.pk}
    assert html.count('name="initiatives"') == 3 and html.count("checked") >= 3

    done = client.post(url, {"from_user": busy.pk, "initiatives": [first.pk, second.pk],
                             "to_user": new.pk, "reason": REASON})  # fmt: skip

    assert done.status_code == 302 and done["Location"] == reverse("initiatives:coordinator")
    assert set(Initiative.objects.filter(facilitator=new)) == {first, second}
    assert Initiative.objects.get(pk=as_backup.pk).backup_facilitator == busy


def test_the_page_refuses_a_tampered_dossier_with_a_dutch_message(client, people, dossiers):
    coordinator, busy, _backup, new = people
    first, _second, _as_backup = dossiers
    foreign = InitiativeFactory(active=True, facilitator=UserFactory(role="facilitator"))
    client.force_login(coordinator)

    response = client.post(reverse("initiatives:reassign"), {
        "from_user": busy.pk, "initiatives": [first.pk, foreign.pk], "to_user": new.pk,
        "reason": REASON,
    })  # fmt: skip

    assert response.status_code == 200
    assert "Er is niets overgegaan" in " ".join(response.context["form"].errors["initiatives"])
    assert "Er is niets overgegaan" in response.content.decode()
    assert Initiative.objects.get(pk=first.pk).facilitator == busy
    assert Initiative.objects.get(pk=foreign.pk).facilitator != new
    assert not Handover.objects.exists()


def test_the_page_asks_for_a_reason_and_a_new_facilitator(client, people, dossiers):
    coordinator, busy, _backup, _new = people
    first, _second, _as_backup = dossiers
    client.force_login(coordinator)

    response = client.post(
        reverse("initiatives:reassign"),
        {"from_user": busy.pk, "initiatives": [first.pk], "reason": ""},
    )

    errors = response.context["form"].errors
    assert set(errors) == {"to_user", "reason"}
    assert "Nieuwe facilitator" in errors["to_user"][0] and "Reden" in errors["reason"][0]
    assert Initiative.objects.get(pk=first.pk).facilitator == busy


@pytest.mark.parametrize("role", ["facilitator", "budget_decision_holder", "resident"])
def test_only_coordinators_and_administrators_reassign(client, people, dossiers, role):
    _coordinator, busy, _backup, new = people
    first, _second, _as_backup = dossiers
    client.force_login(UserFactory(role=role) if role != "facilitator" else busy)

    response = client.post(reverse("initiatives:reassign"), {
        "from_user": busy.pk, "initiatives": [first.pk], "to_user": new.pk, "reason": REASON,
    })  # fmt: skip

    assert response.status_code == 403
    assert Initiative.objects.get(pk=first.pk).facilitator == busy


def test_the_coordinators_page_links_to_it(client, people):
    coordinator, busy, _backup, _new = people
    InitiativeFactory(active=True, facilitator=busy)
    client.force_login(coordinator)
    html = client.get(reverse("initiatives:coordinator")).content.decode()
    assert reverse("initiatives:reassign") in html
    assert f"{reverse('initiatives:reassign')}?van={busy.pk}" in html


def test_the_new_facilitator_is_chosen_from_a_dutch_prompt_without_the_current_one(
    client, people, dossiers
):
    coordinator, busy, _backup, new = people
    client.force_login(coordinator)

    page = client.get(reverse("initiatives:reassign"), {"van": busy.pk}, HTTP_ACCEPT_LANGUAGE="nl")

    html = page.content.decode()
    assert "---------" not in html
    assert "Kies de nieuwe facilitator" in html
    offered = set(page.context["form"].fields["to_user"].queryset)
    assert new in offered and busy not in offered
