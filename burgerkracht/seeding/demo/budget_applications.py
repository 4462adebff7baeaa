"""Demo applications in every status, all made through the services: the dementia choir that
is granted and the ordinary seniors' choir that is not (the choir example, SC-03), each with
its reasoning, and letters made by the worker."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from budget import services
from budget.enums import ApplicationStatus
from budget.models import Application, BudgetLine, Fund
from burgerkracht.accounts.models import User
from burgerkracht.meetlat import services as meetlat_services
from initiatives import services as initiative_services
from initiatives.models import Initiative

S = ApplicationStatus
WHY_PARTLY = (
    "Gedeeltelijk, omdat het voorstel past maar de aanvraag boven het maximum van de lijn uitkomt."
)


def _answers(decision, by, note: str) -> None:
    meetlat_services.save_meetlat(
        decision=decision, by=by,
        answers={
            p.number: ("partly", note) if p.number == 3
            else ("fully", "Het besluit volgt dit principe helemaal.")
            for p in decision.meetlat_version.principles.all()
        },
    )  # fmt: skip


PLANS = [
    # (initiative title, line name, status, requested, result (who, how, difference), signs,
    #  goal, means, decision (outcome, amount, reasons, alternatives))
    (
        "Koor voor mensen met geheugenproblemen", "Kwetsbare ouderen", S.GRANTED, "1850",
        ("Mensen met beginnende dementie in de Waterwijk en hun familie.",
         "Ze zingen elke week samen, leren elkaar kennen en drinken daarna koffie.",
         "Ze ontmoeten lotgenoten en gebruiken hun talenten weer. Ze komen weer buiten."),
        ["Twaalf mensen komen elke week, ook in de winter.",
         "Deelnemers spreken elkaar ook buiten het koor.",
         "Familie vertelt dat hun naaste vrolijker is."],
        "Lotgenotencontact en eigenwaarde opkrikken.",
        "Zingen in een koor, met een dirigent en een zaal.",
        ("granted", "1850",
         "Het doel is dat mensen met dementie en hun familie lotgenoten ontmoeten en weer meedoen; "
         "zingen is het middel. Dat past precies bij het ene criterium. Hun eigen tekens zijn "
         "duidelijk en we kijken er bij elke evaluatie samen naar.", ""),
    ),
    (
        "Seniorenkoor De Zonnebloem", "Kwetsbare ouderen", S.REJECTED, "900",
        ("Ouderen uit de buurt die graag zingen.",
         "Ze zingen elke week samen.",
         "Het is gezellig en we zingen mooie liederen."),
        ["Het koor treedt twee keer per jaar op."],
        "Gezellig samen zingen.",
        "Een koor met een dirigent.",
        ("rejected", None,
         "Het doel van jullie koor is gezellig samen zingen. Dat is fijn, maar het Samen "
         "Sterk-budget is voor plannen waarbij mensen die nu buiten de gemeenschap vallen "
         "weer gaan meedoen en erbij horen. Dat staat niet in jullie resultaatbeschrijving.",
         "Voor een gewoon koor kun je het wijkbudget of het Cultuurfonds proberen. Willen jullie "
         "ouderen bereiken die nu alleen thuis zitten? Dan helpt je contactpersoon graag met een "
         "nieuwe aanvraag."),
    ),
    (
        "Klusgroep Haven", "Smeerolie Haven Centrum", S.PARTLY_GRANTED, "1400",
        ("Buren die handig zijn en buren die hulp nodig hebben.",
         "Ze klussen samen bij mensen thuis en leren elkaar zo kennen.",
         "Mensen die weinig contact hebben, krijgen hulp én aanspraak."),
        ["Elke maand tien klussen.", "Nieuwe vrijwilligers uit de buurt doen mee."],
        "Buren leren elkaar kennen en helpen elkaar.",
        "Samen klussen met gereedschap van de groep.",
        ("partly_granted", "1000", WHY_PARTLY, ""),
    ),
    (
        "Buurtmaaltijd Filmwijk", "Smeerolie Filmwijk", S.AWAITING_DECISION, "600",
        ("Buren die alleen wonen.", "Ze koken en eten samen, eens per maand.",
         "Wie alleen woont, eet niet meer alleen."),
        ["Vijftien buren eten mee.", "Er komen elke keer nieuwe mensen."],
        "Niemand eet alleen.", "Een maaltijd in het buurthuis.", None,
    ),
    (
        "Moestuin achter de flat", "Smeerolie Kruidenwijk", S.IN_ASSESSMENT, "450",
        ("Bewoners van de flat die weinig buiten komen.", "Ze tuinieren samen.",
         "Ze kennen elkaar en komen buiten."),
        ["Twintig bewoners hebben een bak."], "Buren komen samen buiten.",
        "Een moestuin met bakken en gereedschap.", None,
    ),
    (
        "Taalcafé Muziekwijk", "Smeerolie Muziekwijk", S.SUBMITTED, "300",
        ("Nieuwe Nederlanders in de wijk.", "Ze oefenen Nederlands bij een kop koffie.",
         "Ze durven vaker met buren te praten."),
        ["Tien vaste bezoekers."], "Meedoen in de wijk.", "Een taalcafé.", None,
    ),
    (
        "Mantelzorgcafé Europakwartier", "Smeerolie Europakwartier", S.WITHDRAWN, "250",
        ("Mantelzorgers.", "Ze ontmoeten elkaar.", "Ze staan er niet alleen voor."),
        ["Acht mantelzorgers komen."], "Steun aan elkaar.", "Een maandelijks café.", None,
    ),
    (
        "Wandelgroep Stedenwijk", "Smeerolie Stedenwijk", S.DRAFT, "200",
        ("Mensen met COPD.", "Ze wandelen samen in hun eigen tempo.", "Ze komen weer buiten."),
        ["Elke week wandelen tien mensen mee."], "Buiten komen en erbij horen.",
        "Een wandelgroep met een vaste route.", None,
    ),
]  # fmt: skip


def seed() -> None:
    fund = Fund.objects.get(name="Samen Sterk 2027")
    if Application.objects.filter(fund=fund).exists():
        return
    facilitator = User.objects.get(email="facilitator@example.org")
    holder = User.objects.get(email="zeggenschap@example.org")
    professional = User.objects.get(email="professional@example.org")
    for plan in PLANS:
        _apply(fund, facilitator, holder, professional, *plan)


def _initiative(title: str) -> Initiative:
    initiative = Initiative.objects.filter(title=title).first()
    if initiative is not None:
        return initiative
    lead = User.objects.get(email="bewoner@example.org")
    initiative = initiative_services.start_initiative(
        by=lead, title=title, summary="Samen zingen met ouderen uit de buurt.", theme="culture"
    )
    return initiative


def _apply(fund, facilitator, holder, professional, title, line_name, status, requested,
           result, signs, goal, means, decision) -> None:  # fmt: skip
    initiative = _initiative(title)
    lead = initiative.initiators.get(role="lead", left_at__isnull=True).user
    line = BudgetLine.objects.get(fund=fund, name=line_name)
    application = services.start_application(by=lead, initiative=initiative)
    who, how, difference = result
    steps = {
        1: {"result_who": who, "result_how": how, "result_difference": difference,
            "signs": signs, "neighbourhood": line.neighbourhood},
        2: {"goal": goal, "means": means},
        3: {"expected_participants": 12, "reach": "Via de huisarts, het wijkteam en flyers."},
        4: {"cost_lines": [("Begeleiding", Decimal(requested) - 100),
                           ("Zaalhuur en koffie", Decimal("150"))],
            "own_contribution": Decimal("50"), "requested_amount": Decimal(requested)},
        5: {"starts_on": date(2027, 2, 1), "ends_on": date(2027, 12, 15),
            "evaluation_wishes": "Na drie maanden en aan het eind.",
            "backup_email": f"reserve-{initiative.pk}@example.org"},
    }  # fmt: skip
    for step, data in steps.items():
        services.save_application_step(application=application, by=lead, step=step, data=data)
    if status == S.DRAFT:
        return
    if status == S.WITHDRAWN:
        services.submit_application(application=application, by=lead)
        services.withdraw_application(
            application=application, by=lead, reason="We doen het eerst zonder geld."
        )
        return
    services.submit_application(application=application, by=lead)
    if initiative.facilitator_id is None:
        Initiative.objects.filter(pk=initiative.pk).update(facilitator=facilitator)
    assessor = Initiative.objects.get(pk=initiative.pk).facilitator
    if status == S.SUBMITTED:
        return
    services.save_assessment(
        application=application, by=assessor, is_complete=True, line=line,
        legal_check="Geen vergunning nodig; de zaal is verzekerd.",
        administrative_check="Hoofdaanvrager en reserve zijn bekend; het rekeningnummer klopt.",
        financial_check="De begroting is compleet en de bedragen zijn redelijk.",
        criterion_reasoning=f"In hun eigen woorden: '{difference}' Dat toetsen we aan het ene "
        "criterium, met hun eigen tekens.",
        proposed_amount=Decimal(decision[1]) if decision and decision[1] else Decimal(requested),
    )  # fmt: skip
    if status == S.IN_ASSESSMENT:
        services.request_advice(
            application=application, by=assessor, professional=professional,
            question="Bereikt dit plan de mensen die nu buiten de boot vallen?",
        )  # fmt: skip
        return
    services.complete_assessment(application=application, by=assessor)
    if status == S.AWAITING_DECISION:
        return
    outcome, amount, reasons, alternatives = decision
    grant = outcome != "rejected"
    services.save_decision(
        application=application, by=holder, outcome=outcome, reasons=reasons,
        granted_amount=Decimal(amount) if grant else None, alternatives=alternatives,
        evaluation_dates=["2027-05-01", "2027-09-01"] if grant else [],
        accountability_due=date(2028, 1, 31) if grant else None,
        payment_schedule=[
            {"date": "2027-02-01", "amount": str(Decimal(amount) / 2)},
            {"date": "2027-06-01", "amount": str(Decimal(amount) / 2)},
        ] if grant else [],
        extra_agreements="Laat het ons weten als er iets verandert." if grant else "",
    )  # fmt: skip
    application = Application.objects.get(pk=application.pk)
    meetlat_services.update_decision(
        decision=application.decision, by=holder,
        resident_input_how="De bewoners schreven de resultaatbeschrijving zelf.",
        resident_input_result="Hun eigen tekens zijn de maatstaf bij de evaluaties.",
        reflection_due=date(2028, 3, 1),
    )  # fmt: skip
    _answers(
        application.decision,
        holder,
        "De bewoners waren er bij de aanvraag bij, niet bij het besluit.",
    )
    services.publish_decision(application=application, by=holder, reason="Demo")
