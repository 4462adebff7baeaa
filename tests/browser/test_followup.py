"""After the grant, in the browser: the evaluation with its visit, the continuation decision
and the accountability afterwards, with and without JavaScript; and 0 axe-core violations
on every page after the grant for every role."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget.enums import AccountabilityStatus, ApplicationStatus, EvaluationStatus
from budget.models import Accountability, Application, Evaluation
from burgerkracht.accounts.roles import Role
from burgerkracht.meetlat import services as meetlat_services
from tests.factories import (
    UserFactory,
    application_in,
    fill_accountability,
    open_line,
    record_evaluation,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = ApplicationStatus


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """The continuation decision needs the Meetlat."""


def test_evaluation_decision_and_accountability(browser_page, live_server):
    page, login_as, check = browser_page
    line, holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    application = application_in(S.GRANTED, line=line, facilitator=facilitator)
    lead = application.initiative.created_by
    evaluation = application.evaluations.get()
    url = live_server.url

    # The facilitator plans the visit and writes it down, step by step.
    login_as(facilitator)
    page.goto(url + reverse("budget:visit", args=[evaluation.pk]))
    check("visit")
    page.fill("input[name=visit_on]", "2027-04-28")
    page.click("button[name=save], input[name=save]")
    page.goto(url + reverse("budget:evaluation-step", args=[evaluation.pk, 1]))
    page.check("input[name=meeting][value=visit]")
    page.fill("input[name=held_on]", "2099-01-01")  # in the future: refused, nothing lost
    page.fill("textarea[name=present]", "Anna en zes buren")
    page.fill("input[name=participants_now]", "9")
    page.click("button[name=next]")
    expect(page.locator("textarea[name=present]")).to_have_value("Anna en zes buren")
    check("evaluation step 1 with an error")
    page.fill("input[name=held_on]", "2026-11-01")
    page.click("button[name=next]")
    page.fill("textarea[name=going_well]", "Ze komen graag")
    page.fill("textarea[name=hard]", "Weinig vrijwilligers")
    page.check("input[name=own_capacity][value=higher]")
    page.click("button[name=next]")
    for box in page.locator("textarea[name^=sign_]").all():
        box.fill("Gezien bij het bezoek")
    check("evaluation step 3")
    page.click("button[name=next]")
    page.goto(url + reverse("budget:evaluation-complete", args=[evaluation.pk]))
    page.click("input[name=save], button[name=save]")
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.RECORDED

    # The residents add their own view.
    login_as(lead)
    page.goto(url + reverse("budget:resident-view", args=[evaluation.pk]))
    page.fill("textarea[name=resident_view]", "We willen vaker open")
    page.click("input[name=save], button[name=save]")
    expect(page.get_by_text("We willen vaker open")).to_be_visible()

    # The decision holder decides: an extra push of € 200 on the same line.
    decision = Evaluation.objects.get(pk=evaluation.pk).decision
    meetlat_services.update_decision(
        decision=decision, by=holder, resident_input_result="Hun tekens.",
        reflection_due=date(2028, 1, 1),
    )  # fmt: skip
    meetlat_services.save_meetlat(
        decision=decision, by=holder,
        answers={
            p.number: ("fully", "Het besluit volgt dit principe helemaal.")
            for p in decision.meetlat_version.principles.all()
        },
    )  # fmt: skip
    login_as(holder)
    page.goto(url + reverse("budget:continuation", args=[evaluation.pk]))
    check("continuation")
    page.check("input[name=outcome][value=extra_push]")
    page.fill("textarea[name=reasons]", "Er komen meer mensen dan gedacht.")
    page.fill("input[name=extra_amount]", "200")
    page.click("button[name=final]")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DECIDED
    assert evaluation.extra_award.amount == Decimal("200.00")
    check("evaluation decided")

    # The residents account for it afterwards, step by step, and send it in.
    login_as(lead)
    accountability = Accountability.objects.get(application=application)
    page.goto(url + reverse("budget:accountability-step", args=[accountability.pk, 1]))
    page.check("input[name=result_reached][value=partly]")
    for sign in application.signs.all():
        page.check(f"input[name=sign_{sign.pk}][value=partly]")
    page.click("button[name=next]")  # "what got in the way" is missing: refused
    expect(page.locator("input[name=result_reached][value=partly]")).to_be_checked()
    page.fill("textarea[name=what_got_in_the_way]", "De winter")
    page.click("button[name=next]")
    page.fill("input[name=participants]", "10")
    page.fill("textarea[name=resident_input]", "Alles zelf gedaan")
    page.click("button[name=next]")
    for cost in application.cost_lines.all():
        page.fill(f"input[name=spent_{cost.pk}]", "100")
    check("accountability money")
    page.click("button[name=next]")
    page.fill("textarea[name=story]", "Het was een mooi jaar")
    page.check("input[name=next_step][value=independent]")
    page.click("button[name=next]")
    page.goto(url + reverse("budget:accountability-submit", args=[accountability.pk]))
    page.click("input[name=save], button[name=save]")
    assert Accountability.objects.get(pk=accountability.pk).status == "submitted"

    # The facilitator settles: the grant closes.
    login_as(facilitator)
    page.goto(url + reverse("budget:settle", args=[accountability.pk]))
    check("settle")
    page.click("input[name=save], button[name=save]")
    assert Application.objects.get(pk=application.pk).status == S.CLOSED
    assert Accountability.objects.get(pk=accountability.pk).status == AccountabilityStatus.SETTLED


@pytest.fixture
def pages():
    line, holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    lead = UserFactory(role="resident")
    kwargs = {"line": line, "facilitator": facilitator, "lead": lead}
    granted = application_in(S.GRANTED, **kwargs)
    running = application_in(S.GRANTED, **kwargs)
    planned = granted.evaluations.get()
    recorded = record_evaluation(running.evaluations.get(), facilitator)
    submitted = fill_accountability(running.accountability, lead)
    people = {Role.RESIDENT: lead, Role.FACILITATOR: facilitator,
              Role.BUDGET_DECISION_HOLDER: holder}  # fmt: skip
    urls = [
        reverse("budget:application", args=[granted.pk]),
        reverse("budget:pay", args=[granted.pk, granted.award.tranches.get().pk]),
        reverse("budget:follow-up"),
        reverse("budget:evaluation", args=[planned.pk]),
        reverse("budget:visit", args=[planned.pk]),
        *(reverse("budget:evaluation-step", args=[planned.pk, n]) for n in (1, 2, 3)),
        reverse("budget:evaluation-complete", args=[planned.pk]),
        reverse("budget:resident-view", args=[planned.pk]),
        reverse("budget:evaluation", args=[recorded.pk]),
        reverse("budget:continuation", args=[recorded.pk]),
        reverse("budget:evaluation-reopen", args=[recorded.pk]),
        reverse("budget:accountability", args=[granted.accountability.pk]),
        *(
            reverse("budget:accountability-step", args=[granted.accountability.pk, n])
            for n in (1, 2, 3, 4)
        ),
        reverse("budget:accountability-submit", args=[granted.accountability.pk]),
        reverse("budget:accountability", args=[submitted.pk]),
        reverse("budget:accountability-ask", args=[submitted.pk]),
        reverse("budget:settle", args=[submitted.pk]),
        reverse("initiatives:handover") + f"?van={facilitator.pk}",
        reverse("core:dashboard"),
    ]
    return people, urls


@pytest.mark.parametrize("role", Role.values)
def test_pages_after_the_grant_for_every_role(
    role, page, live_server, login, assert_accessible, pages
):
    people, urls = pages
    login(people.get(role) or UserFactory(role=role))
    for url in urls:
        page.goto(live_server.url + url)
        assert_accessible(page, f"{role} {url}")
