import re

import pytest
from django.core import mail

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent, OutboxMessage
from burgerkracht.core.services import deliver_pending
from initiatives import intake, invitations, services
from initiatives.enums import Risk
from initiatives.models import Initiative
from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    NeighbourhoodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _sent_to(email):
    deliver_pending()
    return [m for m in mail.outbox if m.to == [email]]


def test_start_makes_the_resident_lead_initiator():
    resident = UserFactory(role="resident")

    initiative = services.start_initiative(by=resident, title="Buurtmaaltijd", summary="Samen eten")

    lead = initiative.initiators.get()
    assert (lead.user, lead.role, lead.is_active) == (resident, "lead", True)
    assert initiative.status == "draft"
    assert AuditEvent.objects.for_subject(initiative).get().action == "initiative.started"


def test_steps_save_partially_and_completeness_is_per_step():
    resident = UserFactory(role="resident")
    initiative = services.start_initiative(by=resident, title="Moestuin")
    neighbourhood = NeighbourhoodFactory()

    services.save_intake_step(initiative=initiative, by=resident, step=2, data={"why": "Omdat"})
    services.save_intake_step(
        initiative=initiative,
        by=resident,
        step=3,
        data={
            "scale": "neighbourhood",
            "neighbourhoods": [neighbourhood],
            "target_group": "Buren",
            "expected_participants": 8,
        },
    )

    stored = Initiative.objects.get(pk=initiative.pk)
    assert stored.why == "Omdat"
    assert list(stored.neighbourhoods.all()) == [neighbourhood]
    assert intake.missing_steps(stored) == [1, 2, 5]


def test_submit_names_the_missing_steps():
    resident = UserFactory(role="resident")
    initiative = services.start_initiative(
        by=resident, title="Moestuin", summary="x", theme="green"
    )

    with pytest.raises(DomainError) as refused:
        services.submit_initiative(initiative=initiative, by=resident)

    assert refused.value.message == "Sommige stappen zijn nog niet af: 2, 3, 5."
    assert Initiative.objects.get(pk=initiative.pk).status == "draft"


def test_submit_confirms_by_mail():
    initiative = InitiativeFactory()

    services.submit_initiative(initiative=initiative, by=initiative.created_by)

    assert Initiative.objects.get(pk=initiative.pk).status == "submitted"
    assert len(_sent_to(initiative.created_by.email)) == 1


def test_people_step_invites_backup_and_co_initiators_once():
    initiative = InitiativeFactory()
    lead = initiative.created_by

    for _ in range(2):  # saving the step twice invites nobody twice
        services.save_people(
            initiative=initiative,
            by=lead,
            backup_email="Vervanger@Example.org",
            co_emails=["mede@example.org"],
            motivation={"dream": "Een gezellige straat"},
        )

    invited = {i.email: i for i in initiative.initiators.filter(accepted_at__isnull=True)}
    assert sorted(invited) == ["mede@example.org", "vervanger@example.org"]
    assert invited["vervanger@example.org"].is_backup is True
    assert initiative.initiators.get(user=lead).dream == "Een gezellige straat"
    assert len(_sent_to("vervanger@example.org")) == 1
    assert len(_sent_to("mede@example.org")) == 1


def test_accepting_an_invitation_makes_a_co_initiator():
    initiative = InitiativeFactory(active=True)
    invitation = InitiatorFactory(initiative=initiative, user=None, email="buur@example.org")
    neighbour = UserFactory(email="buur@example.org", role="resident")

    invitations.accept_invitation(token=invitation.token, user=neighbour)

    invitation.refresh_from_db()
    assert (invitation.user, invitation.is_active) == (neighbour, True)


def test_an_invitation_cannot_be_taken_over():
    invitation = InitiatorFactory(user=None, email="buur@example.org")
    first = UserFactory(email="buur@example.org", role="resident")
    second = UserFactory(role="resident")
    invitations.accept_invitation(token=invitation.token, user=first)

    with pytest.raises(DomainError):
        invitations.accept_invitation(token=invitation.token, user=second)


def test_assisted_intake_resident_confirms_from_own_account():
    professional = UserFactory(role="professional")
    resident = UserFactory(role="resident", email="bewoner@example.org")
    initiative = services.start_initiative(
        by=professional, assisted=True, title="Zitgroep", summary="Koffie", theme="meeting"
    )
    for step, data in {
        2: {"why": "a", "goal": "b", "actions_needed": "c"},
        3: {"scale": "city", "target_group": "d", "expected_participants": 5},
        5: {"support_wanted": ["place"]},
    }.items():
        services.save_intake_step(initiative=initiative, by=professional, step=step, data=data)
    services.save_people(initiative=initiative, by=professional, resident_email=resident.email)
    body = _sent_to(resident.email)[0].body
    token = re.search(r"/initiatieven/uitnodiging/([0-9a-f-]{36})/", body).group(1)

    with pytest.raises(DomainError):  # not confirmed yet: the intake has no lead
        services.submit_initiative(initiative=initiative, by=professional)
    invitations.accept_invitation(token=token, user=resident)
    services.submit_initiative(initiative=initiative, by=resident)

    stored = Initiative.objects.get(pk=initiative.pk)
    assert (stored.status, stored.assisted_by, stored.created_by) == (
        "submitted",
        professional,
        professional,
    )
    assert stored.initiators.get(role="lead").user == resident


def test_assigning_facilitators_tells_the_initiators_respecting_preferences():
    initiative = InitiativeFactory(submitted=True)
    quiet = InitiatorFactory(initiative=initiative).user
    quiet.notify_status = False
    quiet.save()
    coordinator = UserFactory(role="facilitator_coordinator")
    facilitator, backup = UserFactory(role="facilitator"), UserFactory(role="facilitator")

    services.assign_facilitators(
        initiative=initiative, by=coordinator, facilitator=facilitator, backup=backup
    )

    assert len(_sent_to(initiative.created_by.email)) == 1
    assert _sent_to(quiet.email) == []
    event = AuditEvent.objects.for_subject(initiative).get(
        action="initiative.facilitators_assigned"
    )
    assert event.actor == coordinator


def test_backup_facilitator_must_be_someone_else():
    initiative = InitiativeFactory(submitted=True)
    facilitator = UserFactory(role="facilitator")

    with pytest.raises(DomainError):
        services.assign_facilitators(
            initiative=initiative,
            by=UserFactory(role="facilitator_coordinator"),
            facilitator=facilitator,
            backup=facilitator,
        )


def test_message_from_facilitator_reaches_initiators_and_not_the_sender():
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)

    services.send_message(initiative=initiative, by=facilitator, body="Hoe gaat het?")

    assert len(_sent_to(initiative.created_by.email)) == 1
    assert _sent_to(facilitator.email) == []
    assert "Hoe gaat het?" not in mail.outbox[0].body  # the content stays on the portal


def test_message_from_initiator_reaches_the_facilitators():
    facilitator, backup = UserFactory(role="facilitator"), UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator, backup_facilitator=backup)

    services.send_message(initiative=initiative, by=initiative.created_by, body="Goed!")

    assert sorted(
        m.to[0] for m in (_sent_to(facilitator.email) + _sent_to(backup.email))
    ) == sorted([facilitator.email, backup.email])


def test_only_an_obstacle_can_be_a_signal():
    initiative = InitiativeFactory(active=True)

    update = services.post_update(
        initiative=initiative, by=initiative.created_by, kind="news", text="x", is_signal=True
    )

    assert update.is_signal is False


def test_signal_is_picked_up_once():
    initiative = InitiativeFactory(active=True)
    signal = services.post_update(
        initiative=initiative,
        by=initiative.created_by,
        kind="obstacle",
        text="Regel",
        is_signal=True,
    )
    facilitator = UserFactory(role="facilitator")

    services.mark_signal_handled(update=signal, by=facilitator)

    with pytest.raises(DomainError):
        services.mark_signal_handled(update=signal, by=facilitator)


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("alone", [Risk.SINGLE_INITIATOR, Risk.NO_BACKUP_INITIATOR, Risk.NO_BACKUP_FACILITATOR]),
        ("backed_up", []),
        ("facilitator_left", [Risk.FACILITATOR_GONE]),
    ],
)
def test_continuity_risks_are_computed(setup, expected):
    facilitator, backup = UserFactory(role="facilitator"), UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    if setup in ("backed_up", "facilitator_left"):
        InitiatorFactory(initiative=initiative, is_backup=True)
        initiative.backup_facilitator = backup
        initiative.save()
    if setup == "facilitator_left":
        facilitator.is_active = False
        facilitator.save()

    from initiatives.selectors import annotated_risks, initiatives_for_officials

    assert initiative.risks() == expected
    coordinator = UserFactory(role="facilitator_coordinator")
    annotated = initiatives_for_officials(coordinator).get(pk=initiative.pk)
    assert annotated_risks(annotated) == expected


def test_outbox_rows_roll_back_with_a_refused_change():
    initiative = InitiativeFactory(ended=True)
    before = OutboxMessage.objects.count()

    with pytest.raises(DomainError):
        services.activate_initiative(initiative=initiative, by=UserFactory(role="facilitator"))

    assert OutboxMessage.objects.count() == before


def test_assisted_intake_can_correct_the_residents_address_until_confirmed():
    professional = UserFactory(role="professional")
    initiative = services.start_initiative(by=professional, assisted=True, title="Zitgroep")

    services.save_people(initiative=initiative, by=professional, resident_email="fout@example.org")
    services.save_people(initiative=initiative, by=professional, resident_email="goed@example.org")

    pending = initiative.initiators.filter(role="lead", left_at__isnull=True).get()
    assert pending.email == "goed@example.org"
    withdrawn = initiative.initiators.get(email="fout@example.org")
    assert withdrawn.left_at is not None
    resident = UserFactory(email="goed@example.org", role="resident")
    invitations.accept_invitation(token=pending.token, user=resident)
    with pytest.raises(DomainError):
        services.save_people(
            initiative=initiative, by=professional, resident_email="ander@example.org"
        )
