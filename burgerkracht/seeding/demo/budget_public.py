"""Demo data for the public results pages (/resultaten/): the demo grants' initiatives are
running and may be shown, three more grants in other wijken finished and their residents
shared their story, so the city overview, the wijk pages and the Samen Sterk page have
figures, a chart and stories. One granted initiative keeps its consent off, to show that it
is counted but never named."""

from __future__ import annotations

from budget import services
from budget.enums import Continuation
from budget.models import Application, Fund
from burgerkracht.accounts.models import User
from burgerkracht.seeding.demo import budget_followup as demo_followup
from initiatives import services as initiative_services
from initiatives.enums import InitiativeStatus, UpdateKind
from initiatives.models import Initiative

# (title, line, amount, result reached, the residents' story)
FINISHED = [
    ("Buurtbankjes Waterwijk", "Smeerolie Waterwijk", "600", "yes",
     "We zetten vijf bankjes in de straat. Nu zitten er elke middag buren te praten, ook "
     "mensen die eerst nooit buiten kwamen."),
    ("Samen eten in Filmwijk", "Smeerolie Filmwijk", "450", "yes",
     "Eens per maand koken we met twintig buren. Wie alleen woont, eet niet meer alleen."),
    ("Wandelmaatjes Muziekwijk", "Smeerolie Muziekwijk", "350", "no",
     "We vonden te weinig wandelaars. Dat mag: we leerden dat we eerst met het wijkteam "
     "mensen moeten uitnodigen. Drie buren wandelen nog steeds samen."),
]  # fmt: skip
# Counted in the figures, never named on the public pages.
HIDDEN = "Fietsles voor nieuwkomers"


def seed() -> None:
    fund = Fund.objects.get(name="Samen Sterk 2027")
    if Application.objects.filter(fund=fund, initiative__title=FINISHED[0][0]).exists():
        return
    facilitator = User.objects.get(email="facilitator@example.org")
    holder = User.objects.get(email="zeggenschap@example.org")
    professional = User.objects.get(email="professional@example.org")
    for title, line, amount, reached, story in FINISHED:
        application = demo_followup._grant(
            fund, facilitator, holder, professional, title, line, amount
        )
        first = application.evaluations.order_by("planned_on").first()
        demo_followup._evaluate(first, facilitator, holder, Continuation.CONTINUE)
        _account(Application.objects.get(pk=application.pk), facilitator, reached, story)
    _show_granted_initiatives(fund, facilitator)


def _account(application: Application, facilitator, reached: str, story: str) -> None:
    accountability = application.accountability
    lead = application.initiative.created_by
    steps = {
        1: {"result_reached": reached,
            "signs": {sign.pk: reached for sign in application.signs.all()},
            "what_got_in_the_way": "" if reached == "yes" else "Minder mensen dan gehoopt."},
        2: {"participants": 20 if reached == "yes" else 8, "activities": 24,
            "resident_input": "De buren bedachten het en deden het zelf."},
        3: {"spending": {line.pk: (line.amount, "") for line in application.cost_lines.all()}},
        4: {"story": story, "story_public": True, "lessons": "Vraag de buren persoonlijk.",
            "next_step": "independent"},
    }  # fmt: skip
    for step, data in steps.items():
        services.save_accountability_step(
            accountability=accountability, by=lead, step=step, data=data
        )
    services.submit_accountability(accountability=accountability, by=lead)
    services.settle_accountability(accountability=accountability, by=facilitator, note="Dank!")


def _show_granted_initiatives(fund: Fund, facilitator) -> None:
    """The residents agreed at the intake to be shown; their initiative is running."""
    ids = set(
        Application.objects.filter(fund=fund, award__isnull=False).values_list(
            "initiative", flat=True
        )
    )
    granted = Initiative.objects.filter(pk__in=ids).order_by("pk")
    for initiative in granted:
        if initiative.status == InitiativeStatus.SUBMITTED:
            initiative_services.activate_initiative(initiative=initiative, by=facilitator)
            initiative_services.post_update(
                initiative=initiative, by=initiative.created_by, kind=UpdateKind.RESULT,
                text="De eerste keer kwamen er meer mensen dan we dachten.",
            )  # fmt: skip
    granted.exclude(title=HIDDEN).update(publication_consent=True)
