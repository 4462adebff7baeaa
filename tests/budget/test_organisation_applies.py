"""SC-02: an organisation applies (name, KvK number, the residents in the lead who are invited
and must accept before the decision, BR-05), and a one-off event gets one end evaluation
after the event, with an accountability that asks whether people met again."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget import application_steps, services
from budget.enums import ApplicationStatus, EvaluationStatus, MetAgain
from budget.forms.application import ResultForm, TimeForm
from budget.forms.assessment import AmendForm, DecisionForm
from budget.forms.followup import StoryForm
from budget.models import Accountability, Application, Evaluation
from budget.services.accountability import accountability_missing
from budget.services.assessment import assessment_missing, decision_missing
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.models import OutboxMessage
from burgerkracht.core.validation import kvk
from initiatives import invitations
from initiatives.models import Initiator
from tests.budget.followup_helpers import fill_in
from tests.factories import (
    UserFactory,
    complete_grant_meetlat,
    filled_application,
    open_line,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus
ORGANISATION = {
    "on_behalf_of_organisation": True, "organisation_name": "Stichting WoonMere",
    "kvk_number": "41329178",
}  # fmt: skip
LEADS = [("Anna Jansen", "anna@example.org"), ("Piet Bakker", "piet@example.org")]
EVENT = date(2027, 6, 22)
FULLWIDTH = "\uff14\uff11\uff13\uff12\uff19\uff11\uff17\uff18"  # 41329178, not ASCII


# --- the KvK number ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("41329178", "41329178"), ("4132 9178", "41329178"), (" 41.32.91.78 ", "41329178"),
     ("0132-9178", "01329178")],
)  # fmt: skip
def test_a_kvk_number_is_eight_digits_spaces_dots_and_dashes_taken_out(typed, stored):
    assert kvk.validate(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [("4132917", "8 cijfers"), ("413291789", "8 cijfers"), ("00000000", "8 cijfers"),
     ("4132917a", "alleen cijfers"), (FULLWIDTH, "alleen cijfers"),
     ("413291780000", "vestigingsnummer")],
)  # fmt: skip
def test_a_wrong_kvk_number_says_what_is_wrong_in_dutch(typed, message):
    with pytest.raises(ValidationError) as error:
        kvk.validate(typed)

    assert message in error.value.messages[0]
    assert not kvk.is_valid(typed)


def result_data(**extra) -> dict:
    data = {
        "result_who": "Bewoners met en zonder beperking.", "result_how": "Samen een festival.",
        "result_difference": "Ze kennen elkaar.", "sign_1": "Mensen groeten elkaar.",
    }  # fmt: skip
    return {**data, **extra}


def test_the_form_refuses_a_wrong_kvk_number_next_to_the_field():
    form = ResultForm(data=result_data(
        on_behalf_of_organisation="yes", organisation_name="Stichting WoonMere",
        kvk_number="1234", lead_1_name="Anna", lead_1_email="anna@example.org",
    ))  # fmt: skip

    assert not form.is_valid()
    assert form.errors["kvk_number"] == ["Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 41329178."]


def test_the_form_keeps_a_kvk_number_typed_with_spaces_compact():
    form = ResultForm(data=result_data(
        on_behalf_of_organisation="yes", organisation_name="Stichting WoonMere",
        kvk_number="4132 9178", lead_1_name="Anna", lead_1_email="anna@example.org",
    ))  # fmt: skip

    assert form.is_valid(), form.errors
    values = form.values()
    assert values["kvk_number"] == "41329178"
    assert values["lead_residents"] == [("Anna", "anna@example.org")]


def test_an_organisation_must_give_its_name_kvk_number_and_a_resident_in_the_lead():
    form = ResultForm(data=result_data(on_behalf_of_organisation="yes"))

    assert not form.is_valid()
    assert set(form.errors) == {"organisation_name", "kvk_number", "lead_1_name"}
    assert "bewoner" in form.errors["lead_1_name"][0]


def test_a_resident_in_the_lead_needs_a_name_and_an_email_address():
    form = ResultForm(data=result_data(
        on_behalf_of_organisation="yes", organisation_name="X", kvk_number="41329178",
        lead_1_name="Anna", lead_2_email="piet@example.org",
    ))  # fmt: skip

    assert not form.is_valid()
    assert set(form.errors) == {"lead_1_email", "lead_2_name"}


def test_residents_applying_need_no_organisation_and_not_answering_means_no():
    form = ResultForm(data=result_data())

    assert form.is_valid(), form.errors
    assert form.values()["on_behalf_of_organisation"] is False


# --- the residents in the lead: invited, withdrawn, accepted ------------------------------


def organisation_application(leads=LEADS, line=None) -> Application:
    application = filled_application(line=line)
    services.save_application_step(
        application=application, by=application.initiative.created_by, step=1,
        data={**ORGANISATION, "lead_residents": list(leads)},
    )  # fmt: skip
    return Application.objects.get(pk=application.pk)


def invitation_mails(email: str) -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.order_by("pk") if email in m.to]


def test_the_residents_in_the_lead_are_invited_saying_who_named_them():
    application = organisation_application()

    leads = list(application.lead_residents.select_related("initiator"))
    assert [(lead.name, lead.email) for lead in leads] == LEADS
    assert all(lead.initiator.role == "co" and not lead.has_accepted for lead in leads)
    mail = invitation_mails("anna@example.org")
    assert len(mail) == 1
    assert "Stichting WoonMere" in mail[0].body
    assert "bewoners in de lead" in mail[0].body
    assert application_steps.missing_steps(application) == []


def test_saving_the_same_residents_again_sends_no_second_invitation():
    application = organisation_application()
    services.save_application_step(
        application=application, by=application.initiative.created_by, step=1,
        data={"lead_residents": list(LEADS)},
    )  # fmt: skip

    assert len(invitation_mails("anna@example.org")) == 1


def test_a_resident_taken_off_the_list_loses_an_invitation_not_accepted():
    application = organisation_application()
    services.save_application_step(
        application=application, by=application.initiative.created_by, step=1,
        data={"lead_residents": [LEADS[0]]},
    )  # fmt: skip

    piet = Initiator.objects.get(email="piet@example.org")
    assert piet.left_at is not None
    assert [lead.email for lead in application.lead_residents.all()] == ["anna@example.org"]


def test_applying_as_residents_after_all_clears_the_organisation():
    application = organisation_application()
    services.save_application_step(
        application=application, by=application.initiative.created_by, step=1,
        data={"on_behalf_of_organisation": False},
    )  # fmt: skip

    application.refresh_from_db()
    assert (application.organisation_name, application.kvk_number) == ("", "")
    assert not application.lead_residents.exists()
    assert Initiator.objects.filter(left_at__isnull=True, email="anna@example.org").count() == 0


def test_the_same_email_address_twice_is_refused():
    application = filled_application()
    with pytest.raises(DomainError, match="eigen e-mailadres"):
        services.save_application_step(
            application=application, by=application.initiative.created_by, step=1,
            data={**ORGANISATION, "lead_residents": [LEADS[0], ("Ander", LEADS[0][1])]},
        )  # fmt: skip


def test_the_service_refuses_a_wrong_kvk_number():
    application = filled_application()
    with pytest.raises(ValidationError):
        services.save_application_step(
            application=application, by=application.initiative.created_by, step=1,
            data={**ORGANISATION, "kvk_number": "1234"},
        )  # fmt: skip


def accept(email: str) -> None:
    resident = UserFactory(role="resident", email=email)
    invitation = Initiator.objects.get(email=email, left_at__isnull=True)
    invitations.accept_invitation(token=invitation.token, user=resident)


def assessed(application: Application, line) -> tuple[Application, object]:
    facilitator = UserFactory(role="facilitator")
    lead = application.initiative.created_by
    services.submit_application(application=application, by=lead)
    services.save_assessment(
        application=application, by=facilitator, is_complete=True, legal_check="Vergunning.",
        administrative_check="Compleet.", financial_check="Klopt.",
        criterion_reasoning="Mensen met en zonder beperking ontmoeten elkaar.",
        proposed_amount=Decimal("500.00"), line=line,
    )  # fmt: skip
    return Application.objects.get(pk=application.pk), facilitator


def test_named_is_enough_to_send_in_but_a_resident_must_accept_before_the_decision():
    line, _holder = open_line(allocation="5000.00")
    application, facilitator = assessed(organisation_application(line=line), line)
    assert application.status == S.IN_ASSESSMENT
    assert assessment_missing(application) == [
        "ten minste één bewoner in de lead die de uitnodiging heeft aangenomen"
    ]
    with pytest.raises(DomainError, match="bewoner in de lead"):
        services.complete_assessment(application=application, by=facilitator)

    accept("piet@example.org")

    application = Application.objects.get(pk=application.pk)
    assert assessment_missing(application) == []
    services.complete_assessment(application=application, by=facilitator)
    assert Application.objects.get(pk=application.pk).status == S.AWAITING_DECISION


# --- a one-off event -----------------------------------------------------------------------


def one_off_application(line) -> Application:
    application = filled_application(line=line)
    services.save_application_step(
        application=application, by=application.initiative.created_by, step=5,
        data={"starts_on": date(2027, 3, 1), "ends_on": EVENT, "is_one_off": True,
              "event_on": EVENT},
    )  # fmt: skip
    return Application.objects.get(pk=application.pk)


def test_a_one_off_event_needs_its_date_between_start_and_end():
    base = {"starts_on": "2027-03-01", "ends_on": "2027-06-22", "backup_email": "r@example.org"}
    no_date = TimeForm(data={**base, "is_one_off": "yes"})
    outside = TimeForm(data={**base, "is_one_off": "yes", "event_on": "2027-07-01"})
    fine = TimeForm(data={**base, "is_one_off": "yes", "event_on": "2027-06-22"})

    assert no_date.errors["event_on"] == ["Vul de datum van het evenement in."]
    assert "tussen" in outside.errors["event_on"][0]
    assert fine.is_valid(), fine.errors
    assert fine.values()["event_on"] == EVENT


def test_not_a_one_off_event_forgets_an_event_date():
    form = TimeForm(data={"starts_on": "2027-03-01", "ends_on": "2027-06-22",
                          "backup_email": "r@example.org", "event_on": "2027-06-22"})  # fmt: skip

    assert form.is_valid(), form.errors
    assert (form.values()["is_one_off"], form.values()["event_on"]) == (False, None)


def test_step_5_of_a_one_off_event_is_complete_only_with_the_event_date():
    line, _holder = open_line(allocation="5000.00")
    application = one_off_application(line)
    assert application_steps.step_complete(application, 5)

    application.event_on = None
    assert not application_steps.step_complete(application, 5)


def decision_of(application, holder, **fields):
    values = {
        "outcome": "granted", "reasons": "Mensen ontmoeten elkaar.",
        "granted_amount": Decimal("500.00"), "evaluation_dates": ["2027-07-13"],
        "accountability_due": date(2027, 8, 3),
        "payment_schedule": [{"date": "2027-04-01", "amount": "500.00"}],
        "extra_agreements": "", **fields,
    }  # fmt: skip
    services.save_decision(application=application, by=holder, **values)
    return Application.objects.get(pk=application.pk)


def awaiting(line) -> Application:
    application, facilitator = assessed(one_off_application(line), line)
    services.complete_assessment(application=application, by=facilitator)
    return Application.objects.get(pk=application.pk)


def test_a_one_off_event_has_one_end_evaluation_after_the_event_and_no_interim_ones(client):
    line, holder = open_line(allocation="5000.00")
    application = awaiting(line)

    two = decision_of(application, holder, evaluation_dates=["2027-05-01", "2027-07-13"])
    assert "voor een eenmalig evenement één datum voor de eindevaluatie" in " ".join(
        decision_missing(two)
    )
    before = decision_of(application, holder, evaluation_dates=["2027-06-01"])
    assert any("na het evenement" in item for item in decision_missing(before))

    good = decision_of(application, holder)
    complete_grant_meetlat(good.decision, holder)
    assert decision_missing(Application.objects.get(pk=application.pk)) == []
    services.publish_decision(application=application, by=holder)

    evaluations = list(Evaluation.objects.filter(application=application))
    assert [(e.planned_on, e.status) for e in evaluations] == [
        (date(2027, 7, 13), EvaluationStatus.PLANNED)
    ]
    assert evaluations[0].is_end_evaluation
    client.force_login(application.initiative.created_by)
    page = client.get(evaluations[0].get_absolute_url()).content.decode()
    assert '<h1 class="utrecht-heading-1">Eindevaluatie van 13 juli 2027</h1>' in page
    assert Accountability.objects.get(application=application).due_on == date(2027, 8, 3)


def test_the_decision_form_of_a_one_off_event_offers_one_end_evaluation_three_weeks_after():
    line, _holder = open_line(allocation="5000.00")
    application = awaiting(line)

    form = DecisionForm(
        initial=DecisionForm.initial_for(application), line=line, application=application
    )

    dates = [name for name in form.fields if name.startswith("evaluation_")]
    assert dates == ["evaluation_1"]
    assert form.fields["evaluation_1"].label == "Eindevaluatie na het evenement, met een bezoek"
    assert form.initial["evaluation_1"] == EVENT + timedelta(days=21)
    assert form.initial["accountability_due"] == EVENT + timedelta(days=42)
    assert len([n for n in AmendForm(application=application).fields if "evaluation_" in n]) == 1


def test_amending_a_one_off_grant_keeps_one_end_evaluation_after_the_event():
    line, holder = open_line(allocation="5000.00")
    application = awaiting(line)
    complete_grant_meetlat(decision_of(application, holder).decision, holder)
    services.publish_decision(application=application, by=holder)

    with pytest.raises(DomainError, match="na het evenement"):
        services.amend_decision(
            application=application, by=holder, reason="Eerder.",
            evaluation_dates=["2027-06-10"],
        )  # fmt: skip


# --- the accountability of a one-off event -------------------------------------------------


def granted_one_off(line, holder) -> Application:
    application = awaiting(line)
    complete_grant_meetlat(decision_of(application, holder).decision, holder)
    return services.publish_decision(application=application, by=holder)


def test_the_accountability_of_a_one_off_event_asks_whether_people_met_again():
    line, holder = open_line(allocation="5000.00")
    application = granted_one_off(line, holder)
    accountability = fill_in(application)
    assert accountability_missing(accountability) == [
        "of mensen elkaar na het evenement opnieuw hebben ontmoet"
    ]

    services.save_accountability_step(
        accountability=accountability, by=application.initiative.created_by, step=4,
        data={"met_again": MetAgain.YES, "met_again_story": "Ze drinken nu koffie bij Anna."},
    )  # fmt: skip

    accountability = Accountability.objects.get(pk=accountability.pk)
    assert (accountability.met_again, accountability.met_again_story) == (
        "yes",
        "Ze drinken nu koffie bij Anna.",
    )
    assert accountability_missing(accountability) == []
    services.submit_accountability(
        accountability=accountability, by=application.initiative.created_by
    )


def test_the_story_step_asks_whether_people_met_again_only_after_a_one_off_event():
    assert "met_again" in StoryForm(one_off=True).fields
    assert "met_again" not in StoryForm().fields
    assert StoryForm(one_off=True).fields["met_again"].label == (
        "Zijn mensen elkaar na het evenement opnieuw tegengekomen of samen verder gegaan?"
    )


def test_the_results_report_counts_whether_people_met_again_after_one_off_events():
    from budget.report_selectors import grants_in, result_totals
    from budget.reports import SamenSterkReport

    line, holder = open_line(allocation="5000.00")
    application = granted_one_off(line, holder)
    lead = application.initiative.created_by
    accountability = fill_in(application)
    services.save_accountability_step(
        accountability=accountability, by=lead, step=4, data={"met_again": MetAgain.SOME}
    )
    services.submit_accountability(accountability=accountability, by=lead)
    assert SamenSterkReport.met_again(result_totals(grants_in())) == []  # not settled yet

    services.settle_accountability(
        accountability=accountability, by=application.initiative.facilitator or holder
    )

    [figure] = SamenSterkReport.met_again(result_totals(grants_in()))
    assert (figure.value, figure.note) == (
        "0 / 1 / 0",
        "van de 1 eenmalige evenementen waarvan de verantwoording is afgerond",
    )


# --- the pages: no query more for an organisation (targets P1) -----------------------------


def _page_queries(client, application) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(application.initiative.created_by)
    url = reverse("budget:application", args=[application.pk])
    client.get(url)  # the per-process caches, as a visitor's earlier requests fill them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_an_organisations_application_page_runs_no_query_more_and_says_who_accepted(client):
    line, _holder = open_line(allocation="5000.00")
    ordinary, _ = _page_queries(client, filled_application(line=line))
    application = organisation_application(line=line)
    accept("anna@example.org")

    queries, html = _page_queries(client, application)

    assert queries == ordinary
    assert "Anna Jansen (anna@example.org) — heeft de uitnodiging aangenomen" in html
    assert "Piet Bakker (piet@example.org) — uitgenodigd, nog niet aangenomen" in html
