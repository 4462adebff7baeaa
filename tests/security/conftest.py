"""The world the permission matrix looks at: objects, and the people tied to them.

It is built once per test module inside an outer transaction that is rolled back at the
end (as Django's TestCase does for setUpTestData); each test runs in a savepoint inside it.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import (
    InitiativeFactory,
    InitiatorFactory,
    NeighbourhoodFactory,
    PolicyDecisionFactory,
    UpdateFactory,
    UserFactory,
    application_in,
    complete_decision,
    fill_accountability,
    filled_application,
    open_line,
    record_evaluation,
)
from tests.factories import (
    UserFactory as _Users,
)
from tests.module_data import built_once
from tests.upload_samples import pdf_pages


@dataclass
class World:
    lead: Any
    co: Any
    facilitator: Any
    draft_lead: Any
    neighbourhood: Any
    draft: Any
    submitted: Any
    active: Any
    paused: Any
    signal: Any
    invitation: Any
    draft_decision: Any
    final_decision: Any
    fund: Any
    line: Any
    holder: Any
    professional: Any
    app_draft: Any
    app_submitted: Any
    app_assessment: Any
    app_awaiting: Any
    app_granted: Any
    app_running: Any
    evaluation: Any
    evaluation_recorded: Any
    accountability: Any
    adv: Any
    accountability_submitted: Any
    tranche: Any
    attachment: Any
    advice: Any
    letter: Any
    stepped_down: Any  # SC-13: the lead stepped down; the co-initiator (backup) is asked to lead
    # The subject dimension (issue #23): officials tied to a *different* subject of the same
    # kind, and objects that belong to another parent than the URL names.
    other_facilitator: Any  # facilitator of another initiative (and owner of another policy)
    other_holder: Any  # decision holder of another line
    foreign_signal: Any  # a signal of another initiative of the same lead and facilitator
    foreign_attachment: Any  # an attachment of another draft of the same lead
    foreign_letter: Any  # the letter of another grant of the same people
    foreign_tranche: Any  # a tranche of another award of app_granted's initiative
    # Stories without money (SC-19), told by `lead`: one waiting for a look, one published.
    story_waiting: Any = None
    story_published: Any = None
    post_item: Any = None  # a letter by post about `active`, to a resident without e-mail
    # SC-11: a draft a professional registers with a resident without e-mail (the world's
    # facilitator is its facilitator), and that professional.
    assisted: Any = None
    assistant: Any = None
    # SC-15: a proposal to add a decision holder to `line`, waiting for a second person.
    budget_change: Any = None
    # SC-12: a payment order and a confirmation file, both of the world's facilitator.
    payment_order: Any = None
    payment_import: Any = None
    # F-S17: a partner's contribution to `active` (and one to `paused`, the same people's);
    # F-S10: a lesson from `active`, for officials only, with a handreiking.
    contribution: Any = None
    foreign_contribution: Any = None
    lesson: Any = None
    # Issue #30: a support request of `active`, asked by its facilitator (WF-6).
    support_request: Any = None


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, build_world)


@pytest.fixture
def world(_world, db) -> World:
    return _world


def build_world() -> World:
    lead = UserFactory(role="resident")
    facilitator = UserFactory(role="facilitator")
    neighbourhood = NeighbourhoodFactory()
    active = InitiativeFactory(created_by=lead, active=True, facilitator=facilitator)
    active.neighbourhoods.add(neighbourhood)
    co = InitiatorFactory(initiative=active).user
    draft = InitiativeFactory()
    line, holder = open_line(allocation="5000.00")
    apps = _applications(lead, facilitator, line)
    paused = InitiativeFactory(created_by=lead, paused=True, facilitator=facilitator)
    world = World(
        lead=lead,
        co=co,
        facilitator=facilitator,
        draft_lead=draft.created_by,
        neighbourhood=neighbourhood,
        draft=draft,
        submitted=InitiativeFactory(created_by=lead, submitted=True, facilitator=facilitator),
        active=active,
        paused=paused,
        signal=UpdateFactory(initiative=active, kind="obstacle", is_signal=True),
        invitation=InitiatorFactory(initiative=active, user=None, email="nog@example.org"),
        draft_decision=PolicyDecisionFactory.create(by=facilitator).decision,
        final_decision=_final_public_decision(facilitator),
        fund=line.fund,
        line=line,
        holder=holder,
        **apps,
        adv=_advice(),
        stepped_down=_stepped_down(lead, co, facilitator),
        **_other_subjects(lead, line, holder, apps, paused),
        **_stories(lead, neighbourhood),
        **_assisted(facilitator),
    )
    world.post_item = _post_item(active)
    world.budget_change = _budget_change(line)
    world.payment_order, world.payment_import = _payments(facilitator)
    world.contribution, world.foreign_contribution, world.lesson = _partners_and_lessons(world)
    world.support_request = _support_request(active, facilitator)
    return world


def _partners_and_lessons(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from initiatives import lessons, partners
    from tests.factories import OrganisationFactory

    def promise(initiative):
        return partners.record_contribution(
            initiative=initiative, by=world.facilitator, organisation=OrganisationFactory(),
            kind="hours", promised="Een jobcoach", hours=40,
        )  # fmt: skip

    lesson = lessons.write_lesson(
        by=world.facilitator, title="Verzekering eerst", text="Regel de verzekering vooraf.",
        theme="care", source="closure", initiative=world.active,
        guide=SimpleUploadedFile("handreiking.pdf", pdf_pages(1)),
    )  # fmt: skip
    return promise(world.active), promise(world.paused), lesson


def _support_request(initiative, facilitator):
    from initiatives import support
    from tests.factories import OrganisationFactory

    return support.ask_support(
        by=facilitator, initiative=initiative, question="Mag de werkplaats in de school?",
        domain="housing", organisation=OrganisationFactory(), decider_name="Els Jansen",
        decider_email="e.jansen@almere.nl",
    )  # fmt: skip


def _budget_change(line):
    """A proposal during the open period (SC-15): its proposer is an administrator."""
    from budget import services

    return services.propose_holder_change(
        by=UserFactory(role="administrator"), line=line, add=True, reason="Verlof",
        holder=UserFactory(role="budget_decision_holder"),
    )  # fmt: skip


def _payments(facilitator):
    from budget.models import PaymentImport, PaymentOrder

    return (
        PaymentOrder.objects.create(created_by=facilitator, rows="[]"),
        PaymentImport.objects.create(created_by=facilitator, filename="bank.csv", rows=[]),
    )


def _post_item(initiative):
    """A notice about `initiative` to a resident without e-mail: a letter in the post queue."""
    from burgerkracht.core.messaging.notifications import notify

    resident = UserFactory(
        role="resident", email=None, verified_email=False, full_name="Gerrit Bakker",
        street_address="Kerkstraat 12", postal_code="1311 AB", city="Almere",
    )  # fmt: skip
    notify(
        recipients=[resident], template="initiatives/paused",
        context={"initiative": initiative, "reason": "", "link": ""},
    )  # fmt: skip
    return resident.post_items.get()


def _stories(lead, neighbourhood) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from initiatives import stories
    from tests.upload_samples import photo_with_exif

    def tell(title):
        photo = SimpleUploadedFile("foto.jpg", photo_with_exif(40, 30))
        return stories.tell_story(
            by=lead, title=title, text="Ouderen gaan samen naar de huisarts.",
            neighbourhood=neighbourhood, consent=True, photo=photo,
            photo_alt="Een busje voor de deur",
        )  # fmt: skip

    published = tell("Het Watergolfje")
    stories.publish_story(story=published, by=UserFactory(role="facilitator"))
    return {"story_waiting": tell("De Buurthopper"), "story_published": published}


def _assisted(facilitator) -> dict[str, Any]:
    from initiatives import assisted, services

    assistant = UserFactory(role="professional")
    initiative = services.start_initiative(by=assistant, assisted=True, title="Samen met Fatima")
    assisted.register_resident_without_email(
        initiative=initiative, by=assistant, channel="phone", consent=True,
        full_name="Fatima Bakr", phone="036 123 45 67",
    )  # fmt: skip
    initiative.facilitator = facilitator
    initiative.save(update_fields=["facilitator"])
    return {"assisted": initiative, "assistant": assistant}


def _other_subjects(lead, line, holder, apps, paused) -> dict[str, Any]:
    from datetime import date
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from budget import services

    other_facilitator = UserFactory(role="facilitator")
    InitiativeFactory(active=True, facilitator=other_facilitator)
    PolicyDecisionFactory.create(by=other_facilitator)
    granted = apps["app_granted"]
    award = services.approve_award(
        by=holder, line=line, amount=Decimal("100.00"), description="Andere toekenning",
        initiative=granted.initiative,
    )  # fmt: skip
    return {
        "other_facilitator": other_facilitator,
        "other_holder": open_line()[1],
        "foreign_signal": UpdateFactory(initiative=paused, kind="obstacle", is_signal=True),
        "foreign_attachment": services.add_attachment(
            application=filled_application(line=line, lead=lead),
            by=lead,
            upload=SimpleUploadedFile("andere.pdf", pdf_pages(1), "application/pdf"),
        ),
        "foreign_letter": apps["app_running"].letters.get(),
        "foreign_tranche": services.plan_tranche(
            by=holder, award=award, planned_on=date(2027, 3, 1), amount=Decimal("100.00")
        ),
    }


def _stepped_down(lead, co, facilitator):
    """An initiative of the world's lead, co-initiator and facilitator whose lead stepped down:
    the co-initiator, its backup, is asked to become the lead (SC-13)."""
    from initiatives import succession

    initiative = InitiativeFactory(created_by=lead, active=True, facilitator=facilitator)
    InitiatorFactory(initiative=initiative, user=co, is_backup=True)
    mine = initiative.initiators.get(user=lead)
    succession.step_down(initiator=mine, by=lead, reason="Ik verhuis.")
    return initiative


def _advice():
    """The advice register's objects and the people tied to them (see AdviceWorld)."""
    from tests.advice.world import build_advice_world

    return build_advice_world()


def _applications(lead, facilitator, line) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from budget import services

    kwargs = {"line": line, "facilitator": facilitator, "lead": lead}
    draft = filled_application(line=line, lead=lead)
    attachment = services.add_attachment(
        application=draft, by=lead,
        upload=SimpleUploadedFile("offerte.pdf", pdf_pages(1), "application/pdf"),
    )  # fmt: skip
    assessment = application_in("in_assessment", **kwargs)
    professional = _Users(role="professional")
    advice = services.request_advice(
        application=assessment, by=facilitator, professional=professional, question="Past dit?"
    )
    granted = application_in("granted", **kwargs)
    running = application_in("granted", **kwargs)
    recorded = record_evaluation(running.evaluations.get(), facilitator)
    submitted = fill_accountability(running.accountability, lead)
    return {
        "app_running": running,
        "evaluation": granted.evaluations.get(),
        "evaluation_recorded": recorded,
        "accountability": granted.accountability,
        "accountability_submitted": submitted,
        "tranche": granted.award.tranches.get(),
        "professional": professional,
        "app_draft": draft,
        "app_submitted": application_in("submitted", **kwargs),
        "app_assessment": assessment,
        "app_awaiting": application_in("awaiting_decision", **kwargs),
        "app_granted": granted,
        "attachment": attachment,
        "advice": advice,
        "letter": granted.letters.get(),
    }


def _final_public_decision(by):
    from burgerkracht.meetlat import services

    decision = complete_decision(PolicyDecisionFactory.create(by=by).decision, by)
    services.update_decision(decision=decision, by=by, is_public=True)
    return services.finalise_decision(decision=decision, by=by)
