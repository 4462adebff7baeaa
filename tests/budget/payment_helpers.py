"""Shared set-ups for the payment-order tests (SC-12): a grant whose first payment's date has
come, with or without a bank account, and confirmation files as the bank sends them."""

from __future__ import annotations

import csv
import io
from datetime import date

from budget import services
from budget.models import Application, BudgetLine, Tranche
from tests.budget.followup_helpers import grant

IBAN = "NL91ABNA0417164300"
TODAY = date(2027, 3, 1)  # the first payment (1 February 2027) is due, the second not yet
DUE = [{"date": "2027-02-01", "amount": "300.00"}, {"date": "2027-06-01", "amount": "200.00"}]


def with_account(application: Application, iban: str = IBAN) -> Application:
    lead = application.initiative.created_by
    return services.change_bank_account(
        by=lead, application=application, iban=iban, account_holder="Stichting Buurtkracht"
    )


def granted_with_account(**kwargs):
    application, holder, facilitator = grant(payments=kwargs.pop("payments", DUE), **kwargs)
    return with_account(application), holder, facilitator


def first(application: Application) -> Tranche:
    return Tranche.objects.filter(award_id=application.award_id).order_by("planned_on").first()


def csv_file(rows: list[list[str]], header=("reference", "paid_on", "bank_reference", "amount")):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def paid_total(line) -> tuple:
    """(line.paid, sum of the paid tranches of the line) fresh from the database."""
    paid = BudgetLine.objects.get(pk=line.pk).paid
    tranches = Tranche.objects.filter(award__line=line, paid_on__isnull=False)
    return paid, sum((t.amount for t in tranches), paid * 0)
