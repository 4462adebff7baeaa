"""The pages of one application: the application with what the page shows, in a fixed
number of queries."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Value
from django.shortcuts import get_object_or_404

from budget.models import Application, BudgetLine, ProfessionalAdvice
from initiatives.models import Initiator

# The professionals asked for advice, with their names.
ADVICE = Prefetch("advice", queryset=ProfessionalAdvice.objects.select_related("professional"))
# What the application page shows; its other pages (the check, an evaluation) name theirs.
APPLICATION_PAGE_PARTS = ("evaluations", "signs", "cost_lines", "attachments", "letters", ADVICE)


def application_detail(
    pk: int, *, parts: tuple = APPLICATION_PAGE_PARTS, viewer=None
) -> Application:
    """One application with its initiators and `parts`: one query for the application and
    one per relation. Whether `viewer` holds its line or was asked for advice is annotated
    (permissions.is_holder and is_advisor read it), so those lists need no query."""
    queryset = Application.objects.select_related(
        "initiative__facilitator", "initiative__backup_facilitator", "line__fund", "fund",
        "neighbourhood", "assessed_by", "decision__meetlat_version", "award", "decided_by",
        "accountability",
    ).prefetch_related(
        Prefetch("initiative__initiators", queryset=Initiator.objects.select_related("user")),
        *parts,
    )  # fmt: skip
    if viewer is not None and viewer.is_authenticated:
        holders = BudgetLine.decision_holders.through.objects
        queryset = queryset.annotate(
            viewer_pk=Value(viewer.pk),
            viewer_is_holder=Exists(holders.filter(budgetline=OuterRef("line"), user=viewer.pk)),
            viewer_is_advisor=Exists(
                ProfessionalAdvice.objects.filter(
                    application=OuterRef("pk"), professional=viewer.pk
                )
            ),
        )
    else:
        people = ["line__decision_holders", *([] if ADVICE in parts else [ADVICE])]
        queryset = queryset.prefetch_related(*people)
    return get_object_or_404(queryset, pk=pk)
