"""Reads that depend on the user or span relations. Query counts do not grow with rows."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from burgerkracht.accounts.models import User
from burgerkracht.accounts.roles import FACILITATOR_ROLES, INITIATOR_ROLES, Role
from burgerkracht.core.required import required
from initiatives import intake
from initiatives.enums import InitiativeStatus, LeadSuccession, Risk
from initiatives.models import Initiative, Initiator, Message, Update
from initiatives.permissions import initiatives_visible_to, is_coordinator, is_lead

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

OPEN_STATUSES = (InitiativeStatus.SUBMITTED, InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED)


class RiskAnnotations(TypedDict):
    """What `with_risk_annotations` adds to each initiative."""

    active_initiator_count: int
    has_backup_initiator: bool
    facilitator_gone: bool


if TYPE_CHECKING:
    RiskAnnotated = WithAnnotations[Initiative, RiskAnnotations]  # a with_risk_annotations row


def _active_initiators() -> QuerySet[Initiator]:
    return Initiator.objects.filter(
        initiative=OuterRef("pk"), accepted_at__isnull=False, left_at__isnull=True
    )


def with_risk_annotations(queryset: QuerySet[Initiative]) -> QuerySet[RiskAnnotated]:
    """Annotate what the continuity risks are computed from, so lists can filter on them."""
    count = _active_initiators().values("initiative").annotate(n=Count("pk")).values("n")[:1]
    backup = _active_initiators().filter(is_backup=True).values("pk")
    return queryset.annotate(
        active_initiator_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
        # A correlated scalar subquery, not EXISTS: PostgreSQL turns an EXISTS in the select
        # list into one hashed scan of every backup, even for a page of 25 (target P2).
        has_backup_initiator=IsNull(Subquery(backup[:1]), False),
        facilitator_gone=ExpressionWrapper(
            Q(facilitator__isnull=False) & Q(facilitator__is_active=False),
            output_field=BooleanField(),
        ),
    )


def annotated_risks(initiative: RiskAnnotated) -> list[Risk]:
    """The risks of an initiative from a `with_risk_annotations` queryset (no queries)."""
    risks = []
    if initiative.active_initiator_count <= 1:
        risks.append(Risk.SINGLE_INITIATOR)
    if not initiative.has_backup_initiator:
        risks.append(Risk.NO_BACKUP_INITIATOR)
    if initiative.status != InitiativeStatus.DRAFT and initiative.backup_facilitator_id is None:
        risks.append(Risk.NO_BACKUP_FACILITATOR)
    if initiative.facilitator_gone:
        risks.append(Risk.FACILITATOR_GONE)
    if initiative.lead_succession != LeadSuccession.NONE:
        risks.append(Risk.LEAD_WANTED)
    return risks


def needs_action(*, prefix: str = "", initiators: str = "active_initiator_count") -> Q:
    """The continuity rule: a flag means a coordinator must act (initiatives/README.md).

    Either nobody on the municipality's side can act (no facilitator, or their account is
    switched off), or the initiative hangs on one person on each side: at most one active
    initiator and no backup initiator, and no backup facilitator who is still active. A
    missing backup on one side only is shown in the lists but is not flagged: the other side
    can still carry it over. An initiative whose lead stepped down is flagged until someone is
    lead again (SC-13). `prefix` is the path to the initiative, `initiators` the name of the
    annotated count of active initiators; `has_backup_initiator` must be annotated too."""
    facilitator, backup = f"{prefix}facilitator", f"{prefix}backup_facilitator"
    nobody = Q(**{f"{facilitator}__isnull": True}) | Q(**{f"{facilitator}__is_active": False})
    alone = Q(**{f"{initiators}__lte": 1}) & Q(has_backup_initiator=False)
    no_backup = Q(**{f"{backup}__isnull": True}) | Q(**{f"{backup}__is_active": False})
    lead_wanted = ~Q(**{f"{prefix}lead_succession": LeadSuccession.NONE})
    return nobody | (alone & no_backup) | lead_wanted


def filter_by_risk(queryset: QuerySet[RiskAnnotated], risk: str) -> QuerySet[RiskAnnotated]:
    match risk:
        case Risk.SINGLE_INITIATOR:
            return queryset.filter(active_initiator_count__lte=1)
        case Risk.NO_BACKUP_INITIATOR:
            return queryset.filter(has_backup_initiator=False)
        case Risk.NO_BACKUP_FACILITATOR:
            return queryset.filter(backup_facilitator__isnull=True).exclude(
                status=InitiativeStatus.DRAFT
            )
        case Risk.FACILITATOR_GONE:
            return queryset.filter(facilitator_gone=True)
        case Risk.LEAD_WANTED:
            return queryset.exclude(lead_succession=LeadSuccession.NONE)
        case "any":
            return queryset.filter(needs_action(), status__in=OPEN_STATUSES)
    return queryset


def initiatives_for_officials(user: User) -> QuerySet[Initiative]:
    """The coordinator sees every submitted initiative; a facilitator the ones they facilitate:
    those they may see (permissions.initiatives_visible_to) past the draft."""
    queryset = initiatives_visible_to(user).exclude(status=InitiativeStatus.DRAFT)
    return (
        with_risk_annotations(queryset)
        .select_related("facilitator", "backup_facilitator")
        .prefetch_related("neighbourhoods")
    )


def initiatives_of(user: User) -> list[Initiative]:
    """A person's own initiatives: as initiator, or registered by them with a resident."""
    # Two index lookups joined by UNION: an OR across the initiators' join would read every
    # initiative (a tenth of a second at 100,000, on every dashboard).
    joined = Initiator.objects.filter(user=user, left_at__isnull=True).values("initiative_id")
    assisted = Initiative.objects.filter(assisted_by=user).values("pk")
    return list(
        Initiative.objects.filter(pk__in=joined.union(assisted))
        .select_related("facilitator")
        .prefetch_related(
            Prefetch("initiators", queryset=Initiator.objects.select_related("user")),
            "neighbourhoods",
        )
        .order_by("-created_at")
    )


def dashboard_initiatives(user: User) -> list[Initiative]:
    """`initiatives_of`, read once per request for the dashboard panels that show them."""
    if "_dashboard_initiatives" not in user.__dict__:
        user.__dict__["_dashboard_initiatives"] = initiatives_of(user)
    return user.__dict__["_dashboard_initiatives"]


def pending_invitations(user: User) -> list[Initiator]:
    return list(
        Initiator.objects.filter(
            email__iexact=user.email, accepted_at__isnull=True, left_at__isnull=True
        ).select_related("initiative")
    )


def next_step(initiative: Initiative, user: User) -> str:
    """What this person should do next, in plain words."""
    match initiative.status:
        case InitiativeStatus.DRAFT:
            if not is_lead(user, initiative):
                return _("Waiting for the resident to confirm the registration.")
            missing = intake.missing_steps(initiative)
            if missing:
                return ngettext(
                    "Finish your registration: %(count)d step to go.",
                    "Finish your registration: %(count)d steps to go.",
                    len(missing),
                ) % {"count": len(missing)}
            return _("Check your registration and send it in.")
        case InitiativeStatus.SUBMITTED:
            if initiative.facilitator_id is None:
                return _("We are looking for a contact person for you. You will hear from us.")
            return _("Your contact person %(name)s will get in touch with you.") % {
                "name": initiative.facilitator
            }
        case InitiativeStatus.ACTIVE:
            return _("Your initiative is running. Tell us how it is going on its timeline.")
        case InitiativeStatus.PAUSED:
            return _("Your initiative is paused. Want to start again? Tell your contact person.")
    return _("Your initiative has ended. Thank you for what you did!")


def published_initiatives(
    *, search: str = "", neighbourhood: str = "", theme: str = ""
) -> QuerySet[Initiative]:
    queryset = Initiative.objects.published().prefetch_related("neighbourhoods")
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(summary__icontains=search))
    if neighbourhood:
        # EXISTS, not a join: a join needs DISTINCT, which sorts every published row.
        in_neighbourhood = Initiative.neighbourhoods.through.objects.filter(
            initiative=OuterRef("pk"), neighbourhood__slug=neighbourhood
        )
        queryset = queryset.filter(Exists(in_neighbourhood))
    if theme:
        queryset = queryset.filter(theme=theme)
    return queryset.order_by("-status_changed_at", "-pk")


def open_signals(user: User) -> QuerySet[Update]:
    queryset = Update.objects.filter(is_signal=True, signal_handled_at__isnull=True)
    if not is_coordinator(user):
        queryset = queryset.filter(
            Q(initiative__facilitator=user) | Q(initiative__backup_facilitator=user)
        )
    return queryset.select_related("initiative", "author").order_by("-created_at")


def recent_updates(user: User, *, days: int = 14) -> QuerySet[Update]:
    since = timezone.now() - timedelta(days=days)
    queryset = Update.objects.filter(created_at__gte=since)
    if not is_coordinator(user):
        queryset = queryset.filter(
            Q(initiative__facilitator=user) | Q(initiative__backup_facilitator=user)
        )
    return queryset.select_related("initiative", "author").order_by("-created_at")


def facilitator_workload() -> list[User]:
    """Every facilitator with their number of open initiatives, as facilitator and backup.

    Three plain queries: the facilitators, and the open initiatives counted per facilitator
    and per backup. Counting both relations in one GROUP BY joins every facilitated
    initiative with every backed-up one (minutes at 100,000 initiatives), and correlated
    counts made PostgreSQL plan the whole list badly."""
    facilitators = list(
        User.objects.filter(groups__name=Role.FACILITATOR, is_active=True).order_by(
            "full_name", "email"
        )
    )
    open_initiatives = Initiative.objects.filter(status__in=OPEN_STATUSES).order_by()

    def per(field: str) -> dict[int, int]:
        rows = open_initiatives.filter(**{f"{field}__in": facilitators}).values(field)
        return dict(rows.annotate(n=Count("pk")).values_list(field, "n"))

    primary, backup = per("facilitator"), per("backup_facilitator")
    for user in facilitators:
        # Read by the coordinator's table of facilitators.
        user.primary_count = primary.get(user.pk, 0)  # type: ignore[attr-defined]
        user.backup_count = backup.get(user.pk, 0)  # type: ignore[attr-defined]
    return facilitators


def unassigned_initiatives() -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(status__in=OPEN_STATUSES, facilitator__isnull=True)
        .prefetch_related("neighbourhoods")
        .order_by("submitted_at")
    )


def timeline(initiative: Initiative) -> QuerySet[Update]:
    return initiative.updates.select_related("author")


def messages_of(initiative: Initiative) -> QuerySet[Message]:
    return initiative.messages.select_related("sender")


# --- Registered in hooks.py -----------------------------------------------------------------


def export_for_user(user: User) -> list[dict[str, Any]]:
    """The initiatives part of "download my data": every initiative the person is (or was)
    an initiator of, in their own words, with their consent and what they wrote."""
    rows = []
    initiators = Initiator.objects.filter(user=user).select_related("initiative")
    for initiator in initiators.prefetch_related("initiative__neighbourhoods"):
        i = initiator.initiative
        rows.append(
            {
                "initiative": i.title,
                "role": initiator.role,
                "backup": initiator.is_backup,
                "invited_at": _iso(initiator.invited_at),
                "accepted_at": _iso(initiator.accepted_at),
                "left_at": _iso(initiator.left_at),
                "status": i.status,
                "theme": i.theme,
                "summary": i.summary,
                "why": i.why,
                "goal": i.goal,
                "distance_to_goal": i.distance_to_goal,
                "actions_needed": i.actions_needed,
                "target_group": i.target_group,
                "neighbourhoods": [n.name for n in i.neighbourhoods.all()],
                "expected_participants": i.expected_participants,
                "support_wanted": list(i.support_wanted),
                "support_other": i.support_other,
                "lessons": i.lessons,
                "consent_publication": i.publication_consent,
                "motivation": {
                    "interest": initiator.interest,
                    "dream": initiator.dream,
                    "allergy": initiator.allergy,
                    "contribution": initiator.contribution,
                },
                "messages_sent": list(
                    i.messages.filter(sender=user).values_list("body", flat=True)
                ),
                "updates_written": list(
                    i.updates.filter(author=user).values_list("text", flat=True)
                ),
            }
        )
    return rows


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def dashboard_context(user: User) -> dict[str, Any] | None:
    mine = dashboard_initiatives(user)
    # Open invitations are on the "Actie nodig" panel (budget/actions.py), not here.
    invitations: list[Initiator] = []
    officials = user.has_role(*FACILITATOR_ROLES)
    can_start = user.has_role(*INITIATOR_ROLES)
    if not (mine or invitations or officials or can_start):
        return None
    return {
        "initiatives": [(i, next_step(i, user)) for i in mine],
        "invitations": invitations,
        "officials": officials,
        "can_start": can_start,
        "open_signal_count": open_signals(user).count() if officials else 0,
    }


def contact_person(initiative: Initiative) -> dict[str, Any]:
    """Who a resident can turn to about this initiative: the facilitator once one is assigned,
    else the municipality's general contact details (no queries when `facilitator` is loaded)."""
    from burgerkracht.core.models import Municipality

    if initiative.facilitator_id is not None:
        person = required(initiative.facilitator)
        return {"name": str(person), "email": person.email, "phone": person.phone,
                "is_facilitator": True}  # fmt: skip
    municipality = Municipality.current()
    return {"name": municipality.name, "email": municipality.email, "phone": municipality.phone,
            "is_facilitator": False}  # fmt: skip
