"""The advice register in the browser, with and without JavaScript: the register, a request
with the time-pressure error and its fix, the advice pages, and the public pages — 0 axe-core
violations on each, for the roles that see them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from advice.models import AdviceRequest
from tests.advice.factories import advice_in, advice_request, body, coordinator, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """Publishing an answer finalises its decision record, which needs the Meetlat."""


def _visit(page, check, url, label):
    response = page.goto(url)
    assert response.status == 200, label
    check(label)


def test_request_with_time_pressure_register_and_advice_pages(browser_page, live_server):
    page, login_as, check = browser_page
    url = live_server.url
    boss = coordinator()
    asd_member = member("asd")
    answered = advice_in("answered", by=asd_member, coordinator_user=boss, is_public=True)
    concept = advice_in("concept", by=asd_member, title="Concept in de maak")
    final = advice_in("final", by=asd_member, coordinator_user=boss)

    # The coordinator asks for advice with too little time: the error, the input kept.
    login_as(boss)
    page.goto(url + reverse("advice:request-create"))
    page.select_option("select[name=body]", value=str(body("asd").pk))
    page.fill("input[name=subject]", "Jeugdhulp 2027")
    page.fill("textarea[name=question]", "Wat vindt u van het plan?")
    page.fill("input[name=department]", "Jeugd")
    page.fill("input[name=deadline]", (timezone.localdate() + timedelta(days=7)).isoformat())
    page.click("input[name=save], button[name=save]")
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("input[name=subject]")).to_have_value("Jeugdhulp 2027")
    check("request form with the time-pressure error")
    page.fill("textarea[name=pressure_reason]", "De gemeenteraad besluit eerder.")
    page.fill("textarea[name=time_agreement]", "Een extra overleg met het BO+.")
    page.click("input[name=save], button[name=save]")
    made = AdviceRequest.objects.get(subject="Jeugdhulp 2027")
    expect(page.get_by_text("De gemeenteraad besluit eerder.")).to_be_visible()
    check("request detail with time pressure")

    for name, args, label in [
        ("advice:register", [], "register (coordinator)"),
        ("advice:advice-detail", [answered.pk], "answered advice (coordinator)"),
        ("advice:advice-contacts", [final.pk], "contact persons"),
        ("advice:advice-public", [final.pk], "publication"),
        ("advice:advice-create", [], "register an advice (coordinator)"),
        ("advice:request-edit", [made.pk], "change a request"),
        ("advice:request-lapse", [made.pk], "request lapsed"),
    ]:
        _visit(page, check, url + reverse(name, args=args), label)

    # The body member: the register, its own concept and the pages to finish it.
    login_as(asd_member)
    for name, args, label in [
        ("advice:register", [], "register (body member)"),
        ("advice:advice-detail", [answered.pk], "answered advice (body member)"),
        ("advice:advice-detail", [concept.pk], "concept (body member)"),
        ("advice:advice-edit", [concept.pk], "change the concept"),
        ("advice:recommendations", [concept.pk], "recommendations"),
        ("advice:advice-send", [concept.pk], "send"),
        ("advice:advice-withdraw", [concept.pk], "withdraw"),
        ("advice:advice-take-back", [final.pk], "take back"),
        ("advice:request-detail", [made.pk], "request detail (body member)"),
    ]:
        _visit(page, check, url + reverse(name, args=args), label)
    expect(page.get_by_text("Een extra overleg met het BO+.")).to_be_visible()

    # Recommendations without JavaScript: numbered boxes, saved in order.
    page.goto(url + reverse("advice:recommendations", args=[concept.pk]))
    page.fill("textarea[name=rec_4]", "Betrek ervaringsdeskundigen.")
    page.click("input[name=save], button[name=save]")
    assert list(concept.recommendations.values_list("text", flat=True))[-1] == (
        "Betrek ervaringsdeskundigen."
    )


def test_public_pages_for_everyone(browser_page, live_server):
    page, login_as, check = browser_page
    url = live_server.url
    boss = coordinator()
    asd_member = member("asd")
    answered = advice_in("answered", by=asd_member, coordinator_user=boss, is_public=True)
    advice_request(by=boss)
    for who, login in [("anonymous", None), ("asd member", asd_member), ("coordinator", boss)]:
        if login is not None:
            login_as(login)
        _visit(page, check, url + reverse("advice:public-list"), f"public list ({who})")
        expect(page.get_by_role("link", name=answered.title)).to_be_visible()
        page.get_by_role("link", name=answered.title).click()
        expect(page.get_by_text("We doen: Maak een loket.")).to_be_visible()
        check(f"public detail ({who})")
