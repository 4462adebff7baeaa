"""Partners' contributions (F-S17, BR-38, SC-08): recording a promise, judging it on the
residents' scale, who may, and the judgement at the interim evaluation."""

import pytest
from django.utils.translation import gettext

from budget.enums import Reached
from budget.services.evaluation import record_missing
from budget.services.partners import judge_partners_at_evaluation
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import AuditEvent
from initiatives import partners
from initiatives.enums import Delivered, InitiativeStatus
from initiatives.models import PartnerContribution
from tests.factories import InitiativeFactory, OrganisationFactory, UserFactory, application_in

pytestmark = pytest.mark.django_db


def promise(initiative, by, **kwargs):
    data = {
        "kind": "hours",
        "promised": "Een begeleider, twee ochtenden per week.",
        "hours": 80,
    } | kwargs
    data.setdefault("organisation", OrganisationFactory())
    return partners.record_contribution(initiative=initiative, by=by, **data)  # fmt: skip


def test_the_partners_scale_is_the_residents_scale():
    assert Delivered.values == Reached.values


def test_a_facilitator_records_a_promise_and_it_is_audited():
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)

    contribution = promise(initiative, facilitator)

    assert (contribution.kind, contribution.hours, contribution.delivered) == ("hours", 80, "")
    event = AuditEvent.objects.get(action="contribution.recorded")
    assert (event.actor, event.subject_id, event.data["contribution"]) == (
        facilitator,
        str(initiative.pk),
        contribution.pk,
    )


def test_hours_are_kept_only_for_a_promise_of_hours():
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)

    contribution = promise(initiative, facilitator, kind="location", promised="Een gebouw")

    assert contribution.hours is None


@pytest.mark.parametrize("who", ["lead", "other_facilitator", "resident", "professional"])
def test_others_cannot_record_a_promise(who):
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    user = {
        "lead": initiative.created_by,
        "other_facilitator": UserFactory(role="facilitator"),
        "resident": UserFactory(role="resident"),
        "professional": UserFactory(role="professional"),
    }[who]

    with pytest.raises(DomainError):
        promise(initiative, user)

    assert PartnerContribution.objects.count() == 0


def test_the_coordinator_records_and_a_draft_takes_none():
    coordinator = UserFactory(role="facilitator_coordinator")
    draft = InitiativeFactory()

    contribution = promise(InitiativeFactory(submitted=True), coordinator)
    with pytest.raises(DomainError):
        promise(draft, coordinator)

    assert PartnerContribution.objects.get() == contribution


def test_a_partner_that_did_not_deliver_is_judged_no_and_the_initiative_goes_on():
    facilitator = UserFactory(role="facilitator")
    initiative = InitiativeFactory(active=True, facilitator=facilitator)
    contribution = promise(initiative, facilitator)

    judged = partners.judge_contribution(
        contribution=contribution, by=facilitator, delivered="no",
        note="Na een jaar nog geen besluit van de teamleider.",
    )  # fmt: skip

    assert (judged.delivered, judged.judged_by, judged.judged_at is not None) == (
        "no",
        facilitator,
        True,
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ACTIVE
    event = AuditEvent.objects.get(action="contribution.judged")
    assert (event.data["from"], event.data["to"]) == ("", "no")


def test_a_judgement_outside_the_scale_or_by_another_facilitator_is_refused():
    facilitator = UserFactory(role="facilitator")
    contribution = promise(InitiativeFactory(active=True, facilitator=facilitator), facilitator)

    with pytest.raises(DomainError):
        partners.judge_contribution(contribution=contribution, by=facilitator,
                                    delivered="maybe", note="")  # fmt: skip
    with pytest.raises(DomainError):
        partners.judge_contribution(contribution=contribution, by=UserFactory(role="facilitator"),
                                    delivered="yes", note="")  # fmt: skip

    contribution.refresh_from_db()
    assert contribution.delivered == ""


# --- at the interim evaluation --------------------------------------------------------------


def test_the_evaluation_is_not_complete_until_every_contribution_is_judged():
    facilitator = UserFactory(role="facilitator")
    application = application_in("granted", facilitator=facilitator)
    evaluation = application.evaluations.get()
    first = promise(application.initiative, facilitator)
    second = promise(application.initiative, facilitator, kind="professional",
                     promised="Een jobcoach", organisation=OrganisationFactory())  # fmt: skip
    wanted = gettext("for every partner's contribution, whether it was delivered")
    assert wanted in [str(m) for m in record_missing(evaluation)]

    judge_partners_at_evaluation(
        evaluation=evaluation, by=facilitator,
        judgements={first.pk: ("partly", "De helft van de uren."), second.pk: ("yes", "")},
    )  # fmt: skip

    assert wanted not in [str(m) for m in record_missing(evaluation)]
    judged = PartnerContribution.objects.order_by("pk")
    assert [(c.delivered, c.delivered_note) for c in judged] == [
        ("partly", "De helft van de uren."), ("yes", "")
    ]  # fmt: skip
    occasions = set(AuditEvent.objects.filter(action="contribution.judged")
                    .values_list("data__occasion", flat=True))  # fmt: skip
    assert occasions == {f"evaluation:{evaluation.pk}"}


def test_an_evaluation_without_partners_misses_nothing_for_them():
    application = application_in("granted")

    missing = record_missing(application.evaluations.get())

    wanted = gettext("for every partner's contribution, whether it was delivered")
    assert wanted not in [str(m) for m in missing]


def test_a_contribution_of_another_initiative_cannot_be_judged_at_the_evaluation():
    facilitator = UserFactory(role="facilitator")
    application = application_in("granted", facilitator=facilitator)
    other = promise(InitiativeFactory(active=True, facilitator=facilitator), facilitator)

    with pytest.raises(ValueError, match="not contributions"):
        judge_partners_at_evaluation(evaluation=application.evaluations.get(), by=facilitator,
                                     judgements={other.pk: ("yes", "")})  # fmt: skip

    other.refresh_from_db()
    assert other.delivered == ""
