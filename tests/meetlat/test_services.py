import pytest

from burgerkracht.core.exceptions import DomainError, InvalidTransition
from burgerkracht.core.models import AuditEvent
from burgerkracht.meetlat import canonical, services
from burgerkracht.meetlat.enums import TRANSITIONS, DecisionStatus
from burgerkracht.meetlat.models import Decision, MeetlatVersion
from tests.factories import PolicyDecisionFactory, UserFactory, complete_decision

pytestmark = pytest.mark.django_db


def test_stored_meetlat_is_the_canonical_text_word_for_word():
    version = MeetlatVersion.current()

    stored = [(p.number, p.heading, p.explanation) for p in version.principles.all()]

    assert (version.number, version.title, version.subtitle) == (
        1,
        "De meetlat",
        canonical.SUBTITLE,
    )
    assert stored == canonical.PRINCIPLES
    assert stored[4][2] == (
        "We benoemen vooraf het gewenste effect en werken toe naar concrete resultaten. "
        "We onderbouwen onze keuzen."
    )
    assert "\u2018doen wat nodig\u2019" in stored[1][2]


@pytest.mark.parametrize(
    "skip",
    [
        "outcome",
        "reasons",
        "financial_accountability",
        "legal_accountability",
        "resident_input_who",
        "resident_input_how",
        "resident_input_result",
        "reflection_due",
        *[f"principle:{n}" for n in range(1, 7)],
    ],
)
def test_finalising_is_refused_naming_what_is_missing(skip):
    by = UserFactory(role="facilitator")
    policy = PolicyDecisionFactory.create(by=by)
    decision = complete_decision(policy.decision, by, skip=skip)

    with pytest.raises(DomainError) as refused:
        services.finalise_decision(decision=decision, by=by)

    expected = {
        "outcome": "de uitkomst",
        "reasons": "de motivering",
        "financial_accountability": "financiële verantwoording",
        "legal_accountability": "juridische verantwoording",
        "resident_input_who": "welke bewoners",
        "resident_input_how": "hoe ze",
        "resident_input_result": "wat er met hun inbreng",
        "reflection_due": "principe 6",
    }.get(skip)
    if skip.startswith("principle:"):
        number = int(skip.split(":")[1])
        heading = canonical.PRINCIPLES[number - 1][1]
        expected = f"principe {number} ({heading})"
    assert expected.lower() in refused.value.message.lower()
    assert Decision.objects.get(pk=decision.pk).status == "draft"


def test_finalising_a_complete_decision_is_audited_with_who_and_why():
    by = UserFactory(role="advice_coordinator")
    policy = PolicyDecisionFactory.create(by=by)
    decision = complete_decision(policy.decision, by)

    services.finalise_decision(decision=decision, by=by, reason="Collegebesluit van 1 december")

    decision.refresh_from_db()
    event = AuditEvent.objects.for_subject(decision).get(action="decision.finalised")
    assert (decision.status, decision.finalised_by) == ("final", by)
    assert (event.actor, event.reason) == (by, "Collegebesluit van 1 december")


def test_decision_table_is_draft_to_final_only():
    assert {"draft": {"final"}, "final": set()} == TRANSITIONS


@pytest.mark.parametrize("current", DecisionStatus.values)
def test_finalising_from_every_status(current):
    """The only service that moves a decision is finalise_decision; try it from each status."""
    by = UserFactory(role="facilitator")
    decision = complete_decision(PolicyDecisionFactory.create(by=by).decision, by)
    if current == "final":
        services.finalise_decision(decision=decision, by=by)
    finalised_before = Decision.objects.get(pk=decision.pk).finalised_at

    if "final" in TRANSITIONS[current]:
        services.finalise_decision(decision=decision, by=by)
    else:
        with pytest.raises(InvalidTransition):
            services.finalise_decision(decision=decision, by=by)

    stored = Decision.objects.get(pk=decision.pk)
    assert stored.status == "final"
    if current == "final":
        assert stored.finalised_at == finalised_before  # the refused attempt changed nothing
    events = AuditEvent.objects.for_subject(decision).filter(action="decision.finalised")
    assert events.count() == 1


def test_a_final_decision_cannot_change():
    by = UserFactory(role="facilitator")
    decision = complete_decision(PolicyDecisionFactory.create(by=by).decision, by)
    services.finalise_decision(decision=decision, by=by)

    with pytest.raises(DomainError):
        services.update_decision(decision=decision, by=by, reasons="Anders")
    with pytest.raises(DomainError):
        services.save_meetlat(decision=decision, by=by, answers={1: ("not", "toch niet")})


def test_answers_other_than_fully_need_an_explanation():
    by = UserFactory(role="facilitator")
    decision = PolicyDecisionFactory.create().decision

    with pytest.raises(DomainError):
        services.save_meetlat(decision=decision, by=by, answers={2: ("partly", "  ")})


def test_decisions_keep_the_version_they_were_assessed_with():
    admin = UserFactory(role="administrator")
    old = PolicyDecisionFactory.create(complete=True).decision
    principles = [(n, f"{h} (herzien)", e) for n, h, e in canonical.PRINCIPLES]

    version = services.publish_meetlat_version(
        by=admin, note="Herzien na evaluatie", principles=principles, title="De meetlat",
        subtitle="",
    )  # fmt: skip
    new = PolicyDecisionFactory.create().decision

    assert (old.meetlat_version.number, new.meetlat_version.number, version.number) == (1, 2, 2)
    assert [a.principle.version.number for a in old.answers.all()] == [1] * 6


def test_reflection_is_recorded_on_the_final_decision():
    by = UserFactory(role="facilitator")
    decision = complete_decision(PolicyDecisionFactory.create(by=by).decision, by)
    services.finalise_decision(decision=decision, by=by)

    services.record_reflection(
        decision=decision, by=by, learned="Het werkte, maar later dan gedacht.",
        changes="We plannen voortaan een maand extra.",
    )  # fmt: skip

    decision.refresh_from_db()
    assert decision.reflection == "Het werkte, maar later dan gedacht."
    assert decision.reflection_changes == "We plannen voortaan een maand extra."
    assert (decision.reflected_by, decision.reflected_at is not None) == (by, True)


def test_any_record_can_be_the_subject_of_a_decision():
    from tests.factories import InitiativeFactory

    initiative = InitiativeFactory()
    by = UserFactory(role="facilitator")

    decision = services.create_decision(subject=initiative, kind="other", title="Steun", by=by)

    assert Decision.objects.for_subject(initiative).get() == decision
    assert decision.subject == initiative
