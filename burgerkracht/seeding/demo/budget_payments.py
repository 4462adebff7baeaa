"""Demo payment orders (SC-12), all through the services: the choir and the language café
have a bank account; their first payments (due 1 February 2027) went to the finance
department as one payment order, and the bank's confirmation of the choir's payment has been
read but not yet applied. The other grants have no bank account yet: the export screen lists
them as "rekeningnummer ontbreekt" once their payments are due."""

from __future__ import annotations

from datetime import date

from budget import services
from budget.models import Application, PaymentOrder
from burgerkracht.accounts.models import User

WITH_ACCOUNT = {
    "Koor voor mensen met geheugenproblemen": ("NL91ABNA0417164300", "Stichting Koor Almere"),
    "Taalcafé voor nieuwkomers": ("NL44RABO0123456789", "A. de Vries"),
}
ORDERED_ON = date(2027, 2, 1)


def seed() -> None:
    if PaymentOrder.objects.exists():
        return
    facilitator = User.objects.get(email="facilitator@example.org")
    applications = Application.objects.filter(
        initiative__title__in=WITH_ACCOUNT, award__isnull=False
    ).select_related("initiative")
    for application in applications.order_by("pk"):
        iban, holder = WITH_ACCOUNT[application.initiative.title]
        lead = application.initiative.initiators.get(role="lead", left_at__isnull=True).user
        services.change_bank_account(
            by=lead, application=application, iban=iban, account_holder=holder
        )
    order = services.order_payments(by=facilitator, today=ORDERED_ON)
    choir = order.tranches.filter(
        award__application__initiative__title__startswith="Koor voor"
    ).first()
    if choir is not None:
        content = f"reference,paid_on,bank_reference\n{choir.order_reference},2027-02-05,"
        services.read_payment_file(
            by=facilitator, filename="bank-2027-02-05.csv",
            content=f"{content}NL-TX-20270205-001\n".encode(),
        )  # fmt: skip
