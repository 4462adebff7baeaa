"""Support requests (WF-6, SC-07, SC-08): the table tested over every (from, to) pair, the
decider is a person and not a mailbox, each hand-off is recorded with the days at each
holder, an answer records what it took, and the initiative's own status never moves (BR-08).
The jager is appointed by a coordinator with a visible mandate."""

import itertools
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.transitions import transition
from initiatives import support
from initiatives import support_rules as rules
from initiatives.models import Initiative
from initiatives.support_enums import SUPPORT_TRANSITIONS, SupportStatus
from initiatives.support_models import JagerAppointment, SupportRequest
from tests.factories import InitiativeFactory, InitiatorFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PAIRS = list(itertools.product(SupportStatus.values, SupportStatus.values))


def at(day: int, month: int = 3):
    return time_machine.travel(datetime(2027, month, day, 10, tzinfo=AMSTERDAM), tick=False)


@pytest.fixture
def case():
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    partner = OrganisationFactory(name="Zorgpartner Almere")
    return initiative, facilitator, partner


def ask(initiative, by, partner, **kwargs):
    values = {"question": "Mag een begeleider twee ochtenden per week meedraaien?",
              "domain": "care", "organisation": partner, "decider_name": "Anja de Vries",
              "decider_email": "anja.devries@zorgpartner.nl", **kwargs}  # fmt: skip
    return support.ask_support(by=by, initiative=initiative, **values)


def request_in(status, case):
    initiative, facilitator, partner = case
    request = ask(initiative, facilitator, partner)
    if status == "handed_over":
        support.hand_over_request(request=request, by=facilitator, to_name="Bram Teamleider",
                                  to_email="bram@zorgpartner.nl")  # fmt: skip
    elif status == "answered":
        support.answer_request(request=request, by=facilitator, answer="Ja, vanaf mei.")
    elif status == "withdrawn":
        support.withdraw_request(request=request, by=facilitator, reason="Niet meer nodig.")
    return SupportRequest.objects.get(pk=request.pk)


def test_table_is_what_the_issue_describes():
    assert {
        "open": {"handed_over", "answered", "withdrawn"},
        "handed_over": {"handed_over", "answered", "withdrawn"},
        "answered": set(),
        "withdrawn": set(),
    } == SUPPORT_TRANSITIONS


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_every_transition_pair(case, current, target):
    request = request_in(current, case)
    by = case[1]
    before = AuditEvent.objects.for_subject(request).count()
    if target in SUPPORT_TRANSITIONS[current]:
        transition(
            request,
            target,
            table=SUPPORT_TRANSITIONS,
            by=by,
            action="support.test",
            stamps={"answer": "Ja.", "closed_at": datetime(2027, 3, 1, tzinfo=AMSTERDAM)},
        )
        assert SupportRequest.objects.get(pk=request.pk).status == target
        assert AuditEvent.objects.for_subject(request).count() == before + 1
    else:
        with pytest.raises(InvalidTransition):
            transition(request, target, table=SUPPORT_TRANSITIONS, by=by)
        assert SupportRequest.objects.get(pk=request.pk).status == current
        assert AuditEvent.objects.for_subject(request).count() == before


@pytest.mark.parametrize("status", ["answered", "withdrawn"])
def test_the_services_refuse_a_closed_request(case, status):
    request = request_in(status, case)
    by = case[1]
    with pytest.raises(DomainError):
        support.hand_over_request(request=request, by=by, to_name="Cor Directeur",
                                  to_email="cor@zorgpartner.nl")  # fmt: skip
    with pytest.raises(DomainError):
        support.answer_request(request=request, by=by, answer="Ja, dat mag.")
    with pytest.raises(DomainError):
        support.withdraw_request(request=request, by=by, reason="Niet meer nodig.")


@pytest.mark.parametrize(
    ("name", "email"),
    [("Anja de Vries", "info@zorgpartner.nl"), ("Anja de Vries", "secretariaat@almere.nl"),
     ("Secretariaat", "anja@zorgpartner.nl"), ("", "anja@zorgpartner.nl"),
     ("Anja de Vries", "")],
)  # fmt: skip
def test_the_decider_is_a_person_not_a_mailbox(case, name, email):
    initiative, facilitator, partner = case
    with pytest.raises(DomainError):
        ask(initiative, facilitator, partner, decider_name=name, decider_email=email)
    assert not SupportRequest.objects.exists()


def test_the_decider_may_be_an_account(case):
    initiative, facilitator, partner = case
    official = UserFactory(role="facilitator", full_name="Karel Wijkmanager")
    request = ask(initiative, facilitator, partner, decider_name="", decider_email="",
                  decider_user=official)  # fmt: skip
    assert (request.holder_name, request.holder_email, request.holder_user) == (
        "Karel Wijkmanager",
        official.email,
        official,
    )


def test_sc08_three_hands_with_days_at_each_and_the_initiative_untouched(case):
    initiative, facilitator, partner = case
    lead = initiative.created_by
    team = OrganisationFactory(name="Team Dagbesteding")
    with at(1):
        request = ask(initiative, lead, partner, decider_name="Dirk Directeur",
                      decider_email="dirk@zorgpartner.nl")  # fmt: skip
    with at(15):
        support.hand_over_request(
            request=request,
            by=facilitator,
            to_name="Tineke Teamleider",
            to_email="tineke@zorgpartner.nl",
            note="Via de directeur.",
        )
    with at(20, 4):
        support.hand_over_request(
            request=request,
            by=lead,
            to_name="Overleg Team Oost",
            to_email="oost.overleg@zorgpartner.nl",
            to_organisation=team,
        )
    with at(1, 5):
        request = SupportRequest.objects.get(pk=request.pk)
        assert (request.days_open(), request.days_with_holder()) == (61, 11)
        assert request.status == "handed_over"
        assert [(h.from_name, h.to_name, h.by, h.to_organisation.name)
                for h in request.handoffs.all()] == [
            ("Dirk Directeur", "Tineke Teamleider", facilitator, "Zorgpartner Almere"),
            ("Tineke Teamleider", "Overleg Team Oost", lead, "Team Dagbesteding"),
        ]  # fmt: skip
        support.answer_request(
            request=request,
            by=facilitator,
            answer="Ja, vanaf juni.",
            what_it_took="Drie gesprekken en een teamoverleg.",
        )
    stored = SupportRequest.objects.get(pk=request.pk)
    assert (stored.status, stored.answer, stored.what_it_took, stored.days_open()) == (
        "answered",
        "Ja, vanaf juni.",
        "Drie gesprekken en een teamoverleg.",
        61,
    )
    actions = list(
        AuditEvent.objects.for_subject(stored).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["support.asked", "support.handed_over", "support.handed_over",
                       "support.answered"]  # fmt: skip
    # BR-08: the initiative went on; its status and its audit trail are untouched.
    assert Initiative.objects.get(pk=initiative.pk).status == "active"
    assert not AuditEvent.objects.for_subject(initiative).filter(action="initiative.status")


def test_an_answer_is_a_sentence_and_a_withdrawal_has_a_reason(case):
    initiative, facilitator, partner = case
    request = ask(initiative, facilitator, partner)
    with pytest.raises(DomainError):
        support.answer_request(request=request, by=facilitator, answer="x")
    with pytest.raises(DomainError):
        support.withdraw_request(request=request, by=facilitator, reason="n.v.t.")
    assert SupportRequest.objects.get(pk=request.pk).status == "open"


def test_who_may_ask_and_act_follows_the_initiative(case):
    initiative, facilitator, partner = case
    co = InitiatorFactory(initiative=initiative).user
    other = UserFactory(role="facilitator")
    coordinator = UserFactory(role="facilitator_coordinator")
    resident = UserFactory(role="resident")
    request = ask(initiative, co, partner)
    for person in (other, resident, coordinator):
        with pytest.raises(DomainError):
            ask(initiative, person, partner)
    for person in (other, resident):
        assert not rules.can_view_support(person, request)
        with pytest.raises(DomainError):
            support.answer_request(request=request, by=person, answer="Ja, dat mag.")
    for person in (co, facilitator, coordinator, initiative.created_by):
        assert rules.can_view_support(person, request)
    assert set(rules.support_visible_to(other)) == set()
    assert set(rules.support_visible_to(coordinator)) == {request}
    assert set(rules.support_visible_to(co)) == {request}


@pytest.mark.parametrize("trait", [{}, {"ended": True}])
def test_no_request_from_a_draft_or_ended_initiative(trait):
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(facilitator=facilitator, **trait)
    with pytest.raises(DomainError):
        ask(initiative, facilitator, OrganisationFactory())


def test_the_coordinator_appoints_a_jager_with_a_mandate_and_a_new_one_replaces_it(case):
    initiative, facilitator, partner = case
    coordinator = UserFactory(role="facilitator_coordinator")
    wijkmanager = UserFactory(role="facilitator")
    with pytest.raises(DomainError):
        support.appoint_jager(initiative=initiative, by=facilitator, jager=wijkmanager,
                              mandate="Mag alles regelen.")  # fmt: skip
    with pytest.raises(DomainError):
        support.appoint_jager(
            initiative=initiative,
            by=coordinator,
            jager=UserFactory(role="resident"),
            mandate="Mag alles regelen.",
        )
    first = support.appoint_jager(
        initiative=initiative, by=coordinator, jager=wijkmanager, money_limit=Decimal("2500"),
        mandate="Afspraken maken met Wonen en Zorg.", departments=[partner],
    )  # fmt: skip
    assert rules.is_jager(wijkmanager, Initiative.objects.get(pk=initiative.pk))
    request = ask(initiative, facilitator, partner)
    assert set(rules.support_visible_to(wijkmanager)) == {request}
    support.appoint_jager(initiative=initiative, by=coordinator, jager=facilitator,
                          mandate="Vergunningen navragen bij de gemeente.")  # fmt: skip
    first.refresh_from_db()
    assert first.ended_at is not None
    assert JagerAppointment.objects.get(ended_at__isnull=True).jager == facilitator
    assert not rules.is_jager(wijkmanager, Initiative.objects.get(pk=initiative.pk))
    assert set(rules.support_visible_to(wijkmanager)) == set()
    events = AuditEvent.objects.for_subject(initiative).filter(action="initiative.jager_appointed")
    assert [e.data["jager"] for e in events.order_by("pk")] == [wijkmanager.pk, facilitator.pk]
