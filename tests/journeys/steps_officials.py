"""The officials' part of a resident's journey, through the same services their pages call:
the resident's journey is about the resident; the officials walk their own pages in
test_facilitator, test_holder and test_council."""

from datetime import date
from decimal import Decimal

from budget import services
from budget.models import Application
from initiatives import services as initiative_services
from tests.factories import STEP_DATA, InitiativeFactory, decide, filled_application


def assess(application: Application, *, facilitator, line, amount: str, coordinator=None):
    """The coordinator assigns the facilitator (when there is none yet); the facilitator
    checks and sends it on."""
    if coordinator is not None:
        initiative_services.assign_facilitators(
            initiative=application.initiative, by=coordinator, facilitator=facilitator,
            backup=None,
        )  # fmt: skip
    services.save_assessment(
        application=application, by=facilitator, is_complete=True,
        legal_check="Geen vergunning nodig.", administrative_check="Vervanger is genoemd.",
        financial_check="De begroting klopt.",
        criterion_reasoning="Wie nu thuis zit, zingt weer mee: zo beschrijven ze het zelf.",
        proposed_amount=Decimal(amount), line=line,
    )  # fmt: skip
    services.complete_assessment(application=application, by=facilitator)
    return Application.objects.get(pk=application.pk)


def grant_and_pay(application: Application, *, holder, amount: str, paid_on: date):
    """The holder grants and publishes (the worker makes the letter); the first payment is
    made."""
    decide(application, holder, amount=amount)
    services.publish_decision(application=application, by=holder)
    application = Application.objects.get(pk=application.pk)
    tranche = application.award.tranches.order_by("planned_on").first()
    services.pay_tranche(by=holder, tranche=tranche, paid_on=paid_on)
    return application


def sent_in_application(*, line, facilitator, asked: str = "1600.00") -> Application:
    """A resident's application, sent in through the services, asking `asked` euros."""
    initiative = InitiativeFactory(submitted=True, facilitator=facilitator, title="Buurtkoor")
    application = filled_application(line=line, initiative=initiative)
    services.save_application_step(
        application=application, by=initiative.created_by, step=4,
        data={**STEP_DATA[4], "requested_amount": Decimal(asked),
              "cost_lines": [("Dirigent", Decimal(asked) + 50)]},
    )  # fmt: skip
    return services.submit_application(application=application, by=initiative.created_by)
