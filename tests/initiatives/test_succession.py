"""SC-13: an initiator stops; the backup is asked to lead; the facilitator appoints a new lead;
account deletion takes the same path; the flag lasts until someone is lead again."""

import pytest
from django.utils import timezone

from budget import actions
from budget.continuity_selectors import grants_report, initiatives_report
from burgerkracht.accounts.services import delete_account
from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent, OutboxMessage
from burgerkracht.core.personal import worklist
from initiatives import invitations, succession
from initiatives.enums import LEAD_SUCCESSION, LeadSuccession, Risk
from initiatives.models import Initiative, Initiator
from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    UserFactory,
    application_in,
    open_line,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    """A running initiative: lead, backup and a co-initiator, a facilitator with a backup."""
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(
        active=True, facilitator=facilitator, backup_facilitator=UserFactory(role="facilitator")
    )
    lead = initiative.initiators.get(role="lead")
    backup = InitiatorFactory(initiative=initiative, is_backup=True)
    co = InitiatorFactory(initiative=initiative)
    OutboxMessage.objects.all().delete()
    return initiative, lead, backup, co, facilitator


def mails_to(user) -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.all() if m.to == [user.email]]


def state(initiative) -> str:
    return Initiative.objects.get(pk=initiative.pk).lead_succession


# --- the transition table, exhaustively -------------------------------------------------------


@pytest.mark.parametrize("current", LeadSuccession.values)
@pytest.mark.parametrize("requested", LeadSuccession.values)
def test_the_lead_succession_table_is_the_only_way(current, requested):
    initiative = InitiativeFactory(active=True)
    Initiative.objects.filter(pk=initiative.pk).update(lead_succession=current)
    initiative.refresh_from_db()
    if requested in LEAD_SUCCESSION[current]:
        succession._move(initiative, requested)
        assert state(initiative) == requested
    else:
        with pytest.raises(InvalidTransition):
            succession._move(initiative, requested)
        assert state(initiative) == current


def test_every_state_is_in_the_table_and_none_moves_to_itself():
    assert set(LEAD_SUCCESSION) == set(LeadSuccession.values)
    assert all(state not in targets for state, targets in LEAD_SUCCESSION.items())


# --- step down --------------------------------------------------------------------------------


def test_the_lead_stops_and_the_backup_is_asked_by_mail_and_on_the_dashboard(team):
    initiative, lead, backup, co, facilitator = team

    succession.step_down(initiator=lead, by=lead.user, reason="Ik verhuis naar Zwolle.")

    lead.refresh_from_db()
    backup.refresh_from_db()
    assert lead.left_at is not None and not lead.is_active
    assert backup.lead_offered_at is not None
    assert state(initiative) == LeadSuccession.OFFERED
    event = AuditEvent.objects.for_subject(initiative).get(action="initiative.stepped_down")
    assert event.reason == "Ik verhuis naar Zwolle." and event.actor == lead.user
    assert "hoofdinitiatiefnemer/" in mails_to(backup.user)[0].body
    assert "Zwolle" in mails_to(facilitator)[0].body
    assert "Zwolle" not in mails_to(co.user)[0].body  # the reason is for the facilitator
    found = actions.actions_for(backup.user)
    assert [a.kind for a in found] == ["lead_offer"]
    assert actions.actions_for(co.user) == []


def test_the_backup_confirms_and_becomes_the_lead(team):
    initiative, lead, backup, co, _facilitator = team
    succession.step_down(initiator=lead, by=lead.user, reason="Te druk.")

    succession.answer_lead_offer(initiative=initiative, by=backup.user, accept=True)

    backup.refresh_from_db()
    assert backup.role == "lead" and not backup.is_backup and backup.lead_offered_at is None
    assert state(initiative) == LeadSuccession.NONE
    assert initiative.initiators.active().filter(role="lead").get() == backup
    assert any(str(backup.user) in m.body for m in mails_to(co.user))


def test_the_backup_says_no_and_the_facilitator_is_asked(team):
    initiative, lead, backup, _co, facilitator = team
    succession.step_down(initiator=lead, by=lead.user, reason="Te druk.")
    OutboxMessage.objects.all().delete()

    succession.answer_lead_offer(
        initiative=initiative, by=backup.user, accept=False, reason="Ik heb geen tijd."
    )

    backup.refresh_from_db()
    assert backup.is_active and backup.role == "co" and backup.lead_offered_at is None
    assert state(initiative) == LeadSuccession.WANTED
    assert "geen tijd" in mails_to(facilitator)[0].body
    with pytest.raises(DomainError):
        succession.answer_lead_offer(initiative=initiative, by=backup.user, accept=True)


def test_only_the_asked_backup_can_answer(team):
    initiative, lead, _backup, co, _facilitator = team
    succession.step_down(initiator=lead, by=lead.user, reason="Te druk.")
    with pytest.raises(DomainError):
        succession.answer_lead_offer(initiative=initiative, by=co.user, accept=True)
    assert state(initiative) == LeadSuccession.OFFERED


def test_without_a_backup_the_initiative_looks_for_a_lead_and_is_flagged(team):
    initiative, lead, backup, _co, facilitator = team
    Initiator.objects.filter(pk=backup.pk).update(is_backup=False)
    line, _holder = open_line(allocation="5000.00")
    grant = application_in("granted", line=line, facilitator=facilitator)
    Initiative.objects.filter(pk=grant.initiative_id).update(lead_succession="none")
    grant_lead = grant.initiative.initiators.get(role="lead")

    succession.step_down(initiator=lead, by=lead.user, reason="Gezondheid.")
    succession.step_down(initiator=grant_lead, by=grant_lead.user, reason="Gezondheid.")

    assert state(initiative) == LeadSuccession.WANTED
    initiative.refresh_from_db()
    assert Risk.LEAD_WANTED in initiative.risks()
    keys = {task.key for task in worklist.tasks_for(facilitator)}
    assert f"lead-{initiative.pk}" in keys and f"grant-lead-{grant.pk}" in keys
    _counts, items = initiatives_report()
    flagged = {item.pk: item for item in items}
    assert flagged[initiative.pk].risk_lead_wanted
    grant_counts, grants = grants_report()
    assert grant_counts["lead_wanted"] == 1 and grants[0].pk == grant.pk


def test_a_co_initiator_stops_and_nothing_is_searched(team):
    initiative, _lead, _backup, co, facilitator = team
    succession.step_down(initiator=co, by=co.user, reason="Andere plannen.")
    assert state(initiative) == LeadSuccession.NONE
    assert "Andere plannen" in mails_to(facilitator)[0].body
    assert "Andere plannen" not in mails_to(initiative.created_by)[0].body
    with pytest.raises(DomainError):
        succession.step_down(initiator=co, by=co.user, reason="Nog eens.")


def test_a_reason_is_required():
    initiative = InitiativeFactory(active=True)
    lead = initiative.initiators.get()
    with pytest.raises(DomainError):
        succession.step_down(initiator=lead, by=lead.user, reason="  ")
    assert lead.is_active


def test_the_asked_backup_stops_too_and_the_search_opens(team):
    initiative, lead, backup, _co, _facilitator = team
    succession.step_down(initiator=lead, by=lead.user, reason="Te druk.")
    backup.refresh_from_db()
    succession.step_down(initiator=backup, by=backup.user, reason="Ik ook.")
    assert state(initiative) == LeadSuccession.WANTED


# --- the facilitator appoints -----------------------------------------------------------------


def test_the_facilitator_appoints_a_co_initiator(team):
    initiative, lead, backup, co, facilitator = team
    succession.step_down(initiator=lead, by=lead.user, reason="Te druk.")

    chosen = succession.appoint_lead(
        initiative=initiative, by=facilitator, reason="Zij kent iedereen.", initiator=co
    )

    assert chosen.role == "lead" and state(initiative) == LeadSuccession.NONE
    backup.refresh_from_db()
    assert backup.lead_offered_at is None  # the earlier question lapses
    event = AuditEvent.objects.for_subject(initiative).get(action="initiative.lead_appointed")
    assert event.reason == "Zij kent iedereen." and event.actor == facilitator
    assert any("Zij kent iedereen" in m.body for m in mails_to(co.user))


def test_the_facilitator_invites_someone_as_lead_who_leads_once_they_accept(team):
    initiative, lead, backup, _co, facilitator = team
    Initiator.objects.filter(pk=backup.pk).update(is_backup=False)
    succession.step_down(initiator=lead, by=lead.user, reason="Te druk.")
    newcomer = UserFactory(role="resident", email="nieuw@example.org")

    invited = succession.appoint_lead(
        initiative=initiative, by=facilitator, reason="Buurvrouw wil.", email="nieuw@example.org"
    )

    assert invited.role == "lead" and invited.accepted_at is None
    assert state(initiative) == LeadSuccession.OFFERED  # still flagged
    invitations.accept_invitation(token=invited.token, user=newcomer)
    assert state(initiative) == LeadSuccession.NONE
    assert initiative.initiators.active().get(role="lead").user == newcomer


def test_appointing_needs_a_search_a_reason_and_one_choice(team):
    initiative, lead, _backup, co, facilitator = team
    with pytest.raises(DomainError):  # the initiative has its lead
        succession.appoint_lead(
            initiative=initiative, by=facilitator, reason="Zij kent iedereen.", initiator=co
        )
    succession.step_down(initiator=lead, by=lead.user, reason="Te druk.")
    with pytest.raises(DomainError):
        succession.appoint_lead(initiative=initiative, by=facilitator, reason="", initiator=co)
    with pytest.raises(DomainError):
        succession.appoint_lead(
            initiative=initiative,
            by=facilitator,
            reason="Zij kent iedereen.",
            initiator=co,
            email="a@example.org",
        )
    with pytest.raises(DomainError):  # someone who left cannot lead
        lead.refresh_from_db()
        succession.appoint_lead(
            initiative=initiative, by=facilitator, reason="Zij kent iedereen.", initiator=lead
        )


# --- account deletion -------------------------------------------------------------------------


def test_deleting_the_account_stops_first_and_leaves_no_initiator_behind(team):
    initiative, lead, _backup, _co, _facilitator = team
    invitation = InitiatorFactory(initiative=InitiativeFactory(active=True), user=None,
                                  email=lead.user.email.upper())  # fmt: skip

    delete_account(user=lead.user, by=lead.user, reason="Ik stop met alles.")

    lead.refresh_from_db()
    invitation.refresh_from_db()
    assert lead.left_at is not None and invitation.left_at is not None
    assert state(initiative) == LeadSuccession.OFFERED
    assert not Initiator.objects.filter(user=lead.user, left_at__isnull=True).exists()
    assert (
        AuditEvent.objects.for_subject(initiative).filter(action="initiative.stepped_down").exists()
    )


def test_the_last_initiator_of_a_running_grant_deletes_their_account():
    facilitator = UserFactory(role="facilitator")
    line, _holder = open_line(allocation="5000.00")
    grant = application_in("granted", line=line, facilitator=facilitator)
    initiative = grant.initiative
    initiative.initiators.exclude(role="lead").update(left_at=timezone.now())
    lead = initiative.initiators.get(left_at__isnull=True)

    delete_account(user=lead.user, by=lead.user)

    assert state(initiative) == LeadSuccession.WANTED
    counts, grants = grants_report()
    assert counts["no_active_initiator"] == 1 and grants[0].pk == grant.pk
    assert f"grant-lead-{grant.pk}" in {t.key for t in worklist.tasks_for(facilitator)}
