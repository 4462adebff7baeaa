"""Open a saved record in Dutch and in English, save it unchanged, and every date and amount in
the database stays as it was (issue #22 §2, decision 0009).

Each case logs in as the person who edits the record, gets the real edit page and posts back
exactly what the page rendered (tests/forms_as_rendered.py), as a browser would when nobody
types. Before the fix Dutch pages wrote "15-01-2027" into <input type="date">, which the
browser shows (and sends) empty: the re-save wiped the date or was refused.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from advice.services import register as advice_services
from budget import services
from burgerkracht.meetlat import services as meetlat_services
from tests.forms_as_rendered import submit_as_rendered
from tests.language import in_language

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en"]


def _open_and_save(client, user, url, language, **kwargs):
    client.force_login(user)
    in_language(client, language)
    response = submit_as_rendered(client, url, **kwargs)
    form = response.context and response.context.get("form")
    assert response.status_code == 302, (response.status_code, form and form.errors.get_json_data())
    return response


def _fields(obj, *names):
    obj.refresh_from_db()
    return {name: getattr(obj, name) for name in names}


def _application_figures(application):
    application.refresh_from_db()
    return (
        application.starts_on, application.ends_on, application.own_contribution,
        application.other_funds, application.requested_amount,
        [(c.description, c.amount) for c in application.cost_lines.order_by("position")],
    )  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("step", [4, 5])
def test_application_money_and_planning_steps(world, client, language, step):
    application = world.app_draft
    application.own_contribution = Decimal("100.50")  # amounts with cents and thousands
    application.save(update_fields=["own_contribution"])
    application.cost_lines.filter(position=1).update(amount=Decimal("1400.25"))
    before = _application_figures(application)
    assert before[0] and before[1] and before[5], "the draft has dates and costs to keep"
    url = reverse("budget:application-step", args=[application.pk, step])
    _open_and_save(client, world.lead, url, language)
    assert _application_figures(application) == before


def _draft_decision(application, holder):
    services.save_decision(
        application=application, by=holder, outcome="granted",
        granted_amount=Decimal("1600.00"), reasons="Past goed.", alternatives="",
        evaluation_dates=["2027-01-15", "2027-04-15"], accountability_due=date(2027, 10, 1),
        extra_agreements="", payment_schedule=[
            {"date": "2027-01-15", "amount": "1000.00"}, {"date": "2027-06-15", "amount": "600.00"}
        ],
    )  # fmt: skip


def _decision_figures(application):
    application.refresh_from_db()
    return (
        application.granted_amount, application.evaluation_dates,
        application.accountability_due, application.payment_schedule,
    )  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_draft_decision(world, client, language):
    application = world.app_awaiting
    _draft_decision(application, world.holder)
    before = _decision_figures(application)
    assert before[0] == Decimal("1600.00") and len(before[3]) == 2
    url = reverse("budget:decide", args=[application.pk])
    _open_and_save(client, world.holder, url, language, field="tranche_1_date")
    assert _decision_figures(application) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_changing_the_agreements(world, client, language):
    application = world.app_granted
    before = _decision_figures(application)
    assert before[1] and before[2]
    url = reverse("budget:amend", args=[application.pk])
    # Only the free text changes (an unchanged save is refused: "Er verandert niets").
    fill = {"reason": "Nieuwe afspraak.", "extra_agreements": "Stuur ook een foto."}
    _open_and_save(client, world.holder, url, language, fill=fill)
    assert _decision_figures(application) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_planning_the_visit(world, client, language):
    evaluation = world.evaluation
    services.plan_visit(
        evaluation=evaluation, by=world.facilitator, visit_on=date(2027, 2, 3),
        visitors=[world.facilitator],
    )  # fmt: skip
    url = reverse("budget:visit", args=[evaluation.pk])
    _open_and_save(client, world.facilitator, url, language)
    assert _fields(evaluation, "visit_on") == {"visit_on": date(2027, 2, 3)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_evaluation_meeting_held_on(world, client, language):
    evaluation = world.evaluation
    url = reverse("budget:evaluation-step", args=[evaluation.pk, 1])
    client.force_login(world.facilitator)
    client.post(url, {"meeting": "visit", "held_on": "2026-01-15", "present": "Anna",
                      "participants_now": "12", "later": ""})  # fmt: skip
    evaluation.refresh_from_db()
    assert evaluation.held_on == date(2026, 1, 15)
    _open_and_save(client, world.facilitator, url, language, button="later")
    evaluation.refresh_from_db()
    assert evaluation.held_on == date(2026, 1, 15)


@pytest.mark.parametrize("language", LANGUAGES)
def test_paid_on(world, client, language, time_machine):
    time_machine.move_to("2027-03-09 10:00:00+01:00", tick=False)
    tranche = world.tranche
    if not tranche.released_at:
        services.release_tranche(tranche=tranche, by=world.holder)
    url = reverse("budget:pay", args=[world.app_granted.pk, tranche.pk])
    _open_and_save(client, world.holder, url, language)
    tranche.refresh_from_db()
    assert tranche.paid_on == date(2027, 3, 9)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_meetlat_decision_keeps_decided_on_and_the_reflection_date(world, client, language):
    decision = world.draft_decision
    meetlat_services.update_decision(
        decision=decision, by=world.facilitator, decided_on=date(2027, 1, 15),
        reflection_due=date(2028, 4, 15),
    )  # fmt: skip
    url = reverse("meetlat:decision-edit", args=[decision.pk])
    _open_and_save(client, world.facilitator, url, language)
    assert _fields(decision, "decided_on", "reflection_due") == {
        "decided_on": date(2027, 1, 15), "reflection_due": date(2028, 4, 15)
    }  # fmt: skip


ADVICE_CASES = {
    "advice_request": ("advice:request-edit", ("requested_on", "deadline", "decision_moment")),
    "concept": ("advice:advice-edit", ("received_on",)),
    "meeting": ("advice:meeting-edit", ("date",)),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", ADVICE_CASES)
def test_the_advice_register_edit_pages(world, client, language, case):
    url_name, names = ADVICE_CASES[case]
    obj = getattr(world.adv, case)
    if case == "concept":
        advice_services.update_advice(
            advice=obj, by=world.adv.coordinator, received_on=date(2026, 1, 15)
        )
    before = _fields(obj, *names)
    assert before[names[0]], "a saved date to keep"
    _open_and_save(client, world.adv.coordinator, reverse(url_name, args=[obj.pk]), language)
    assert _fields(obj, *names) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_reassigning_a_promise_keeps_its_due_date(world, client, language):
    promise = world.adv.promise
    before = _fields(promise, "due_on")
    url = reverse("advice:promise-detail", args=[promise.pk])
    fill = {"reassign-reason": "Nieuwe afdeling.", "reassign-department": "Wijkzaken Noord"}
    _open_and_save(
        client, world.adv.coordinator, url, language,
        field="reassign-due_on", button="reassign", fill=fill,
    )  # fmt: skip
    assert _fields(promise, "due_on") == before and promise.department == "Wijkzaken Noord"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_spending_step_of_the_accountability(world, client, language):
    accountability = world.accountability
    lines = list(accountability.application.cost_lines.order_by("position"))
    url = reverse("budget:accountability-step", args=[accountability.pk, 3])
    typed = {f"spent_{line.pk}": "1.234,56" for line in lines}
    _open_and_save(client, world.lead, url, "nl", button="later", fill=typed)
    spent = {s.cost_line_id: s.spent for s in accountability.spending.all()}
    assert spent == {line.pk: Decimal("1234.56") for line in lines}
    _open_and_save(client, world.lead, url, language, button="later")
    assert {s.cost_line_id: s.spent for s in accountability.spending.all()} == spent
