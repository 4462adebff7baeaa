"""The answer, the promises and the evaluation in the browser, with and without JavaScript;
axe-core finds 0 violations on each page (the answer page with an error shown)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from advice.enums import AdviceEvaluationStatus, AnswerStatus
from advice.models import AdviceEvaluation, Answer
from tests.advice.factories import advice_in, coordinator, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """The answer's decision record needs the Meetlat."""


def test_the_coordinator_writes_the_answer(browser_page, live_server):
    page, login_as, check = browser_page
    boss = coordinator()
    advice = advice_in("final", coordinator_user=boss)
    login_as(boss)
    url = live_server.url + reverse("advice:answer", args=[advice.pk])

    page.goto(url)
    check("answer, not started")
    page.click("button[name=start]")
    page.check("input[name=adoption_1][value=adopted]")
    page.check("input[name=adoption_2][value=not_adopted]")
    page.fill("textarea[name=introduction]", "Dank voor uw advies.")
    page.click("button[name=save]")
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("textarea[name=introduction]")).to_have_value("Dank voor uw advies.")
    check("answer with an error")
    page.fill("textarea[name=reason_2]", "Het budget ligt vast.")
    page.click("button[name=save]")
    expect(page.locator("textarea[name=reason_2]")).to_have_value("Het budget ligt vast.")
    check("answer saved")
    assert advice.recommendations.get(number=2).reason == "Het budget ligt vast."

    page.goto(live_server.url + reverse("advice:answer-promise-add", args=[advice.pk]))
    check("add a promise")
    page.select_option("select[name=recommendation]", index=1)
    page.fill("textarea[name=text]", "Wij openen een loket.")
    page.fill("input[name=department]", "Wmo")
    page.select_option("select[name=owner]", str(boss.pk))
    page.fill("input[name=due_on]", (timezone.localdate() + timedelta(days=60)).isoformat())
    page.click("input[name=save], button[name=save]")
    expect(page.get_by_text("Wij openen een loket.")).to_be_visible()
    assert Answer.objects.get(advice=advice).planned_promises.count() == 1

    page.goto(live_server.url + reverse("advice:answer-approve", args=[advice.pk]))
    check("approve, still missing")
    assert Answer.objects.get(advice=advice).status == AnswerStatus.DRAFT


def test_publish_page_and_the_published_answer(browser_page, live_server):
    """Publishing itself (it renders the decision PDF) is in test_answer_views."""
    page, login_as, check = browser_page
    boss = coordinator()
    asd = member("asd")
    approved = advice_in("approved", by=asd, coordinator_user=boss)
    answered = advice_in("answered", by=asd, coordinator_user=boss)
    login_as(boss)

    page.goto(live_server.url + reverse("advice:answer-publish", args=[approved.pk]))
    expect(page.locator("input[name=save], button[name=save]")).to_be_visible()
    check("publish")
    page.goto(live_server.url + reverse("advice:answer", args=[approved.pk]))
    check("approved answer, coordinator")

    login_as(asd)
    page.goto(live_server.url + reverse("advice:answer", args=[answered.pk]))
    expect(page.get_by_text("Omdat het budget al vastligt.").first).to_be_visible()
    check("published answer, ASD member")
    assert Answer.objects.get(advice=approved).status == AnswerStatus.APPROVED


def test_promise_register_and_detail(browser_page, live_server):
    page, login_as, check = browser_page
    boss = coordinator()
    advice = advice_in("answered", coordinator_user=boss)
    promise = advice.promises.order_by("pk").first()
    login_as(boss)

    page.goto(live_server.url + reverse("advice:promises"))
    check("promise register")
    page.click(f"a[href='{promise.get_absolute_url()}']")
    check("promise detail")
    page.fill("textarea[name=update-note]", "Geen geld meer.")
    page.check("input[name=update-status][value=dropped]")
    page.click("input[name=update], button[name=update]")
    expect(page.locator("textarea[name=update-note]")).to_have_value("Geen geld meer.")
    check("promise detail with an error")
    page.fill("textarea[name=update-drop_reason]", "Bezuiniging.")
    page.click("input[name=update], button[name=update]")
    expect(page.get_by_text("Bezuiniging.").first).to_be_visible()


@pytest.mark.parametrize("who", ["coordinator", "asd_member"])
def test_the_evaluation(browser_page, live_server, who):
    page, login_as, check = browser_page
    boss = coordinator()
    asd = member("asd")
    advice = advice_in("answered", by=asd, coordinator_user=boss)
    login_as(boss if who == "coordinator" else asd)
    page.goto(live_server.url + reverse("advice:evaluation", args=[advice.pk]))
    check(f"evaluation, {who}")

    page.fill("input[name=held_on]", timezone.localdate().isoformat())
    for name, text in (("participants", "ASD en gemeente"), ("what_happened", "Een loket."),
                       ("effect", "Minder wachten."), ("body_appraisal", "Goed.")):  # fmt: skip
        page.fill(f"textarea[name={name}]", text)
    for promise in advice.promises.all():
        page.check(f"input[name=kept_{promise.pk}][value=partly]")
    page.click("button[name=complete]")
    expect(page.locator("#error-summary")).to_be_visible()
    check(f"evaluation with an error, {who}")
    for promise in advice.promises.all():
        page.fill(f"textarea[name=note_{promise.pk}]", "Half gelukt.")
    page.click("button[name=complete]")
    expect(page.get_by_text("Half gelukt.").first).to_be_visible()
    check(f"evaluation done, {who}")
    assert AdviceEvaluation.objects.get(advice=advice).status == AdviceEvaluationStatus.DONE
