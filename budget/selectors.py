"""Non-trivial reads: budget figures derived from the ledger, and the user-scoped lists of
applications (each in a constant number of queries)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    CharField,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.formats import date_format

from budget import permissions
from budget.enums import (
    ACCOUNTING_STATUSES,
    RUNNING_STATUSES,
    AccountabilityStatus,
    ApplicationStatus,
    EvaluationStatus,
)
from budget.models import (
    Accountability,
    Application,
    BudgetLine,
    Evaluation,
    Fund,
    IntegrityEntry,
    Tranche,
)
from burgerkracht.core.models import Municipality

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LIVE_EVALUATION = (EvaluationStatus.PLANNED, EvaluationStatus.RECORDED)
TO_ACCOUNT = (AccountabilityStatus.OPEN, AccountabilityStatus.MORE_ASKED)
# The accountability becomes the next step this long before it is due.
ACCOUNT_SOON = timedelta(days=30)


def funds() -> QuerySet[Fund]:
    return Fund.objects.annotate(
        line_count=Count("lines"), allocation=Sum("lines__allocation")
    ).order_by("-starts_on")


def lines_of(fund: Fund) -> QuerySet[BudgetLine]:
    return (
        BudgetLine.objects.filter(fund=fund)
        .select_related("type", "neighbourhood")
        .prefetch_related("decision_holders")
        .annotate(award_count=Count("awards"))
        .order_by("type__name", "name")
    )


def totals(lines) -> dict[str, Decimal]:
    keys = ("allocation", "committed", "released", "paid", "remaining")
    return {key: sum((getattr(line, key) for line in lines), Decimal("0.00")) for key in keys}


def integrity_log(fund: Fund) -> QuerySet[IntegrityEntry]:
    """The log with who proposed (`by`), who approved, and when it was proposed."""
    return fund.integrity_log.select_related(
        "from_line", "to_line", "holder", "by", "approved_by", "change"
    )


# --- Applications ---------------------------------------------------------------------------


QUEUE_RELATIONS = ("initiative", "line__fund", "neighbourhood", "decider")
QUEUE_FIELDS = (
    "status", "requested_amount", "proposed_amount", "submitted_at", "created_at",
    "initiative__title",
    "line__name", "line__fund__name", "neighbourhood__name", "decider__full_name",
    "decider__email",
)  # fmt: skip


def queue_for(user) -> QuerySet[Application]:
    """The applications an official works on: those sent in that they may see
    (permissions.applications_visible_to: their own initiatives' for a facilitator, all for
    the coordinator, their lines' for a decision holder, the ones they advise on). Drafts
    never yet sent in stay private to the residents."""
    # Who may see is the rule's; the queue only narrows it to what was sent in. For the
    # coordinator the rule is "sent in" first, so the list still walks the submitted_at
    # index in order and counts it (target P2); for the others it is a few small id sets
    # (their initiatives, their lines), no join that multiplies rows.
    queryset = permissions.applications_visible_to(user).filter(submitted_at__isnull=False)
    # Only what the queue's columns show and sort on (budget/tables.py): not the long
    # (encrypted) texts, and no join the columns do not use. Seven joins made PostgreSQL
    # plan the query for longer than it ran (target P2).
    return queryset.select_related(*QUEUE_RELATIONS).only(*QUEUE_FIELDS)


def applications_of(user) -> QuerySet[Application]:
    """A resident's own applications: those of the initiatives they (co-)initiate (the
    residents' part of the rule, permissions.applicant_q)."""
    return (
        Application.objects.filter(permissions.applicant_q(user))
        .select_related("initiative", "fund")
        .order_by("-created_at")
    )


def applications_followed(user) -> QuerySet[Application]:
    """ "My applications": a resident's own, and those a professional follows for a resident
    they registered with (SC-11): the residents' side of the rule (permissions.applicant_q,
    acts_for_resident_q)."""
    return (
        Application.objects.filter(
            permissions.applicant_q(user) | permissions.acts_for_resident_q(user)
        )
        .select_related("initiative", "fund")
        .order_by("-created_at")
    )


def initiatives_to_apply_for(user) -> list:
    """The initiatives a resident leads and that have not ended; for a professional, those
    they registered with a resident without e-mail whose consent they recorded (SC-11)."""
    from initiatives.enums import InitiativeStatus
    from initiatives.models import Initiative

    led = Initiative.objects.filter(
        initiators__user=user, initiators__role="lead",
        initiators__accepted_at__isnull=False, initiators__left_at__isnull=True,
    )  # fmt: skip
    helped = Initiative.objects.filter(
        assisted_by=user, consent_recorded_at__isnull=False,
        initiators__role="lead", initiators__left_at__isnull=True,
        initiators__user__email__isnull=True,
    )  # fmt: skip
    return list(
        Initiative.objects.filter(pk__in=led.values("pk").union(helped.values("pk")))
        .exclude(status=InitiativeStatus.ENDED)
        .order_by("title")
    )


def next_step(application: Application, user, *, resident: bool | None = None) -> str:
    """What happens next, in plain words, for the person looking. `resident`: whether they
    are one of its residents, when the caller already knows (a list of their own)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from budget import application_steps, permissions

    if resident is None:
        resident = permissions.is_applicant(user, application)
    match application.status:
        case ApplicationStatus.DRAFT:
            if not resident:
                return _("The residents are completing the application.")
            missing = application_steps.missing_steps(application)
            if missing:
                return ngettext(
                    "Finish your application: %(count)d step to go.",
                    "Finish your application: %(count)d steps to go.",
                    len(missing),
                ) % {"count": len(missing)}
            return _("Check your application and send it in.")
        case ApplicationStatus.SUBMITTED | ApplicationStatus.IN_ASSESSMENT:
            if resident:
                return _(
                    "Your contact person checks whether everything is complete and correct. "
                    "You hear from us within four weeks."
                )
            return _("Check the application and send it to the decision holders of its line.")
        case ApplicationStatus.AWAITING_DECISION:
            if resident:
                return _("Your application is complete. The municipality decides on it soon.")
            return _("A decision holder of the line decides, with the Meetlat.")
        case (
            ApplicationStatus.GRANTED | ApplicationStatus.PARTLY_GRANTED | ApplicationStatus.STOPPED
        ):
            return _grant_next_step(application, resident)
        case ApplicationStatus.CLOSED:
            return _("This grant is closed. Thank you for everything you did.")
        case ApplicationStatus.REJECTED:
            return _(
                "Read the letter: it says why, and where else you can go. You can object within "
                "%(weeks)s weeks."
            ) % {"weeks": Municipality.current().objection_weeks}
        case _:
            return _("This application has been withdrawn.")


def suggested_line(application: Application) -> BudgetLine | None:
    """The wijk's own line of the application's fund, when there is one."""
    if application.neighbourhood_id is None:
        return None
    return BudgetLine.objects.filter(
        fund=application.fund_id, neighbourhood=application.neighbourhood_id
    ).first()


# --- Registered in hooks.py -----------------------------------------------------------------


def dashboard_context(user) -> dict | None:
    """The Samen Sterk panel on "Mijn burgerkracht": own applications, or the queue."""
    from budget import permissions
    from burgerkracht.accounts.roles import Role

    officials = permissions.can_use_queue(user)
    resident = user.has_role(Role.RESIDENT)
    if not (officials or resident):
        return None
    mine = dashboard_applications(user)[:10] if resident else []
    return {
        "follow_up": follow_up_count(user) if permissions.can_use_follow_up(user) else None,
        "applications": [(a, next_step(a, user, resident=True)) for a in mine],
        "can_apply": resident,
        "officials": officials,
        "to_do": _queue_counts(user) if officials else None,
    }  # fmt: skip


def dashboard_applications(user, *, memo: bool = True) -> list[Application]:
    """A resident's own applications with what the dashboard reads of them: the
    accountability, the evaluations of a grant, and a draft's steps (for next_step and the
    "Actie nodig" panel). Loaded once per request for both panels that read them; `memo=False`
    reads afresh. Up to five queries, however many applications."""
    if memo and "_dashboard_applications" in user.__dict__:
        return user.__dict__["_dashboard_applications"]
    mine = list(applications_of(user).select_related("accountability"))
    prefetch_related_objects([a for a in mine if a.status in ACCOUNTING_STATUSES], "evaluations")
    prefetch_related_objects([a for a in mine if a.status == ApplicationStatus.DRAFT],
                             "signs", "cost_lines", "initiative__initiators")  # fmt: skip
    if memo:
        user.__dict__["_dashboard_applications"] = mine
    return mine


def _queue_counts(user) -> list[tuple[str, StrOrPromise, int]]:
    """The open applications in the person's queue per status, as (status, label, count),
    leaving out the statuses with none; each count is what the queue shows filtered on that
    status (one query)."""
    from burgerkracht.accounts.roles import FACILITATOR_ROLES

    statuses = [ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT,
                ApplicationStatus.AWAITING_DECISION]  # fmt: skip
    if not user.has_role(*FACILITATOR_ROLES):
        statuses = [ApplicationStatus.AWAITING_DECISION]  # a decision holder: theirs to decide
    # Only the rows of these statuses are read (the status index), not every application
    # ever sent in: 37 ms → 13 ms for the coordinator at 50,000 applications.
    counts = (
        queue_for(user)
        .filter(status__in=statuses)
        .aggregate(**{status.value: Count("pk", filter=Q(status=status)) for status in statuses})
    )
    return [(s.value, s.label, counts[s.value]) for s in statuses if counts[s.value]]


def _grant_next_step(application: Application, resident: bool) -> str:
    from django.utils.translation import gettext as _

    accountability = getattr(application, "accountability", None)
    evaluation = next(
        (e for e in application.evaluations.all() if e.status in LIVE_EVALUATION), None
    )
    if (
        accountability
        and accountability.status in TO_ACCOUNT
        and (evaluation is None or accountability.due_on <= timezone.localdate() + ACCOUNT_SOON)
    ):
        if accountability.status == AccountabilityStatus.MORE_ASKED:
            return _("Your contact person asks for a little more in your accountability.")
        day = date_format(accountability.due_on, "j F Y")
        if resident:
            return _("Tell us how it went: the accountability afterwards, by %(date)s.") % {
                "date": day
            }
        return _("The residents account for the grant by %(date)s.") % {"date": day}
    if accountability and accountability.status == AccountabilityStatus.SUBMITTED:
        if resident:
            return _("Your accountability is sent in. Your contact person checks it.")
        return _("Check the accountability and settle the grant.")
    if evaluation is not None:
        day = date_format(evaluation.planned_on, "j F Y")
        if evaluation.status == EvaluationStatus.RECORDED:
            if resident:
                return _("The municipality now decides how it continues after the evaluation.")
            return _("A decision holder decides how it continues after the evaluation.")
        if resident:
            return _(
                "The next evaluation is on %(date)s. You can already write down your view."
            ) % {"date": day}
        return _("Plan the visit for the evaluation of %(date)s.") % {"date": day}
    return _("Read the letter with the agreements.")


def resident_tasks(user, today=None) -> list[tuple[str, str]]:
    """What a resident should do soon for their grants, as (text, link): the accountability
    when it is near or a question came back, and their view before an evaluation."""
    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    mine = Q(application__initiative__initiators__user=user,
             application__initiative__initiators__left_at__isnull=True)  # fmt: skip
    tasks = []
    for a in Accountability.objects.filter(
        mine, status__in=TO_ACCOUNT, application__status__in=ACCOUNTING_STATUSES,
        due_on__lte=today + ACCOUNT_SOON,
    ).select_related("application__initiative").distinct():  # fmt: skip
        text = (
            _("A question came back about your accountability for %(title)s.")
            if a.status == AccountabilityStatus.MORE_ASKED
            else _("Tell us how %(title)s went: the accountability afterwards, by %(date)s.")
        ) % {"title": a.application.initiative.title, "date": date_format(a.due_on, "j F Y")}
        tasks.append((text, a.get_absolute_url()))
    for e in Evaluation.objects.filter(
        mine, status=EvaluationStatus.PLANNED, application__status__in=RUNNING_STATUSES,
        planned_on__lte=today + timedelta(days=14), resident_view="",
    ).select_related("application__initiative").distinct():  # fmt: skip
        tasks.append((
            _("The evaluation of %(title)s is on %(date)s. Write down how you see it.")
            % {"title": e.application.initiative.title, "date": date_format(e.planned_on, "j F Y")},
            e.get_absolute_url(),
        ))  # fmt: skip
    return tasks


def tranches_of(application: Application) -> list[Tranche]:
    """The grant's payments, the extra pushes' included, in date order."""
    awards = [application.award_id, *(e.extra_award_id for e in application.evaluations.all()
                                      if e.extra_award_id)]  # fmt: skip
    return list(
        Tranche.objects.filter(award_id__in=[a for a in awards if a])
        .select_related("after_evaluation", "award")
        .order_by("planned_on", "pk")
    )


def _follow_up_scope(user) -> Q:
    from burgerkracht.accounts.roles import Role

    if user.has_role(Role.FACILITATOR_COORDINATOR):
        return Q()
    return Q(application__initiative__facilitator=user) | Q(
        application__initiative__backup_facilitator=user
    )


def _planned_evaluations(scope: Q) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(
        scope, status=EvaluationStatus.PLANNED, application__status__in=RUNNING_STATUSES
    )


def _accountabilities(scope: Q) -> QuerySet[Accountability]:
    return Accountability.objects.filter(scope, application__status__in=ACCOUNTING_STATUSES)


def follow_up_count(user, today=None) -> int:
    """How many evaluations and accountability are overdue or due within a week: the page's
    "overdue" and "this week" together (one query, whatever the number of grants: two counts
    as subqueries of the person's row)."""
    from django.db.models import F, Func, IntegerField, Subquery

    from burgerkracht.accounts.models import User

    def count(queryset) -> Subquery:
        counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
        return Subquery(counted, output_field=IntegerField())

    week = (today or timezone.localdate()) + timedelta(days=7)
    scope = _follow_up_scope(user)
    evaluations = _planned_evaluations(scope).filter(planned_on__lte=week)
    accountabilities = _accountabilities(scope).filter(status__in=TO_ACCOUNT, due_on__lte=week)
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(evaluations=count(evaluations), accountabilities=count(accountabilities))
        .values("evaluations", "accountabilities")
        .get()
    )
    return row["evaluations"] + row["accountabilities"]


def follow_up_for(user, today=None) -> dict[str, list]:
    """The facilitator's week: what is overdue, what comes this week, what waits for them.
    Their own initiatives; the coordinator sees everyone's.

    Two queries, whatever is in it: the evaluations of all sections and the accountability
    of all sections, split here. The visitors' names come as an array of each evaluation,
    not as a prefetch (which would run only when there are visits)."""
    today = today or timezone.localdate()
    week = today + timedelta(days=7)
    scope = _follow_up_scope(user)
    related = ("application__initiative__facilitator", "application__line")
    visitors = (
        Evaluation.visitors.through.objects.filter(evaluation=OuterRef("pk"))
        .order_by("pk")  # in the order they were added
        .values(
            name=Coalesce(
                NullIf("user__full_name", Value("")), "user__email", output_field=CharField()
            )
        )
    )  # the name as str(user) gives it
    evaluations = list(
        _planned_evaluations(scope)
        .filter(Q(planned_on__lte=week) | Q(visit_on__gte=today, visit_on__lte=week))
        .select_related(*related)
        .annotate(visitor_names=ArraySubquery(visitors))
        .order_by("planned_on", "pk")
    )
    accountabilities = list(
        _accountabilities(scope)
        .filter(
            Q(status__in=TO_ACCOUNT, due_on__lte=week) | Q(status=AccountabilityStatus.SUBMITTED)
        )
        .select_related(*related)
        .order_by("due_on", "pk")
    )
    to_account = [a for a in accountabilities if a.status in TO_ACCOUNT]
    return {
        "overdue": [
            *(e for e in evaluations if e.planned_on < today),
            *(a for a in to_account if a.due_on < today),
        ],
        "this_week": [
            *(e for e in evaluations if today <= e.planned_on <= week),
            *(a for a in to_account if today <= a.due_on <= week),
        ],
        "visits": [e for e in evaluations if e.visit_on and today <= e.visit_on <= week],
        "to_review": [a for a in accountabilities if a.status == AccountabilityStatus.SUBMITTED],
    }


def running_applications(initiative_ids) -> dict[int, list[Application]]:
    """Per initiative, its applications that are still running (sent in, being checked,
    waiting for a decision, or granted and running): the dossier a reassignment moves
    (initiatives/handover.py)."""
    from budget.enums import OPEN_STATUSES, RUNNING_STATUSES

    running: dict[int, list[Application]] = {}
    for application in Application.objects.filter(
        initiative__in=list(initiative_ids), status__in=OPEN_STATUSES | RUNNING_STATUSES
    ).order_by("pk"):
        running.setdefault(application.initiative_id, []).append(application)
    return running
