"""Who may see the money, who manages it, and who does what with an application.
Pure predicates: no writes. Who may see an application, an evaluation or an accountability
is also written here as a filter, beside its predicate (docs/decisions/0022)."""

from django.db.models import Q, QuerySet

from budget.enums import (
    ACCOUNTING_STATUSES,
    APPLICATION_TRANSITIONS,
    RUNNING_STATUSES,
    AccountabilityStatus,
    ApplicationStatus,
    EvaluationStatus,
)
from burgerkracht.accounts.roles import (
    BUDGET_VIEWER_ROLES,
    FACILITATOR_ROLES,
    OVERSEER_ROLES,
    PAYMENT_ROLES,
    QUEUE_ROLES,
    Role,
)
from initiatives import permissions as initiative_permissions


def can_view_budget(user) -> bool:
    return user.is_authenticated and user.has_role(*BUDGET_VIEWER_ROLES)


def can_manage_budget(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


def can_edit_letter_texts(user) -> bool:
    """The wording of the letters (issue #26): administrators, in the management screens."""
    return bool(
        user.is_authenticated and user.is_active and user.is_staff
        and user.has_role(Role.ADMINISTRATOR)
    )  # fmt: skip


# --- Applications ---------------------------------------------------------------------------


def can_approve_budget_change(user, proposer) -> bool:
    """The second pair of eyes on a change during the period (SC-15, SC-16): an administrator
    or facilitator coordinator who is not the person proposing it."""
    return (
        user.is_authenticated
        and user.pk != getattr(proposer, "pk", None)
        and user.has_role(*OVERSEER_ROLES)
    )


def can_propose_budget_change(user) -> bool:
    """Propose a change during the period: an administrator or facilitator coordinator."""
    return user.is_authenticated and user.has_role(*OVERSEER_ROLES)


can_view_budget_changes = can_propose_budget_change


def can_withdraw_budget_change(user, change) -> bool:
    return change.is_open and user.is_authenticated and change.proposed_by_id == user.pk


def can_decide_budget_change(user, change) -> bool:
    return change.is_open and can_approve_budget_change(user, change.proposed_by)


def is_applicant(user, application) -> bool:
    return initiative_permissions.is_initiator(user, application.initiative)


def is_applicant_lead(user, application) -> bool:
    return initiative_permissions.is_lead(user, application.initiative)


def is_facilitator(user, application) -> bool:
    return initiative_permissions.is_facilitator(user, application.initiative)


is_coordinator = initiative_permissions.is_coordinator


def _known_for_viewer(application, user, name: str) -> bool | None:
    """What application_selectors.application_detail() annotated about the person looking."""
    if getattr(application, "viewer_pk", None) == user.pk:
        return getattr(application, name)
    return None


def is_holder(user, application) -> bool:
    """A decision holder of the application's line, or its decider: a holder removed from
    the line keeps the open applications they decide until they are reassigned (SC-15)."""
    if not user.is_authenticated or application.line_id is None:
        return False
    if application.decider_id == user.pk:
        return True
    known = _known_for_viewer(application, user, "viewer_is_holder")
    if known is not None:
        return known
    return any(h.pk == user.pk for h in application.line.decision_holders.all())


def is_decider(user, application) -> bool:
    """Who decides: the application's decider once it has one (set when the check is
    complete); another holder of the same line may read it but not decide it."""
    if application.decider_id is not None:
        return user.is_authenticated and application.decider_id == user.pk
    return is_holder(user, application)


def is_advisor(user, application) -> bool:
    if not user.is_authenticated:
        return False
    known = _known_for_viewer(application, user, "viewer_is_advisor")
    if known is not None:
        return known
    return any(a.professional_id == user.pk for a in application.professional_advice.all())


def acts_for_resident(user, application) -> bool:
    """The professional who registered it with a resident without e-mail (SC-11)."""
    return initiative_permissions.acts_for_resident(user, application.initiative)


def can_view_application(user, application) -> bool:
    if is_applicant(user, application) or acts_for_resident(user, application):
        return True
    if application.submitted_at is None:
        return False
    if is_facilitator(user, application) or is_coordinator(user) or is_advisor(user, application):
        return True
    return application.status != ApplicationStatus.SUBMITTED and is_holder(user, application)


# --- Who may see an application, as a filter -------------------------------------------------
# `can_view_application` above for one application (no query where the page loaded what it
# reads), `applications_visible_to` below for many (the lists call it; no model method restates
# it): the same rule in the same parts, side by side; tests/security/test_visibility_agrees.py
# checks that they agree on every object of the permission matrix's world. The parts are Q
# objects on Application, each over a small id set (no join that multiplies rows), for the
# lists and services that need one part: who holds it, who applied.


def applicant_q(user) -> Q:
    """The applications of the initiatives `user` is an active initiator of (is_applicant)."""
    from initiatives.models import Initiator

    if not user.is_authenticated:
        return initiative_permissions.NOTHING
    return Q(initiative__in=Initiator.objects.active().filter(user=user.pk).values("initiative"))


def acts_for_resident_q(user) -> Q:
    """The applications `user` follows for a resident without e-mail (acts_for_resident)."""
    return _of_initiatives(initiative_permissions.acts_for_resident_q(user))


def facilitator_q(user) -> Q:
    """The applications of the initiatives `user` facilitates or backs up (is_facilitator)."""
    return _of_initiatives(initiative_permissions.facilitator_q(user))


def holder_q(user) -> Q:
    """The applications of the lines `user` holds, and those they decide (is_holder)."""
    from budget.models import BudgetLine

    if not user.is_authenticated:
        return initiative_permissions.NOTHING
    held = BudgetLine.decision_holders.through.objects.filter(user=user.pk)
    return Q(line__isnull=False) & (Q(decider=user.pk) | Q(line__in=held.values("budgetline")))


def advisor_q(user) -> Q:
    """The applications `user` was asked to advise on (is_advisor)."""
    from budget.models import ProfessionalAdvice

    if not user.is_authenticated:
        return initiative_permissions.NOTHING
    asked = ProfessionalAdvice.objects.filter(professional=user.pk)
    return Q(pk__in=asked.values("application"))


def _of_initiatives(rule: Q) -> Q:
    from initiatives.models import Initiative

    return Q(initiative__in=Initiative.objects.filter(rule).values("pk"))


def applications_visible_to(user, applications: QuerySet | None = None) -> QuerySet:
    """can_view_application as a filter on `applications` (all by default). The officials'
    side first: for the coordinator it is "sent in", which PostgreSQL then answers before it
    looks at the residents' side."""
    if applications is None:
        from budget.models import Application

        applications = Application.objects.all()
    if not user.is_authenticated:
        return applications.none()
    officials = Q(submitted_at__isnull=False)
    if not is_coordinator(user):
        officials &= (
            facilitator_q(user)
            | advisor_q(user)
            | (~Q(status=ApplicationStatus.SUBMITTED) & holder_q(user))
        )
    return applications.filter(officials | applicant_q(user) | acts_for_resident_q(user))


def can_edit_application(user, application) -> bool:
    return application.status == ApplicationStatus.DRAFT and (
        is_applicant_lead(user, application) or acts_for_resident(user, application)
    )


def can_withdraw(user, application) -> bool:
    return ApplicationStatus.WITHDRAWN in APPLICATION_TRANSITIONS[
        application.status
    ] and is_applicant_lead(user, application)


def can_message(user, application) -> bool:
    return application.submitted_at is not None and (
        is_applicant(user, application)
        or is_facilitator(user, application)
        or acts_for_resident(user, application)
    )


def can_assess(user, application) -> bool:
    return application.status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.IN_ASSESSMENT,
    ) and (is_facilitator(user, application) or is_coordinator(user))


def can_decide(user, application) -> bool:
    return application.status == ApplicationStatus.AWAITING_DECISION and is_decider(
        user, application
    )


def can_amend(user, application) -> bool:
    return application.status in RUNNING_STATUSES and is_holder(user, application)


def can_see_assessment(user, application) -> bool:
    """The internal checks and advice: the municipality's side only, never the residents."""
    return not is_applicant(user, application) and can_view_application(user, application)


def assessments_visible_to(user, applications: QuerySet | None = None) -> QuerySet:
    """can_see_assessment as a filter on `applications` (all by default)."""
    return applications_visible_to(user, applications).exclude(applicant_q(user))


def can_give_advice(user, advice) -> bool:
    return user.is_authenticated and advice.professional_id == user.pk and advice.given_at is None


def can_use_queue(user) -> bool:
    return user.is_authenticated and user.has_role(*QUEUE_ROLES)


# --- After the grant: evaluations, payments, accountability --------------------------------


def _supports(user, application) -> bool:
    return is_facilitator(user, application) or is_coordinator(user)


def decides_or_prepares(user, application) -> bool:
    """The line's decision holders decide; the facilitators and their coordinator prepare."""
    return is_holder(user, application) or _supports(user, application)


def can_view_evaluation(user, evaluation) -> bool:
    return can_view_application(user, evaluation.application)


def evaluations_visible_to(user, evaluations: QuerySet | None = None) -> QuerySet:
    """can_view_evaluation as a filter on `evaluations` (all by default)."""
    if evaluations is None:
        from budget.models import Evaluation

        evaluations = Evaluation.objects.all()
    return evaluations.filter(application__in=applications_visible_to(user).values("pk"))


def can_record_evaluation(user, evaluation) -> bool:
    """Plan the visit and write down what was seen: the facilitators, while it is planned."""
    return (
        evaluation.status == EvaluationStatus.PLANNED
        and evaluation.application.status in RUNNING_STATUSES
        and _supports(user, evaluation.application)
    )


def can_give_resident_view(user, evaluation) -> bool:
    return (
        evaluation.status in (EvaluationStatus.PLANNED, EvaluationStatus.RECORDED)
        and evaluation.application.status in RUNNING_STATUSES
        and is_applicant(user, evaluation.application)
    )


def can_decide_continuation(user, evaluation) -> bool:
    return (
        evaluation.status == EvaluationStatus.RECORDED
        and evaluation.application.status in RUNNING_STATUSES
        and is_holder(user, evaluation.application)
    )


def can_pay(user, application) -> bool:
    """Mark a released tranche as paid: the facilitators and the line's decision holders."""
    return application.status in RUNNING_STATUSES and (
        _supports(user, application) or is_holder(user, application)
    )


def can_view_accountability(user, accountability) -> bool:
    return can_view_application(user, accountability.application)


def accountabilities_visible_to(user, accountabilities: QuerySet | None = None) -> QuerySet:
    """can_view_accountability as a filter on `accountabilities` (all by default)."""
    if accountabilities is None:
        from budget.models import Accountability

        accountabilities = Accountability.objects.all()
    return accountabilities.filter(application__in=applications_visible_to(user).values("pk"))


def can_edit_accountability(user, accountability) -> bool:
    return (
        accountability.status in (AccountabilityStatus.OPEN, AccountabilityStatus.MORE_ASKED)
        and accountability.application.status in ACCOUNTING_STATUSES
        and is_applicant(user, accountability.application)
    )


def can_review_accountability(user, accountability) -> bool:
    return (
        accountability.status == AccountabilityStatus.SUBMITTED
        and accountability.application.status in ACCOUNTING_STATUSES
        and _supports(user, accountability.application)
    )


def can_use_follow_up(user) -> bool:
    """The facilitator's "this week / overdue" list."""
    return user.is_authenticated and user.has_role(*FACILITATOR_ROLES)


def can_see_confirmation(user, application) -> bool:
    """The "sent in" page with the reference number: the residents, once it is sent in."""
    return application.submitted_at is not None and (
        is_applicant(user, application) or acts_for_resident(user, application)
    )


def can_read_notes(user, application) -> bool:
    """Internal notes on an application: the facilitators of its initiative, the decision
    holders of its line and the coordinators, while they may see the application. Never the
    residents; not the professionals asked for advice, nor the read-only role."""
    if is_applicant(user, application) or not can_view_application(user, application):
        return False
    return is_facilitator(user, application) or is_coordinator(user) or is_holder(user, application)


# Append-only: whoever may read the notes may add one; nobody may change one.
can_add_note = can_read_notes


# --- Payment orders for the finance department (SC-12) -------------------------------------


def can_order_payments(user) -> bool:
    """Export payment orders and read the bank's confirmations: who may mark a tranche as
    paid (`can_pay`: facilitators, decision holders, coordinators) and the administrators.
    Which tranches follows the subject (payment_selectors.tranches_for)."""
    return user.is_authenticated and user.has_role(*PAYMENT_ROLES)


def can_see_payment_order(user, order) -> bool:
    """An order's file: who sent it, the coordinators and the administrators."""
    return can_order_payments(user) and (
        order.created_by_id == user.pk or user.has_role(*OVERSEER_ROLES)
    )


def can_see_payment_import(user, payment_import) -> bool:
    """A confirmation file is seen and applied by who read it: its preview follows their
    rights."""
    return can_order_payments(user) and payment_import.created_by_id == user.pk


def can_confirm_payment_import(user, payment_import) -> bool:
    return payment_import.confirmed_at is None and can_see_payment_import(user, payment_import)


BANK_ACCOUNT_FIXED = frozenset(
    {ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED, ApplicationStatus.STOPPED,
     ApplicationStatus.CLOSED}
)  # fmt: skip


def can_change_bank_account(user, application, *, ordered: bool) -> bool:
    """The residents' bank account for the payments: until the first payment order."""
    return (
        not ordered
        and application.status not in BANK_ACCOUNT_FIXED
        and (is_applicant_lead(user, application) or acts_for_resident(user, application))
    )
