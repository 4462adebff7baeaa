"""The pages of one application: the application with what the page shows, in a fixed
number of queries."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, JSONObject
from django.shortcuts import get_object_or_404

from budget import permissions
from budget.models import (
    ZERO,
    Accountability,
    Application,
    Award,
    LeadResident,
    ProfessionalAdvice,
    Tranche,
)
from budget.models.ledger import money
from initiatives.models import Initiator

# The professionals asked for advice, with their names.
ADVICE = Prefetch(
    "professional_advice", queryset=ProfessionalAdvice.objects.select_related("professional")
)
# The residents in the lead an organisation named (BR-05), with their invitations.
LEADS = Prefetch("lead_residents", queryset=LeadResident.objects.select_related("initiator"))
# The same, as rows in the application's own query (Application.leads): the pages of an
# organisation's application run no query more than a resident's (targets P1).
LEAD_ROWS = ArraySubquery(
    LeadResident.objects.filter(application=OuterRef("pk"))
    .order_by("position")
    .values(
        row=JSONObject(
            name="name",
            email="email",
            has_accepted=ExpressionWrapper(
                Q(initiator__accepted_at__isnull=False, initiator__left_at__isnull=True),
                output_field=BooleanField(),
            ),
        )
    )
)
# What the application page shows; its other pages (the check, an evaluation) name theirs.
APPLICATION_PAGE_PARTS = (
    "evaluations", "signs", "cost_lines", "attachments", "letters", ADVICE, LEADS,
)  # fmt: skip
# What the accountability's pages show of it besides its own row: its results per sign and
# its spending, in the order of the signs and the cost lines (their Meta ordering).
ACCOUNTABILITY_PARTS = ("accountability__sign_results", "accountability__spending")


def application_detail(
    pk: int, *, parts: tuple = APPLICATION_PAGE_PARTS, viewer=None
) -> Application:
    """One application with its initiators and `parts`: one query for the application and
    one per relation (see application_queryset); 404 when there is none."""
    return get_object_or_404(application_queryset(parts=parts, viewer=viewer), pk=pk)


def application_queryset(
    *, parts: tuple = APPLICATION_PAGE_PARTS, viewer=None
) -> QuerySet[Application]:
    """The applications as a page of one shows them: with its initiators and `parts`. A page
    of a part of the grant finds its application through the part (the accountability is
    selected with it), so the part and the application are loaded once. Whether `viewer`
    holds its line or was asked for advice is annotated (permissions.is_holder and
    is_advisor read it), so those lists need no query."""
    queryset = Application.objects.select_related(
        "initiative__facilitator", "initiative__backup_facilitator", "line__fund", "fund",
        "initiative__assisted_by", "initiative__consent_recorded_by",
        "neighbourhood", "assessed_by", "decision__meetlat_version", "award", "decided_by",
        "decider",
        "accountability",
    ).prefetch_related(
        Prefetch("initiative__initiators", queryset=Initiator.objects.select_related("user")),
        *parts,
    ).annotate(lead_rows=LEAD_ROWS)  # fmt: skip
    if viewer is not None and viewer.is_authenticated:
        # The parts of the one rule (permissions.applications_visible_to), as columns.
        queryset = queryset.annotate(
            viewer_pk=Value(viewer.pk),
            viewer_is_holder=ExpressionWrapper(
                permissions.holder_q(viewer), output_field=BooleanField()
            ),
            viewer_is_advisor=ExpressionWrapper(
                permissions.advisor_q(viewer), output_field=BooleanField()
            ),
        )
    else:
        people: list[str | Prefetch] = [
            "line__decision_holders",
            *([] if ADVICE in parts else [ADVICE]),
        ]
        queryset = queryset.prefetch_related(*people)
    return queryset


def accountability_detail(
    pk: int, *, parts: tuple = (), viewer=None, with_money: bool = False
) -> Accountability:
    """One accountability with its application (its initiators and `parts`) in one query and
    one per relation; with `with_money` the grant's money is annotated on the application
    (grant_money), so the settlement's figures need no query. 404 when there is none."""
    queryset = (
        application_queryset(parts=(*parts, *ACCOUNTABILITY_PARTS), viewer=viewer)
        .select_related("accountability__submitted_by", "accountability__settled_by")
        .annotate(**(grant_money() if with_money else {}))
    )
    return get_object_or_404(queryset, accountability=pk).accountability


def grant_money() -> dict:
    """Annotations of an Application queryset: what its grant awarded (`grant_awarded`: its
    award and every extra push of its evaluations, as services.evaluation.awards_of) and
    paid out (`grant_paid`: their tranches paid). Each sum is a subquery of one kind of row,
    never over a join of awards and tranches, which would count an award once per tranche;
    and the grant's own award and the extra pushes are summed apart, which keeps each
    subquery on an index."""
    paid = Tranche.objects.filter(paid_on__isnull=False)
    return {
        "grant_awarded": Coalesce(F("award__amount"), ZERO, output_field=money(""))
        + _sum(Award.objects.filter(evaluation__application=OuterRef("pk"))),
        "grant_paid": _sum(paid.filter(award=OuterRef("award")))
        + _sum(paid.filter(award__evaluation__application=OuterRef("pk"))),
    }


def _sum(queryset: QuerySet) -> Coalesce:
    """The sum of `amount` over `queryset`, as a subquery (0 when there are no rows)."""
    summed = queryset.order_by().annotate(total=Func(F("amount"), function="SUM")).values("total")
    return Coalesce(Subquery(summed, output_field=money("")), ZERO, output_field=money(""))
