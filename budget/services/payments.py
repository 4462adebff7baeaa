"""Payment orders and paid confirmations (SC-12 "Waar blijft ons geld?").

A tranche goes waiting → released → ordered (betaalopdracht verstuurd) → paid, or is
withheld and never paid. Officials export the released tranches whose date has come as one
payment order for the finance department, and read the bank's confirmations back. Both are
idempotent: a tranche is ordered once (an order keeps its rows, so downloading it again gives
the same file) and paid once (importing a file again pays nothing twice). Every step is
audited and told to the residents (e-mail, or a letter for who gets post).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from budget import payment_files, payment_selectors, permissions
from budget.models import Application, BudgetLine, PaymentImport, PaymentOrder, Tranche
from budget.payment_selectors import application_of
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.messaging.notifications import absolute_url, notify
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.required import required
from burgerkracht.core.validation import iban as iban_check
from initiatives import services as initiative_services

if TYPE_CHECKING:
    from burgerkracht.accounts.models import User


def _audit(subject: models.Model, by: User, action: str, reason: str = "", **data: Any) -> None:
    AuditEvent.record(subject=subject, actor=by, action=action, reason=reason, data=data)


def _tell(tranche: Tranche, template: str) -> None:
    application = application_of(tranche)
    if application is None:
        return
    notify(
        recipients=initiative_services.initiator_users(application.initiative),
        template=template,
        context={"application": application, "tranche": tranche,
                 "link": absolute_url(application.get_absolute_url())},
        preference="status",
    )  # fmt: skip


def mark_paid(*, by: User, tranche: Tranche, paid_on: date, bank_reference: str = "") -> Tranche:
    """Pay a tranche that the caller has locked, with its line: the one place a tranche
    becomes paid (by hand, or from a confirmation file)."""
    if tranche.paid_on is not None:
        raise DomainError(_("This tranche has already been paid."))
    if tranche.award.settled_at is not None:
        raise DomainError(_("This award has been settled."))
    if tranche.released_at is None:
        raise DomainError(_("This tranche waits for an evaluation and cannot be paid yet."))
    tranche.paid_on, tranche.bank_reference = paid_on, bank_reference.strip()[:60]
    tranche.save(update_fields=["paid_on", "bank_reference", "updated_at"])
    BudgetLine.objects.filter(pk=tranche.award.line_id).update(paid=F("paid") + tranche.amount)
    _audit(tranche.award, by, "award.tranche_paid", amount=str(tranche.amount),
           tranche=tranche.pk, reference=tranche.order_reference or "",
           bank_reference=tranche.bank_reference)  # fmt: skip
    _tell(tranche, "budget/payment_paid")
    return tranche


def _row(tranche: Tranche, reference: str) -> dict[str, str]:
    application = required(application_of(tranche))  # a running application's tranche
    return {
        "creditor_name": application.account_holder,
        "iban": application.iban,
        "amount": str(tranche.amount),
        "reference": reference,
        "budget_line": tranche.award.line.name,
        "description": f"{application.reference} {application.initiative.title}"[:140],
    }


@transaction.atomic
def order_payments(*, by: User, today: date | None = None) -> PaymentOrder:
    """One payment order with every tranche this official may order and that is ready: each
    is marked "betaalopdracht verstuurd" with the date and its payment reference. Tranches
    whose application has no bank account are left out (the export screen lists them)."""
    if not permissions.can_order_payments(by):
        raise DomainError(_("You may not send payment orders."))
    today = today or timezone.localdate()
    locked = payment_selectors.orderable(by, today).select_for_update(of=("self",))
    tranches = [t for t in locked if t.order_id is None and required(application_of(t)).iban]
    if not tranches:
        raise DomainError(_("There are no payments ready to be ordered."))
    order = PaymentOrder.objects.create(created_by=by, rows="[]")
    rows = []
    for tranche in tranches:
        reference = f"BT-{today.year}-{tranche.pk:05d}"
        rows.append(_row(tranche, reference))
        tranche.order, tranche.ordered_on, tranche.order_reference = order, today, reference
        tranche.save(update_fields=["order", "ordered_on", "order_reference", "updated_at"])
        _audit(tranche.award, by, "award.tranche_ordered", amount=str(tranche.amount),
               tranche=tranche.pk, reference=reference, order=order.reference)  # fmt: skip
        _tell(tranche, "budget/payment_ordered")
    order.rows = json.dumps(rows)
    order.save(update_fields=["rows"])
    total = sum((t.amount for t in tranches), Decimal("0.00"))
    _audit(order, by, "payment_order.sent", tranches=len(tranches), total=str(total))
    return order


def order_download(*, by: User, order: PaymentOrder, fmt: str) -> bytes:
    """The order's file again (the same rows every time); the download is audited."""
    if not permissions.can_see_payment_order(by, order):
        raise DomainError(_("You may not see this payment order."))
    _audit(order, by, "payment_order.downloaded", format=fmt)
    return payment_files.order_file(order.rows, fmt)


@transaction.atomic
def read_payment_file(*, by: User, filename: str, content: bytes) -> PaymentImport:
    """Read a file of paid confirmations; nothing is paid until it is confirmed."""
    if not permissions.can_order_payments(by):
        raise DomainError(_("You may not read payment confirmations."))
    try:
        rows = payment_files.read_confirmations(content, filename)
    except ValueError as error:
        if str(error) == "columns":
            raise DomainError(
                _("The file needs at least the columns reference and paid_on.")
            ) from error
        raise DomainError(_("This file cannot be read: upload a CSV or XLSX file.")) from error
    if not rows:
        raise DomainError(_("The file has no rows."))
    payment_import = PaymentImport.objects.create(
        created_by=by, filename=filename[:200], rows=payment_files.as_json(rows)
    )
    _audit(payment_import, by, "payment_import.read", rows=len(rows))
    return payment_import


@transaction.atomic
def confirm_payment_file(*, by: User, payment_import: PaymentImport) -> PaymentImport:
    """Pay what the file says was paid, row by row: a known reference of this official's
    tranches, ordered and not paid, with the amount ordered. Every other row is refused with
    its reason and changes nothing. Applying a file (or the same file again) never pays a
    tranche twice: the tranches are locked and their state read under the lock."""
    payment_import = PaymentImport.objects.select_for_update().get(pk=payment_import.pk)
    if not permissions.can_confirm_payment_import(by, payment_import):
        raise DomainError(_("This file has already been applied."))
    references = [row["reference"] for row in payment_import.rows]
    locked = list(
        payment_selectors.tranches_for(by)
        .filter(order_reference__in=references)
        .select_related(*payment_selectors.RELATED)
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    lines = sorted({t.award.line_id for t in locked})
    list(BudgetLine.objects.select_for_update().filter(pk__in=lines).order_by("pk"))
    outcomes = payment_selectors.classify(payment_import.rows, locked)
    by_reference = {t.order_reference: t for t in locked}
    for outcome in outcomes:
        if outcome["outcome"] == "pay":
            mark_paid(by=by, tranche=by_reference[outcome["reference"]],
                      paid_on=date.fromisoformat(outcome["paid_on"]),
                      bank_reference=outcome["bank_reference"])  # fmt: skip
            outcome["outcome"] = "paid"
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome["outcome"]] = counts.get(outcome["outcome"], 0) + 1
    payment_import.confirmed_at = timezone.now()
    payment_import.summary = {"counts": counts, "rows": outcomes}
    payment_import.save(update_fields=["confirmed_at", "summary"])
    _audit(payment_import, by, "payment_import.applied", reason="", **counts)
    return payment_import


@transaction.atomic
def change_bank_account(
    *, by: User, application: Application, iban: str, account_holder: str
) -> Application:
    """The resident's bank account for the payments, until the first payment order. The
    number itself is never written to the audit log."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    ordered = payment_selectors.has_payment_order(application)
    if not permissions.can_change_bank_account(by, application, ordered=ordered):
        raise DomainError(
            _("The bank account can no longer be changed here: a payment order has been sent.")
        )
    if not account_holder.strip():
        raise DomainError(_("Fill in the name of the account holder."))
    try:
        number = iban_check.validate(iban)
    except iban_check.InvalidIBAN as error:
        raise DomainError(_("This is not a valid IBAN. Check the number.")) from error
    application.iban, application.account_holder = number, account_holder.strip()
    application.save(update_fields=["iban", "account_holder", "updated_at"])
    _audit(application, by, "application.bank_account_changed")
    return application
