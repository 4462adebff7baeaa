"""Reads for payment orders (SC-12): which tranches an official may order and see, what is
ready to be ordered, and what a confirmation file would do. Rights follow the subject: a
facilitator sees the tranches of their initiatives, a decision holder those of their lines,
coordinators and administrators all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget.enums import ACCOUNTING_STATUSES, RUNNING_STATUSES
from budget.models import Application, BudgetLine, PaymentOrder, Tranche
from burgerkracht.accounts.roles import OVERSEER_ROLES
from burgerkracht.core.required import required
from burgerkracht.core.ui.formatting import euro

RELATED = (
    "award__line",
    "award__application__initiative",
    "award__evaluation__application__initiative",
)

# Who the residents call about a payment: their contact person, or the backup when away.
CONTACTS = tuple(
    f"award__{path}application__initiative__{who}"
    for path in ("", "evaluation__")
    for who in ("facilitator", "backup_facilitator")
)


def sees_all(user) -> bool:
    return user.has_role(*OVERSEER_ROLES)


def _of_applications(q: Q) -> Q:
    """`q` about an application, for a tranche of its award or of an extra push."""
    lookups: list[tuple[str, Any]] = q.children  # type: ignore[assignment]  # a Q of lookups only
    return Q(**{f"award__application__{k}": v for k, v in lookups}) | Q(
        **{f"award__evaluation__application__{k}": v for k, v in lookups}
    )


def tranches_for(user) -> QuerySet[Tranche]:
    """The tranches of running grants this official answers for."""
    running = _of_applications(Q(status__in=list(RUNNING_STATUSES)))
    tranches = Tranche.objects.filter(running)
    if sees_all(user):
        return tranches
    own = (
        _of_applications(Q(initiative__facilitator=user.pk))
        | _of_applications(Q(initiative__backup_facilitator=user.pk))
        | Q(award__line__in=BudgetLine.objects.filter(decision_holders=user.pk))
    )
    return tranches.filter(own)


def application_of(tranche: Tranche) -> Application | None:
    """The application a tranche pays: of its award, or of the extra push its award is; None
    for an award made outside an application (the ledger's own tests and settlements)."""
    award = tranche.award
    try:
        return award.application
    except ObjectDoesNotExist:
        pass
    try:
        return award.evaluation.application
    except ObjectDoesNotExist:
        return None


def orderable(user, today: date | None = None) -> QuerySet[Tranche]:
    """Released, not withheld, not ordered or paid, its date come, its award not settled."""
    today = today or timezone.localdate()
    return (
        tranches_for(user)
        .filter(
            released_at__isnull=False,
            withheld_at__isnull=True,
            paid_on__isnull=True,
            order__isnull=True,
            planned_on__lte=today,
            award__settled_at__isnull=True,
        )
        .select_related(*RELATED)
        .order_by("planned_on", "pk")
    )


@dataclass(frozen=True)
class Ready:
    """What the export screen shows: tranches to order, and those missing an account."""

    ready: list[Tranche]
    missing_account: list[Tranche]

    @property
    def total(self) -> Decimal:
        return sum((t.amount for t in self.ready), Decimal("0.00"))


def ready_to_order(user, today: date | None = None) -> Ready:
    ready: list[Tranche] = []
    missing: list[Tranche] = []
    for tranche in orderable(user, today):
        application = required(application_of(tranche))  # a running grant's tranche
        tranche.application = application  # type: ignore[attr-defined]  # for the template
        (ready if application.iban else missing).append(tranche)
    return Ready(ready=ready, missing_account=missing)


def orders_for(user) -> QuerySet[PaymentOrder]:
    """The payment orders this official sent, or all for coordinators and administrators."""
    orders = PaymentOrder.objects.select_related("created_by").defer("rows")
    return orders if sees_all(user) else orders.filter(created_by=user.pk)


def ordered_for(user, limit: int = 100) -> list[Tranche]:
    """Sent to the finance department and not paid yet, oldest order first."""
    tranches = list(
        tranches_for(user)
        .filter(order__isnull=False, paid_on__isnull=True)
        .select_related(*RELATED)
        .order_by("ordered_on", "pk")[:limit]
    )
    for tranche in tranches:
        tranche.application = application_of(tranche)  # type: ignore[attr-defined]
    return tranches


def has_payment_order(application: Application) -> bool:
    """Whether a tranche of this application (or of its extra pushes) was ever ordered."""
    return Tranche.objects.filter(
        _of_applications(Q(pk=application.pk)), order__isnull=False
    ).exists()


# What a row of a confirmation file does; "pay" becomes "paid" once applied.
OUTCOMES = ("pay", "paid", "already_paid", "unknown", "amount_mismatch", "duplicate",
            "unreadable", "settled")  # fmt: skip


def classify(rows: list[dict], tranches: list[Tranche]) -> list[dict]:
    """Per row of a confirmation file, what applying it does with these tranches (the
    official's own, found by payment reference)."""
    by_reference = {t.order_reference: t for t in tranches}
    seen: dict[str, int] = {}
    result = []
    for row in rows:
        reference, tranche = row["reference"], by_reference.get(row["reference"])
        outcome = {**row, "outcome": "pay", "ordered_amount": "", "paid_before": "",
                   "other_line": seen.get(reference, "")}  # fmt: skip
        if row["unreadable"]:
            outcome["outcome"] = "unreadable"
        elif reference in seen:
            outcome["outcome"] = "duplicate"
        elif tranche is None:
            outcome["outcome"] = "unknown"
        elif tranche.paid_on:
            outcome.update(outcome="already_paid", paid_before=tranche.paid_on.isoformat())
        elif row["amount"] and Decimal(row["amount"]) != tranche.amount:
            outcome.update(outcome="amount_mismatch", ordered_amount=str(tranche.amount))
        elif tranche.award.settled_at:
            outcome["outcome"] = "settled"
        if reference:
            seen.setdefault(reference, row["line"])
        result.append(outcome)
    return result


def preview(user, payment_import) -> list[dict]:
    """What confirming the file would do now (one query)."""
    references = [row["reference"] for row in payment_import.rows]
    tranches = list(
        tranches_for(user).filter(order_reference__in=references).select_related("award")
    )
    return classify(payment_import.rows, tranches)


def imports_for(user):
    """This official's own confirmation files, newest first."""
    from budget.models import PaymentImport

    return PaymentImport.objects.filter(created_by=user.pk).defer("rows", "summary")


def tranches_of(application: Application) -> QuerySet[Tranche]:
    """The tranches of an application's award and of its extra pushes."""
    return Tranche.objects.filter(_of_applications(Q(pk=application.pk)))


def explain(outcome: dict) -> str:
    """The row's outcome for the person, in their language."""
    kind = outcome["outcome"]
    if kind in ("pay", "paid"):
        day = date_format(date.fromisoformat(outcome["paid_on"]), "j F Y")
        text = _("Will be paid on %(date)s.") if kind == "pay" else _("Paid on %(date)s.")
        return text % {"date": day}
    if kind == "already_paid":
        day = date_format(date.fromisoformat(outcome["paid_before"]), "j F Y")
        return _("Already paid on %(date)s: nothing changes.") % {"date": day}
    if kind == "unknown":
        return _("Unknown payment reference, or not a payment you are responsible for.")
    if kind == "amount_mismatch":
        return _("The amount %(amount)s is not the amount ordered (%(ordered)s).") % {
            "amount": euro(Decimal(outcome["amount"])),
            "ordered": euro(Decimal(outcome["ordered_amount"])),
        }
    if kind == "duplicate":
        return _("This reference is already on line %(line)s of the file.") % {
            "line": outcome["other_line"]
        }
    if kind == "settled":
        return _("The grant has been settled: this payment cannot be marked as paid.")
    if outcome.get("unreadable") == "amount":
        return _("The amount cannot be read.")
    return _("The paid date cannot be read.")


def resident_payments(user, limit: int = 10) -> list[Tranche]:
    """The payments of the running (or stopped, not yet settled) grants a resident is an
    active initiator of, for their dashboard: planned, ordered and paid, with their dates."""
    own = Q(
        initiative__initiators__user=user.pk, initiative__initiators__accepted_at__isnull=False,
        initiative__initiators__left_at__isnull=True, status__in=list(ACCOUNTING_STATUSES),
    )  # fmt: skip
    tranches = list(
        Tranche.objects.filter(_of_applications(own), withheld_at__isnull=True)
        .select_related(*RELATED, "after_evaluation", *CONTACTS)
        .order_by("-planned_on", "-pk")
        .distinct()[:limit]
    )
    for tranche in tranches:
        tranche.application = application_of(tranche)  # type: ignore[attr-defined]
    return tranches
