"""The municipality's side of an application: the facilitator's checks, a professional's
advice, the decision holder's decision (an internal draft until published) and amendments.

The facilitator checks the legal, administrative and financial side only and writes down how
the application meets the one criterion *by its own result description*; the welfare content
is not theirs to judge. Only a decision holder of the application's line decides.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget import one_off
from budget.enums import ApplicationStatus, FundStatus, LetterKind, Outcome
from budget.models import Application, BudgetLine, Letter, ProfessionalAdvice
from budget.services.application import (
    audit,
    change_application_status,
    facilitator_users,
    initiator_users,
    is_decider,
    is_holder,
    link,
)
from budget.services.evaluation import plan_follow_up, sync_evaluation_dates
from budget.services.ledger import approve_award, euro
from budget.services.lifecycle import start_initiative_for_grant
from budget.services.organisation import lead_missing, residents_in_lead
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import notify
from burgerkracht.core.required import required
from burgerkracht.core.validation.reasons import is_reason
from burgerkracht.meetlat import services as meetlat_services
from burgerkracht.meetlat.enums import DecisionKind

if TYPE_CHECKING:
    from budget.models import Evaluation
    from burgerkracht.accounts.models import User

ASSESSMENT_FIELDS = (
    "is_complete", "legal_check", "administrative_check", "financial_check",
    "criterion_reasoning", "proposed_amount", "line",
)  # fmt: skip
DECISION_FIELDS = (
    "outcome", "granted_amount", "alternatives", "evaluation_dates", "accountability_due",
    "payment_schedule", "extra_agreements",
)  # fmt: skip
STATUS_OF: dict[str, ApplicationStatus] = {  # looked up by the stored value
    Outcome.GRANT: ApplicationStatus.GRANTED,
    Outcome.PARTLY: ApplicationStatus.PARTLY_GRANTED,
    Outcome.REJECT: ApplicationStatus.REJECTED,
}


def _locked(application: Application, *statuses: str) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("line", "fund", "initiative")
        .get(pk=application.pk)
    )
    if application.status not in statuses:
        raise DomainError(_("This cannot be done with the application as it is now."))
    return application


# --- The facilitator's checks --------------------------------------------------------------


@transaction.atomic
def save_assessment(*, application: Application, by: User, **fields: Any) -> Application:
    """Save the checks. The first save takes the application into assessment."""
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"not assessment fields: {sorted(unknown)}")
    current = _locked(application, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT)
    if current.status == ApplicationStatus.SUBMITTED:
        change_application_status(application=current, to=ApplicationStatus.IN_ASSESSMENT, by=by)
    application = _locked(application, ApplicationStatus.IN_ASSESSMENT)
    line: BudgetLine | None = fields.get("line")
    if line is not None and line.fund_id != application.fund_id:
        raise DomainError(_("Choose a line of the application's own fund."))
    if line is not None and line.pk != application.line_id:
        application.decider = None  # chosen again when the check is complete
    for name, value in fields.items():
        setattr(application, name, value)
    application.assessed_by = by
    application.full_clean(exclude=["created_by", "initiative", "fund"])
    application.save()
    audit(application, by, "application.assessment_saved", fields=sorted(fields))
    return application


def assessment_missing(application: Application) -> list[str]:
    missing = []
    if not application.is_complete:
        missing.append(_("confirm that the application is complete"))
    for name, label in (
        ("legal_check", _("the legal check")),
        ("administrative_check", _("the administrative check")),
        ("financial_check", _("the financial check")),
        ("criterion_reasoning", _("the reasoning on the one criterion")),
    ):
        if not getattr(application, name).strip():
            missing.append(label)
    if application.proposed_amount is None:
        missing.append(_("the proposed amount"))
    if application.line_id is None:
        missing.append(_("the budget line"))
    return missing + lead_missing(application)


@transaction.atomic
def return_to_applicant(*, application: Application, by: User, reason: str) -> Application:
    """Hand an incomplete application back to the residents, saying what is needed."""
    if not is_reason(reason):
        raise DomainError(_("Tell the residents what is missing."))
    application = _locked(application, ApplicationStatus.IN_ASSESSMENT)
    application = change_application_status(
        application=application, to=ApplicationStatus.DRAFT, by=by, reason=reason
    )
    notify(
        recipients=initiator_users(application), template="budget/returned",
        context={"application": application, "reason": reason, "link": link(application)},
        preference="status",
    )  # fmt: skip
    return application


@transaction.atomic
def complete_assessment(*, application: Application, by: User) -> Application:
    """Send the checked application to the decision holders of its line. The decision
    record starts here, its financial and legal accountability taken from the checks."""
    application = _locked(application, ApplicationStatus.IN_ASSESSMENT)
    missing = assessment_missing(application)
    if missing:
        raise DomainError(
            _("The check is not complete yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    if application.decision_id is None:
        application.decision = meetlat_services.create_decision(
            subject=application, kind=DecisionKind.GRANT, by=by,
            title=_("Samen Sterk application: %(title)s") % {"title": application.initiative},
            financial_accountability=application.financial_check,
            legal_accountability=f"{application.legal_check}\n\n{application.administrative_check}",
            resident_input_who=residents_in_lead(application) or application.result_who,
            resident_input_how=_("The residents wrote the result description themselves."),
            department=required(application.line).name,
        )  # fmt: skip
        application.save(update_fields=["decision", "updated_at"])
    if application.decider_id is None:
        from budget.services.changes import first_decider

        application.decider = first_decider(required(application.line))
        application.save(update_fields=["decider", "updated_at"])
    application = change_application_status(
        application=application, to=ApplicationStatus.AWAITING_DECISION, by=by
    )
    notify(
        recipients=[application.decider],
        template="budget/to_decide",
        context={"application": application, "link": link(application)},
    )  # fmt: skip
    return application


@transaction.atomic
def send_back_to_assessment(*, application: Application, by: User, reason: str) -> Application:
    if not is_reason(reason):
        raise DomainError(_("Say what should be checked again."))
    application = _locked(application, ApplicationStatus.AWAITING_DECISION)
    if not is_decider(by, application):
        raise DomainError(_("Only the decision holder who decides this application can do this."))
    application = change_application_status(
        application=application, to=ApplicationStatus.IN_ASSESSMENT, by=by, reason=reason
    )
    notify(
        recipients=facilitator_users(application) or [application.assessed_by],
        template="budget/sent_back",
        context={"application": application, "reason": reason, "link": link(application)},
    )  # fmt: skip
    return application


# --- A professional's advice ---------------------------------------------------------------


@transaction.atomic
def request_advice(
    *, application: Application, by: User, professional: User, question: str
) -> ProfessionalAdvice:
    from burgerkracht.accounts.roles import Role

    if not question.strip():
        raise DomainError(_("Write down what you would like advice on."))
    if not professional.has_role(Role.PROFESSIONAL):
        raise DomainError(_("Advice can only be asked from a professional."))
    application = _locked(application, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT)
    advice = ProfessionalAdvice.objects.create(
        application=application, professional=professional, question=question.strip(),
        requested_by=by,
    )  # fmt: skip
    notify(
        recipients=[professional], template="budget/advice_requested",
        context={"application": application, "question": question, "link": link(application)},
    )  # fmt: skip
    audit(application, by, "application.advice_requested", professional=professional.pk)
    return advice


@transaction.atomic
def give_advice(*, advice: ProfessionalAdvice, by: User, text: str) -> ProfessionalAdvice:
    advice = ProfessionalAdvice.objects.select_for_update().get(pk=advice.pk)
    if advice.professional_id != by.pk:
        raise DomainError(_("Only the professional who was asked can give this advice."))
    if advice.given_at is not None:
        raise DomainError(_("This advice has already been given."))
    if not text.strip():
        raise DomainError(_("Write down your advice."))
    advice.text, advice.given_at = text.strip(), timezone.now()
    advice.save(update_fields=["text", "given_at"])
    notify(
        recipients=[advice.requested_by], template="budget/advice_given",
        context={"application": advice.application, "link": link(advice.application)},
    )  # fmt: skip
    audit(advice.application, by, "application.advice_given", advice=advice.pk)
    return advice


# --- The decision --------------------------------------------------------------------------


@transaction.atomic
def save_decision(
    *, application: Application, by: User, reasons: str, **fields: Any
) -> Application:
    """Save the decision holder's draft: nothing is visible to the residents yet."""
    unknown = set(fields) - set(DECISION_FIELDS)
    if unknown:
        raise ValueError(f"not decision fields: {sorted(unknown)}")
    application = _locked(application, ApplicationStatus.AWAITING_DECISION)
    if not is_decider(by, application):
        raise DomainError(_("Only the decision holder who decides this application can decide."))
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean(exclude=["created_by", "initiative", "fund"])
    application.save()
    meetlat_services.update_decision(
        decision=required(application.decision), by=by, reasons=reasons,
        outcome=outcome_text(application),
    )  # fmt: skip
    audit(application, by, "application.decision_saved", fields=sorted(fields))
    return application


def outcome_text(application: Application) -> str:
    if not application.outcome:
        return ""
    label = str(Outcome(application.outcome).label)
    if application.outcome != Outcome.REJECT and application.granted_amount:
        return f"{label}: {euro(application.granted_amount)}"
    return label


def decision_missing(application: Application) -> list[str]:
    """What the decision itself still lacks (the Meetlat is checked when it is made final)."""
    a, missing = application, []
    if not a.outcome:
        return [_("the decision: grant, grant in part or do not grant")]
    if a.decision is None or not is_reason(a.decision.reasons):
        missing.append(_("the reasons"))
    if a.outcome == Outcome.REJECT:
        if not a.alternatives.strip():
            missing.append(
                _("the alternatives (another line, the wijkbudget, support, other funds)")
            )
        return missing
    amount, requested = a.granted_amount, a.requested_amount or Decimal(0)
    if amount is None or amount <= 0:
        missing.append(_("the amount"))
    elif a.outcome == Outcome.GRANT and amount != requested:
        missing.append(
            _("for a full grant, the amount asked for (%(amount)s)") % {"amount": euro(requested)}
        )
    elif a.outcome == Outcome.PARTLY and amount >= requested:
        missing.append(
            _("for a partial grant, an amount below %(amount)s") % {"amount": euro(requested)}
        )
    if not a.evaluation_dates:
        missing.append(
            _("the end evaluation date after the event")
            if a.is_one_off
            else _("at least one evaluation date")
        )
    missing += one_off.dates_missing(a) + lead_missing(a)
    if a.accountability_due is None:
        missing.append(_("the date for the accountability afterwards"))
    scheduled = sum((Decimal(t["amount"]) for t in a.payment_schedule), Decimal(0))
    if amount and scheduled != amount:
        missing.append(_("a payment schedule that adds up to the amount"))
    return missing


@transaction.atomic
def publish_decision(*, application: Application, by: User, reason: str = "") -> Application:
    """Make the decision final and tell the residents: the Meetlat and the triad must be
    complete; money is committed on the line; the letter is made and sent by a worker."""
    application = _locked(application, ApplicationStatus.AWAITING_DECISION)
    if not is_decider(by, application):
        raise DomainError(_("Only the decision holder who decides this application can decide."))
    if required(application.line).fund.status != FundStatus.OPEN:
        raise DomainError(_("Money can only be awarded while the fund is open."))
    missing = decision_missing(application)
    if missing:
        raise DomainError(
            _("The decision is not complete yet. Still missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    meetlat_services.update_decision(
        decision=required(application.decision), by=by, decided_by=str(by),
        decided_on=timezone.localdate(),
    )  # fmt: skip
    meetlat_services.finalise_decision(
        decision=required(application.decision), by=by, reason=reason
    )
    if application.outcome != Outcome.REJECT:
        award = approve_award(
            by=by, line=required(application.line), amount=application.granted_amount,
            description=str(application.initiative)[:250], initiative=application.initiative,
            decider_kept=application.decider_id == by.pk,
        )  # fmt: skip
        application.award = award
    application.decided_by = by
    application.save(update_fields=["award", "decided_by", "updated_at"])
    if application.award_id:
        plan_follow_up(application=application, by=by)
    application = change_application_status(
        application=application, to=STATUS_OF[application.outcome], by=by, reason=reason
    )
    if application.award_id:
        start_initiative_for_grant(application=application, by=by)
    kind = LetterKind.REJECTION if application.outcome == Outcome.REJECT else LetterKind.GRANT
    _new_letter(application, by, kind)
    return application


@transaction.atomic
def amend_decision(
    *, application: Application, by: User, reason: str, **fields: Any
) -> Application:
    """Change the agreements of a grant (dates, other agreements); an amendment letter
    follows. The amount changes only through a continuation decision."""
    allowed = {"evaluation_dates", "accountability_due", "extra_agreements"}
    if set(fields) - allowed:
        raise ValueError(f"not amendable: {sorted(set(fields) - allowed)}")
    if not is_reason(reason):
        raise DomainError(_("Say why the agreements change."))
    application = _locked(application, ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED)
    if not is_holder(by, application):
        raise DomainError(_("Only a decision holder of this line can change the agreements."))
    changed = sorted(n for n, v in fields.items() if getattr(application, n) != v)
    if not changed:
        raise DomainError(_("Nothing changes."))
    for name in changed:
        setattr(application, name, fields[name])
    if not application.evaluation_dates or application.accountability_due is None:
        raise DomainError(_("Keep at least one evaluation date and the accountability date."))
    wrong = one_off.dates_missing(application)
    if wrong:
        raise DomainError(_("Still needed: %(missing)s.") % {"missing": "; ".join(wrong)})
    application.full_clean(exclude=["created_by", "initiative", "fund"])
    application.save()
    audit(application, by, "application.amended", reason=reason, fields=changed)
    sync_evaluation_dates(application=application, by=by, reason=reason)
    _new_letter(application, by, LetterKind.AMENDMENT, reason=reason)
    return application


def _new_letter(
    application: Application,
    by: User,
    kind: str,
    reason: str = "",
    evaluation: Evaluation | None = None,
) -> Letter:
    from budget.services.letters import request_letter

    letter = Letter.objects.create(
        application=application, kind=kind, created_by=by, reason=reason, evaluation=evaluation
    )
    transaction.on_commit(lambda: request_letter(letter_pk=letter.pk))
    return letter
