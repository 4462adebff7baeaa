"""The advice register's dates in everyone's agenda (issue #27): per role and per subject
exactly the dates of the items the person is tied to or, for the advice coordinator and the
read-only role, may read; a member of another body, a secretary of another body and a plain
role without a membership get nothing of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advice.enums import MemberRole
from advice.models import AdviceRequest, Promise
from advice.services import followup, register
from burgerkracht.core.personal.calendar import events_for
from tests.advice.factories import advice_in, advice_request, body, coordinator, member
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def reg():
    """Two bodies. The ASD: an open request, a final advice waiting for its answer, an
    answered advice with open promises (one owned by a facilitator) and a planned evaluation,
    a meeting to come and one held. The BO+: an open request. And the people around them."""
    boss = coordinator()
    asd_member = member("asd", "asd_member")
    asd_secretary = member("asd", "asd_secretary", member_role=MemberRole.SECRETARY)
    bo_member = member("bo-plus", "bo_plus_representative", member_role=MemberRole.REPRESENTATIVE)
    bo_secretary = member("bo-plus", "asd_secretary", member_role=MemberRole.SECRETARY)
    asker = UserFactory(role="administrator")
    asd_request = advice_request(by=asker, days=70)
    bo_request = advice_request(body_slug="bo-plus", days=50, subject="Wijkcentrum")
    final = advice_in("final", by=asd_member, coordinator_user=boss, title="Wachtend")
    administrator = UserFactory(role="administrator")
    register.set_contacts(advice=final, by=boss, contact=boss, backup=administrator)
    answered = advice_in("answered", by=asd_member, coordinator_user=boss, title="Beantwoord")
    promises = list(answered.promises.order_by("pk"))
    owner = UserFactory(role="facilitator")
    Promise.objects.filter(pk=promises[0].pk).update(owner=owner)
    coming = followup.plan_meeting(
        by=boss, body=body("asd"), date=today() + timedelta(days=10), title="Overleg"
    )
    followup.plan_meeting(by=boss, body=body("asd"), date=today() - timedelta(days=3), title="Oud")
    return {
        "boss": boss, "asd_member": asd_member, "asd_secretary": asd_secretary,
        "bo_member": bo_member, "bo_secretary": bo_secretary, "asker": asker,
        "administrator": administrator, "owner": owner,
        "keys": {
            "asd_request": f"advice-request-{asd_request.pk}",
            "bo_request": f"advice-request-{bo_request.pk}",
            "answer": f"advice-answer-{final.pk}",
            "promises": [f"advice-promise-{p.pk}" for p in promises],
            "evaluation": f"advice-evaluation-{answered.evaluation.pk}",
            "meeting": f"advice-meeting-{coming.pk}",
        },
    }  # fmt: skip


def keys(user) -> set[str]:
    return {event.key for event in events_for(user) if event.key.startswith("advice-")}


def expected(reg, *names) -> set[str]:
    found = set()
    for name in names:
        value = reg["keys"][name]
        found |= set(value) if isinstance(value, list) else {value}
    return found


ASD = ("asd_request", "answer", "promises", "meeting")
EVERYTHING = (*ASD, "bo_request", "evaluation")


@pytest.mark.parametrize(
    ("person", "names"),
    [
        ("asd_member", ASD),
        ("asd_secretary", (*ASD, "evaluation")),
        ("bo_member", ("bo_request",)),
        ("bo_secretary", ("bo_request",)),
        ("boss", EVERYTHING),
        ("asker", ("asd_request",)),
        ("administrator", ("answer",)),
    ],
)
def test_each_person_gets_the_dates_of_their_own_subjects(reg, person, names):
    assert keys(reg[person]) == expected(reg, *names)


def test_the_owner_of_a_promise_gets_that_promise_only(reg):
    assert keys(reg["owner"]) == {reg["keys"]["promises"][0]}


def test_the_read_only_role_reads_every_date_of_the_register(reg):
    assert keys(UserFactory(role="read_only")) == expected(reg, *EVERYTHING)


@pytest.mark.parametrize(
    "role",
    ["resident", "professional", "facilitator", "asd_member", "asd_secretary",
     "bo_plus_representative", "budget_decision_holder", "administrator"],
)  # fmt: skip
def test_a_person_tied_to_nothing_gets_nothing(reg, role):
    """A body role without a membership, staff of another subject, residents."""
    assert keys(UserFactory(role=role)) == set()


def test_a_member_who_left_the_body_gets_nothing_more(reg):
    from advice.models import Membership

    Membership.objects.filter(user=reg["asd_member"]).update(ended_on=today())
    reg["asd_member"].__dict__.pop("_advice_body_ids", None)

    assert keys(reg["asd_member"]) == set()


def test_what_is_done_leaves_the_agenda(reg):
    boss = reg["boss"]
    AdviceRequest.objects.filter(body__slug="asd").update(status="withdrawn")
    Promise.objects.update(status="done")

    assert keys(boss) == expected(reg, "answer", "bo_request", "evaluation", "meeting")


def test_the_events_read_in_dutch_and_link_to_their_page(reg):
    events = {e.key: e for e in events_for(reg["asd_secretary"])}

    meeting = events[reg["keys"]["meeting"]]
    assert meeting.summary == "Overleg van het college met de ASD: Overleg"
    assert meeting.on == today() + timedelta(days=10)
    assert meeting.url.startswith("http://localhost:8000/adviezen/")
    answer = events[reg["keys"]["answer"]]
    assert answer.summary.startswith("Antwoord op het advies moet klaar zijn: ")
    assert answer.summary.endswith(" Wachtend")
    assert events[reg["keys"]["evaluation"]].summary.startswith("Evaluatie van het advies: ")


def test_a_topic_of_an_agenda_reaches_its_owner_and_the_group_that_handed_it_in_only():
    """A promise of an agenda (SC-10) has no advice: its date goes to its owner and to the
    members of the working group that handed the agenda in, not to another body's members."""
    from tests.advice import agenda_factories as agendas

    boss = coordinator()
    topic = agendas.agenda_promise(agendas.agenda(by=boss), by=boss)
    vip = agendas.vip_member()
    key = f"advice-promise-{topic.pk}"

    def keys(user):
        return {event.key for event in events_for(user)}

    assert key in keys(topic.owner)
    assert key in keys(vip)
    assert key in keys(boss)
    assert key not in keys(member("asd", "asd_member"))
    (event,) = [e for e in events_for(topic.owner) if e.key == key]
    assert topic.agenda.title in event.summary
