""" "Actie nodig": what a resident must do now, with a date, soonest first (issue #24).

The first panel on "Mijn burgerkracht". It lives here, not in initiatives, because it reads
both apps (budget depends on initiatives, not the other way round). Each kind of action is
read from the person's own initiatives and applications, which the dashboard loads once for
this panel and the lists below it; the invitations cost one query more. The count does not
grow with the number of initiatives or applications (tests/budget/test_actions.py):
- a registration (intake) the lead initiator has not sent in yet;
- an invitation to join an initiative that waits for an answer;
- the question to the backup whether they become the lead initiator (SC-13);
- an application the lead initiator has not sent in yet, or that came back for changes;
- an accountability to send in, from two months before its due date, or a question that
  came back about it;
- an evaluation coming up for which the resident has not yet written down their view, and
  a visit the facilitator planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.enums import (
    ACCOUNTING_STATUSES,
    RUNNING_STATUSES,
    AccountabilityStatus,
    ApplicationStatus,
    EvaluationStatus,
)
from budget.models import Application
from burgerkracht.accounts.roles import Role
from initiatives.enums import InitiativeStatus
from initiatives.models import Initiative, Initiator
from initiatives.succession import pending_offer

# How far ahead an evaluation shows up: time enough to write down your view.
EVALUATION_AHEAD = timedelta(days=30)
# How far ahead the accountability shows up: time enough to gather the receipts. Before that
# the application's own line says when it is due ("Verantwoording uiterlijk ..."); a list of
# things due a year from now is no "Actie nodig".
ACCOUNTABILITY_AHEAD = timedelta(days=60)
LIMIT = 50  # per kind: a resident with more than this has a list page for each anyway


@dataclass(frozen=True)
class Action:
    """One thing to do. `on`: the date it is about (a deadline, the day of a visit, or the
    day a draft was last saved); `date_label` says which, in words."""

    kind: str
    text: str
    on: date
    date_label: str
    url: str
    reference: str = ""
    overdue: bool = False


def _day(moment) -> date:
    return timezone.localdate(moment) if hasattr(moment, "tzinfo") else moment


def actions_for(
    user: Any,
    *,
    today: date | None = None,
    initiatives: list[Initiative] | None = None,
    applications: list[Application] | None = None,
) -> list[Action]:
    """Everything the person must do, soonest date first. `initiatives` and `applications`:
    the person's own, as initiatives.selectors.dashboard_initiatives and
    budget.selectors.dashboard_applications load them (read afresh when not given)."""
    from django.utils.formats import date_format

    from budget import permissions, selectors
    from initiatives import permissions as initiative_permissions
    from initiatives import selectors as initiative_selectors

    today = today or timezone.localdate()
    if initiatives is None:
        initiatives = initiative_selectors.initiatives_of(user)
    if applications is None:
        applications = selectors.dashboard_applications(user, memo=False)

    def fmt(day: date) -> str:
        return date_format(day, "j F Y")

    actions: list[Action] = []
    for initiative in initiatives:
        offer = pending_offer(initiative)
        if offer is not None and offer.user_id == user.pk:
            day = _day(offer.lead_offered_at)
            actions.append(Action(
                kind="lead_offer",
                text=_("Confirm that you become the lead initiator of %(title)s (or say no).")
                % {"title": initiative.title},
                on=day, date_label=_("Asked on %(date)s") % {"date": fmt(day)},
                url=reverse("initiatives:lead-offer", args=[initiative.pk]),
            ))  # fmt: skip
        if initiative.status != InitiativeStatus.DRAFT:
            continue
        if not initiative_permissions.is_lead(user, initiative):
            continue
        day = _day(initiative.updated_at)
        actions.append(Action(
            kind="initiative_draft",
            text=_("Finish the registration of %(title)s and send it in.")
            % {"title": initiative.title},
            on=day, date_label=_("Saved on %(date)s") % {"date": fmt(day)},
            url=reverse("initiatives:intake", args=[initiative.pk]),
        ))  # fmt: skip

    for invitation in Initiator.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True, left_at__isnull=True
    ).select_related("initiative")[:LIMIT]:
        day = _day(invitation.invited_at or invitation.created_at)
        actions.append(Action(
            kind="invitation",
            text=_("You are invited to join %(title)s. Say yes or no.")
            % {"title": invitation.initiative.title},
            on=day, date_label=_("Invited on %(date)s") % {"date": fmt(day)},
            url=reverse("initiatives:invitation", args=[invitation.token]),
        ))  # fmt: skip

    for application in applications:
        actions.extend(_application_actions(application, user, today, fmt, permissions))

    return sorted(actions, key=lambda a: (a.on, a.kind, a.text))


def _application_actions(application, user, today, fmt, permissions) -> list[Action]:
    title = application.initiative.title
    found = []
    if application.status == ApplicationStatus.DRAFT:
        if not permissions.is_applicant_lead(user, application):
            return []
        day = _day(application.updated_at)
        returned = application.submitted_at is not None
        text = (
            _("Your contact person asked you to change your application for %(title)s. "
              "Change it and send it in again.")
            if returned
            else _("Finish your application for %(title)s and send it in.")
        ) % {"title": title}  # fmt: skip
        return [Action(
            kind="application_returned" if returned else "application_draft", text=text,
            on=day, date_label=_("Saved on %(date)s") % {"date": fmt(day)},
            url=reverse("budget:application-check", args=[application.pk]),
            reference=application.reference,
        )]  # fmt: skip
    if application.status not in ACCOUNTING_STATUSES:
        return []
    accountability = getattr(application, "accountability", None)
    if accountability is not None and (
        accountability.status == AccountabilityStatus.MORE_ASKED
        or (accountability.status == AccountabilityStatus.OPEN
            and accountability.due_on <= today + ACCOUNTABILITY_AHEAD)
    ):  # fmt: skip
        if accountability.status == AccountabilityStatus.MORE_ASKED:
            kind, text = (
                "accountability_question",
                _(
                    "Your contact person has a question about your accountability for %(title)s. "
                    "Answer it."
                )
                % {"title": title},
            )
        else:
            kind, text = (
                "accountability",
                _("Tell us how %(title)s went: send in the accountability afterwards.")
                % {"title": title},
            )
        found.append(Action(
            kind=kind, text=text, on=accountability.due_on,
            date_label=_("By %(date)s") % {"date": fmt(accountability.due_on)},
            url=accountability.get_absolute_url(), reference=application.reference,
            overdue=accountability.due_on < today,
        ))  # fmt: skip
    if application.status not in RUNNING_STATUSES:
        return found
    for evaluation in application.evaluations.all():
        if evaluation.status != EvaluationStatus.PLANNED:
            continue
        if evaluation.planned_on > today + EVALUATION_AHEAD:
            continue
        if evaluation.visit_on and evaluation.visit_on >= today:
            found.append(Action(
                kind="visit", text=_("Your contact person visits %(title)s for the interim "
                                     "evaluation.") % {"title": title},
                on=evaluation.visit_on,
                date_label=_("On %(date)s") % {"date": fmt(evaluation.visit_on)},
                url=evaluation.get_absolute_url(), reference=application.reference,
            ))  # fmt: skip
        if not evaluation.resident_view:
            found.append(Action(
                kind="evaluation",
                text=_("Write down how %(title)s is going, for the interim evaluation.")
                % {"title": title},
                on=evaluation.planned_on,
                date_label=_("Before %(date)s") % {"date": fmt(evaluation.planned_on)},
                url=evaluation.get_absolute_url(), reference=application.reference,
                overdue=evaluation.planned_on < today,
            ))  # fmt: skip
    return found


def dashboard_context(user: Any) -> dict[str, Any] | None:
    """The "Actie nodig" panel: always for residents (with its empty state), for anyone
    else only when there is something to do (a professional invited to an initiative)."""
    if not user.is_authenticated:
        return None
    from budget import selectors
    from initiatives import selectors as initiative_selectors

    actions = actions_for(
        user,
        initiatives=initiative_selectors.dashboard_initiatives(user),
        applications=selectors.dashboard_applications(user),
    )
    if not actions and not user.has_role(Role.RESIDENT):
        return None
    return {"actions": actions}
