"""The status timeline on an application's page (issue #24): sent in → checked → decision →
payment order sent (SC-12) → paid → (interim evaluation →) accountability, each step with its
date once done, the current step marked and the steps to come greyed. Built from the
application's own fields, its tranches, evaluations and accountability (no new state): one
query for the tranches; the evaluations and the accountability are what the page already
loaded."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget.enums import ApplicationStatus, EvaluationStatus
from budget.models import Application, Tranche
from burgerkracht.core.models import AuditEvent
from initiatives.timeline import Step, day, mark


def _by(on) -> str:
    return _("by %(date)s") % {"date": date_format(on, "j F Y")}


ENDED_EARLY = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


def _checked_at(application: Application):
    """When the facilitator last sent the application on to the decision holders (the audit
    trail's status change): the check's date when `assessed_at` was not kept."""
    return (
        AuditEvent.objects.for_subject(application)
        .filter(action="application.status", data__to=ApplicationStatus.AWAITING_DECISION)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def application_timeline(
    application: Application, *, tranches: list | None = None, for_officials: bool = False
) -> list[Step]:
    """`tranches`: the grant's tranches when the caller has them (no query then).
    `for_officials`: the municipality's people read who checks ("the facilitator"), the
    resident reads "your contact person"."""
    status = application.status
    decided = application.published_at is not None
    checked = status not in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED,
                             ApplicationStatus.IN_ASSESSMENT)  # fmt: skip
    checked_at = application.assessed_at
    if checked and checked_at is None and status != ApplicationStatus.WITHDRAWN:
        checked_at = _checked_at(application)
    steps: list[tuple] = [
        (_("Sent in"), application.submitted_at is not None and status != ApplicationStatus.DRAFT,
         day(application.submitted_at), ""),
        (_("Checked by the facilitator") if for_officials else _("Checked by your contact person"),
         checked, day(checked_at), ""),
        (_("Decision"), decided, day(application.published_at),
         application.get_outcome_display() if decided else ""),
    ]  # fmt: skip
    if status == ApplicationStatus.WITHDRAWN:
        return [*mark(steps[:1]), Step(label=_("Withdrawn"), state="done",
                                       on=day(application.status_changed_at))]  # fmt: skip
    if status in ENDED_EARLY or application.outcome == "rejected":
        return mark(steps)
    if tranches is None and application.award_id:
        tranches = list(
            Tranche.objects.filter(award_id=application.award_id).only("ordered_on", "paid_on")
        )
    tranches = tranches or []
    paid = min((t.paid_on for t in tranches if t.paid_on), default=None)
    # SC-12: the first payment order sent to the finance department, then the first payment.
    ordered = min((t.ordered_on for t in tranches if t.ordered_on), default=None)
    if ordered or not paid:
        steps.append((_("Payment order sent"), ordered is not None, ordered, ""))
    steps.append((_("Paid"), paid is not None, paid, ""))
    evaluations = [e for e in application.evaluations.all()
                   if e.status != EvaluationStatus.CANCELLED] if decided else []  # fmt: skip
    for evaluation in evaluations:
        done = evaluation.status in (EvaluationStatus.RECORDED, EvaluationStatus.DECIDED)
        steps.append((
            _("Interim evaluation"), done, evaluation.held_on if done else None,
            "" if done else _("planned on %(date)s")
            % {"date": date_format(evaluation.planned_on, "j F Y")},
        ))  # fmt: skip
    accountability = getattr(application, "accountability", None) if decided else None
    if accountability is not None:
        sent = accountability.submitted_at is not None
        steps.append((
            _("Accountability"), sent, day(accountability.submitted_at) if sent else None,
            "" if sent else _by(accountability.due_on),
        ))  # fmt: skip
    else:
        due = application.accountability_due
        steps.append((_("Accountability"), False, None,
                      _by(due) if due else ""))  # fmt: skip
    return mark(steps)
