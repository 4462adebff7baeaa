"""One factory per model; traits for states. No hidden side effects beyond the row itself."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import STAFF_ROLES
from burgerkracht.core.enums import OrganisationType
from burgerkracht.core.models import District, Neighbourhood, Organisation

PASSWORD = "een-lang-test-wachtwoord"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Stadsdeel {n}")
    slug = factory.Sequence(lambda n: f"stadsdeel-{n}")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting {n}")
    type = OrganisationType.FOUNDATION


class UserFactory(factory.django.DjangoModelFactory):
    """A verified user. `role=` adds the group; staff roles also get a second factor."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if not create:
            return
        role = obj._role
        if role:
            # get_or_create: transactional tests truncate the groups of the data migration.
            obj.groups.add(Group.objects.get_or_create(name=role)[0])
            if role == "administrator":
                obj.is_staff = True
                obj.save(update_fields=["is_staff"])
        mfa = obj._with_mfa if obj._with_mfa is not None else role in STAFF_ROLES
        if mfa:
            # As allauth does on activation: a TOTP device plus recovery codes.
            TOTP.activate(obj, generate_totp_secret())
            RecoveryCodes.activate(obj)

    @classmethod
    def _create(cls, model_class, *args, role=None, with_mfa=None, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        obj._role = role
        obj._with_mfa = with_mfa
        return obj


# --- initiatives ------------------------------------------------------------------------------
from django.utils import timezone  # noqa: E402

from initiatives.enums import InitiativeStatus, InitiativeTheme, InitiatorRole, Scale, Support  # noqa: E402
from initiatives.models import Initiative, Initiator, Update  # noqa: E402


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A complete intake in `draft`; traits move it along the lifecycle."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    summary = "Samen wandelen door de wijk."
    theme = InitiativeTheme.EXERCISE
    why = "Mensen zien elkaar weinig."
    goal = "Meer ontmoeting."
    actions_needed = "Een vaste dag kiezen."
    scale = Scale.CITY
    target_group = "Buren die alleen wonen."
    expected_participants = 12
    support_wanted = factory.LazyFunction(lambda: [Support.PLACE])
    publication_consent = True
    created_by = factory.SubFactory(UserFactory, role="resident")

    class Params:
        submitted = factory.Trait(
            status=InitiativeStatus.SUBMITTED,
            submitted_at=factory.LazyFunction(timezone.now),
        )
        active = factory.Trait(
            status=InitiativeStatus.ACTIVE,
            submitted_at=factory.LazyFunction(timezone.now),
            status_changed_at=factory.LazyFunction(timezone.now),
        )
        paused = factory.Trait(
            status=InitiativeStatus.PAUSED,
            submitted_at=factory.LazyFunction(timezone.now),
        )
        ended = factory.Trait(
            status=InitiativeStatus.ENDED,
            submitted_at=factory.LazyFunction(timezone.now),
            ended_at=factory.LazyFunction(timezone.now),
            result="reached",
        )

    @factory.post_generation
    def lead(obj, create, extracted, **kwargs):
        """The creator is the accepted lead initiator (pass lead=False for none)."""
        if create and extracted is not False:
            InitiatorFactory(initiative=obj, user=obj.created_by, role=InitiatorRole.LEAD)


class InitiatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiator

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory, role="resident")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "uitgenodigd@example.org")
    role = InitiatorRole.CO
    invited_at = factory.LazyFunction(timezone.now)
    accepted_at = factory.LazyAttribute(lambda o: timezone.now() if o.user else None)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    initiative = factory.SubFactory(InitiativeFactory, active=True)
    author = factory.LazyAttribute(lambda o: o.initiative.created_by)
    kind = "result"
    text = "Het eerste uitje was een succes."


# --- meetlat ---------------------------------------------------------------------------------
from burgerkracht.meetlat import services as meetlat_services  # noqa: E402
from burgerkracht.meetlat.models import Decision, MeetlatVersion  # noqa: E402


def complete_decision(decision: Decision, by, *, skip: str = "") -> Decision:
    """Fill in everything finalisation asks for, except `skip` (a field or 'principle:N')."""
    fields = {
        "outcome": "Het budget wordt verhoogd.",
        "reasons": "Omdat bewoners erom vroegen.",
        "financial_accountability": "Past binnen de begroting.",
        "legal_accountability": "Subsidieregeling artikel 4.",
        "resident_input_who": "Bewoners van de wijk.",
        "resident_input_how": "Twee avonden in het buurthuis.",
        "resident_input_result": "Hun voorstel is overgenomen.",
        "reflection_due": timezone.localdate(),
    }
    fields = {k: v for k, v in fields.items() if k != skip}
    meetlat_services.update_decision(decision=decision, by=by, **fields)
    # Principle 6 cannot be answered without the reflection date (SC-17).
    skipped = {f"principle:{p}" for p in (6,)} if skip == "reflection_due" else {skip}
    answers = {
        p.number: ("partly", "Deels, want de tijd was kort.")
        if p.number == 3
        else ("fully", "Het besluit volgt dit principe helemaal.")
        for p in decision.meetlat_version.principles.all()
        if f"principle:{p.number}" not in skipped
    }
    meetlat_services.save_meetlat(decision=decision, by=by, answers=answers)
    return Decision.objects.get(pk=decision.pk)


class PolicyDecisionFactory:
    """Policy decisions go through their service: the decision record is part of them."""

    @staticmethod
    def create(*, by=None, complete=False, department="Sociaal Domein", title="Beleid"):
        by = by or UserFactory(role="facilitator")
        policy = meetlat_services.create_policy_decision(
            by=by, title=title, date=timezone.localdate(), department=department
        )
        if complete:
            complete_decision(policy.decision, by)
        policy.refresh_from_db()
        return policy


def current_meetlat() -> MeetlatVersion:
    return MeetlatVersion.current()


# --- budget ----------------------------------------------------------------------------------
from datetime import date  # noqa: E402
from decimal import Decimal  # noqa: E402

from budget import services as budget_services  # noqa: E402
from budget.models import LineType  # noqa: E402


def open_line(
    *, allocation="1000.00", holders=None, max_per_application=None, fund=None, name=None
):
    """An open fund with one line; returns (line, holder)."""
    admin = UserFactory(role="administrator")
    holder = UserFactory(role="budget_decision_holder")
    fund = fund or budget_services.create_fund(
        by=admin,
        name=f"Samen Sterk {UserFactory._meta.model.objects.count()}",
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 12, 31),
    )
    line = budget_services.add_line(
        by=admin,
        fund=fund,
        type=LineType.objects.get_or_create(name="Stedelijk")[0],
        name=name or f"Lijn {fund.lines.count() + 1}",
        allocation=Decimal(allocation),
        max_per_application=Decimal(max_per_application) if max_per_application else None,
        holders=holders or [holder],
    )
    return line, (holders or [holder])[0]


# --- applications ---------------------------------------------------------------------------
from budget.enums import ApplicationStatus  # noqa: E402
from budget.models import Application  # noqa: E402

STEP_DATA = {
    1: {
        "result_who": "Mensen met geheugenproblemen en hun mantelzorgers.",
        "result_how": "Ze zingen elke week samen en drinken daarna koffie.",
        "result_difference": "Ze komen weer buiten en horen er weer bij.",
        "signs": ["Twaalf mensen komen elke week", "Ze spreken elkaar ook buiten het koor"],
    },
    2: {"goal": "Erbij horen.", "means": "Een koor met een dirigent."},
    3: {"expected_participants": 12, "reach": "Via de huisarts."},
    4: {
        "cost_lines": [("Dirigent", Decimal("400.00")), ("Zaalhuur", Decimal("200.00"))],
        "own_contribution": Decimal("50.00"), "other_funds": Decimal("0.00"),
        "requested_amount": Decimal("500.00"),
    },
    5: {
        "starts_on": date(2027, 2, 1), "ends_on": date(2027, 12, 1),
        "backup_email": "reserve@example.org",
    },
}  # fmt: skip
ORDER = [
    ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT,
    ApplicationStatus.AWAITING_DECISION,
]  # fmt: skip


def filled_application(*, lead=None, line=None, initiative=None) -> Application:
    """A draft with every step filled in, for an open line's fund."""
    if line is None:
        line, _holder = open_line(allocation="5000.00")
    line.fund.refresh_from_db()
    if line.fund.status != "open":
        budget_services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    initiative = initiative or InitiativeFactory(
        submitted=True, **({"created_by": lead} if lead else {})
    )
    lead = initiative.created_by
    application = budget_services.start_application(by=lead, initiative=initiative)
    for step, data in STEP_DATA.items():
        budget_services.save_application_step(
            application=application, by=lead, step=step, data=data
        )
    return Application.objects.get(pk=application.pk)


def application_in(
    status: str, *, line=None, facilitator=None, outcome="granted", lead=None, initiative=None
):
    """An application taken through the services up to `status`."""
    if line is None:
        line, _holder = open_line(allocation="5000.00")
    holder = line.decision_holders.first()
    application = filled_application(line=line, lead=lead, initiative=initiative)
    lead = application.initiative.created_by
    facilitator = facilitator or UserFactory(role="facilitator")
    Initiative.objects.filter(pk=application.initiative_id).update(facilitator=facilitator)
    if status == ApplicationStatus.WITHDRAWN:
        return budget_services.withdraw_application(application=application, by=lead)
    target = ORDER.index(status) if status in ORDER else len(ORDER)
    if target >= 1:
        budget_services.submit_application(application=application, by=lead)
    if target >= 2:
        budget_services.save_assessment(
            application=application, by=facilitator, is_complete=True,
            legal_check="Geen vergunning nodig.",
            administrative_check="Reserve is genoemd.", financial_check="De begroting klopt.",
            criterion_reasoning="Mensen die thuis zitten doen weer mee, volgens hun eigen tekens.",
            proposed_amount=Decimal("500.00"), line=line,
        )  # fmt: skip
    if target >= 3:
        budget_services.complete_assessment(application=application, by=facilitator)
    if target >= 4:
        holder = Application.objects.get(pk=application.pk).decider or holder
        decide(Application.objects.get(pk=application.pk), holder, outcome=outcome)
        budget_services.publish_decision(application=application, by=holder)
    return Application.objects.get(pk=application.pk)


def decide(application: Application, holder, *, outcome="granted", amount="500.00"):
    """Save a complete draft decision and complete its triad and Meetlat."""
    grant = outcome != "rejected"
    budget_services.save_decision(
        application=application, by=holder, outcome=outcome, reasons="Het past bij het criterium.",
        granted_amount=Decimal(amount) if grant else None,
        alternatives="" if grant else "Probeer het wijkbudget.",
        evaluation_dates=["2027-05-01"] if grant else [],
        accountability_due=date(2027, 12, 31) if grant else None,
        payment_schedule=[{"date": "2027-02-01", "amount": amount}] if grant else [],
        extra_agreements="",
    )  # fmt: skip
    complete_grant_meetlat(Application.objects.get(pk=application.pk).decision, holder)


def complete_grant_meetlat(decision: Decision, holder) -> None:
    """What a grant's decision record still needs after the draft: the triad's residents'
    part and the six principles."""
    meetlat_services.update_decision(
        decision=decision, by=holder, resident_input_result="Hun tekst is de maatstaf.",
        reflection_due=date(2028, 1, 1),
    )  # fmt: skip
    answers = {
        p.number: ("fully", "Het besluit volgt dit principe helemaal.")
        for p in decision.meetlat_version.principles.all()
    }
    meetlat_services.save_meetlat(decision=decision, by=holder, answers=answers)


# --- after the grant ------------------------------------------------------------------------


def record_evaluation(evaluation, facilitator):
    """Write down every step of an evaluation and send it to the decision holder."""
    from budget.models import Evaluation

    services = budget_services
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=1,
        data={"meeting": "visit", "held_on": date(2027, 5, 1), "present": "Anna en zes mensen",
              "participants_now": 9},
    )  # fmt: skip
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=2,
        data={"going_well": "Ze komen graag.", "hard": "Weinig vrijwilligers.",
              "own_capacity": "higher"},
    )  # fmt: skip
    services.save_evaluation_record(
        evaluation=evaluation, by=facilitator, step=3,
        data={s.pk: "Gezien bij het bezoek." for s in evaluation.application.signs.all()},
    )  # fmt: skip
    services.complete_evaluation_record(evaluation=evaluation, by=facilitator)
    return Evaluation.objects.get(pk=evaluation.pk)


def fill_accountability(accountability, lead, *, reached="yes", submit=True):
    """Fill in every step of the accountability afterwards (and send it in)."""
    from budget.models import Accountability

    application = accountability.application
    steps = {
        1: {"result_reached": reached, "signs": {s.pk: reached for s in application.signs.all()},
            "what_got_in_the_way": "" if reached == "yes" else "Te weinig mensen."},
        2: {"participants": 11, "activities": 20, "resident_input": "Alles zelf gedaan."},
        3: {"spending": {c.pk: (c.amount, "") for c in application.cost_lines.all()}},
        4: {"story": "Het ging goed.", "story_public": False, "lessons": "",
            "next_step": "independent"},
    }  # fmt: skip
    for step, data in steps.items():
        budget_services.save_accountability_step(
            accountability=accountability, by=lead, step=step, data=data
        )
    if submit:
        budget_services.submit_accountability(accountability=accountability, by=lead)
    return Accountability.objects.get(pk=accountability.pk)
