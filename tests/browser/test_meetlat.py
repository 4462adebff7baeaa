"""Decisions and the Meetlat in the browser: the whole flow, and axe on every page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from burgerkracht.accounts.roles import Role
from burgerkracht.meetlat import services
from burgerkracht.meetlat.models import Decision
from tests.factories import PolicyDecisionFactory, UserFactory, complete_decision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _meetlat(meetlat_v1):
    """Transactional tests truncate the Meetlat of the data migration: load it again."""


def test_official_records_a_policy_decision_with_meetlat_and_finalises(
    page, live_server, login, assert_accessible
):
    login(UserFactory(role="advice_coordinator"))
    page.goto(live_server.url + reverse("meetlat:register"))
    assert_accessible(page, "register")
    page.get_by_role("link", name="Beleidsbesluit toevoegen").click()
    assert_accessible(page, "create")
    page.get_by_label("Titel").fill("Nieuwe regeling buurthuizen")
    page.get_by_label("Datum van het besluit").fill("2026-11-20")
    page.get_by_label("Afdeling").fill("Wijkzaken")
    page.locator("main form button[type=submit]").click()

    decision = Decision.objects.get(title="Nieuwe regeling buurthuizen")
    expect(page).to_have_url(re.compile(decision.get_absolute_url()))
    assert_accessible(page, "detail draft")
    page.goto(live_server.url + reverse("meetlat:meetlat", args=[decision.pk]))
    assert_accessible(page, "meetlat form")
    page.locator("main form button[type=submit]").click()
    page.goto(live_server.url + reverse("meetlat:triad", args=[decision.pk]))
    assert_accessible(page, "triad form")
    page.goto(live_server.url + reverse("meetlat:decision-edit", args=[decision.pk]))
    assert_accessible(page, "decision form")

    by = decision.created_by
    complete_decision(decision, by)
    page.goto(live_server.url + reverse("meetlat:finalise", args=[decision.pk]))
    assert_accessible(page, "finalise form")
    page.get_by_label("Waarom nu?").fill("Collegebesluit")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Vastgesteld")
    assert_accessible(page, "detail final")
    assert Decision.objects.get(pk=decision.pk).status == "final"


@pytest.mark.parametrize("role", Role.values)
def test_decision_pages_for_every_role(role, page, live_server, login, assert_accessible):
    author = UserFactory(role="facilitator")
    draft = PolicyDecisionFactory.create(by=author).decision
    final = complete_decision(PolicyDecisionFactory.create(by=author).decision, author)
    services.update_decision(decision=final, by=author, is_public=True)
    services.finalise_decision(decision=final, by=author)
    login(UserFactory(role=role))

    for url in (
        reverse("meetlat:register"),
        reverse("meetlat:coverage"),
        reverse("meetlat:decision-detail", args=[draft.pk]),
        reverse("meetlat:decision-detail", args=[final.pk]),
        reverse("meetlat:meetlat", args=[draft.pk]),
        reverse("meetlat:reflection", args=[final.pk]),
        reverse("meetlat:public-detail", args=[final.pk]),
        reverse("meetlat:version-publish"),
    ):
        page.goto(live_server.url + url)
        assert_accessible(page, f"{role} {url}")


def test_pdf_pending_page_is_accessible(page, live_server, login, assert_accessible):
    """Without an eager worker the PDF is queued and the person sees a page saying so."""
    from burgerkracht.celery import app

    author = UserFactory(role="facilitator")
    final = complete_decision(PolicyDecisionFactory.create(by=author).decision, author)
    services.finalise_decision(decision=final, by=author)
    Decision.objects.filter(pk=final.pk).update(pdf="")
    login(author)
    app.conf.task_always_eager = False
    try:
        page.goto(live_server.url + reverse("meetlat:pdf", args=[final.pk]))
        expect(page.locator("h1")).to_have_text("De PDF wordt gemaakt")
        assert_accessible(page, "pdf pending")
    finally:
        app.conf.task_always_eager = True


def test_in_dutch_the_saved_dates_show_in_the_date_boxes_and_survive_saving(
    page, live_server, login
):
    """Issue #22 §2: Dutch pages wrote 15-01-2027 into <input type=date>, shown empty, and a
    save wiped "Besloten op" and the reflection date."""
    from datetime import date

    by = login(UserFactory(role="advice_coordinator"))
    decision = PolicyDecisionFactory.create(by=by).decision
    services.update_decision(
        decision=decision, by=by, decided_on=date(2027, 1, 15), reflection_due=date(2028, 4, 15)
    )
    page.goto(live_server.url + reverse("meetlat:decision-edit", args=[decision.pk]))
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.get_by_label("Besloten op")).to_have_value("2027-01-15")
    assert page.get_by_label("Besloten op").get_attribute("value") == "2027-01-15"
    reflection = page.locator("input[name=reflection_due]")
    expect(reflection).to_have_value("2028-04-15")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(decision.get_absolute_url()))
    decision.refresh_from_db()
    assert (decision.decided_on, decision.reflection_due) == (date(2027, 1, 15), date(2028, 4, 15))
