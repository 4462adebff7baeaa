"""SC-04: an unsolicited ASD advice with three recommendations, answered adopting one, partly
adopting one and not adopting one — with reasons that are sentences, an aanspreekpunt and a
backup, promises with owner and due date, the evaluation planned, a promise "Niet
nagekomen" with its reason for the council, and the advice and answer public (Woo): in the
Atom feed and as a PDF. And when no answer comes in time: "Reactie achterstallig" on the
ASD's and the coordinator's dashboards, and on the draft agenda of the next meeting."""

import re
import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from advice.enums import AdviceStatus, MemberRole
from advice.models import Advice, AdviceEvaluation, Answer, Promise
from advice.services import register
from tests.advice.factories import body, coordinator, member
from tests.factories import UserFactory, complete_decision
from tests.journeys import steps_advice
from tests.journeys.steps_common import log_out, login_through_form

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TITLE = "Kwaliteitsmanifest zorg en ondersteuning"
RECOMMENDATIONS = [
    "Neem de Meetlat op in het dienstplan.",
    "Geef elke wijk een eigen loket.",
    "Betaal ervaringsdeskundigen een vergoeding.",
]
PARTLY = "Alleen de Waterwijk en de Stedenwijk krijgen in 2027 een loket."
NOT_ADOPTED = "De vergoeding past niet in de begroting van 2027."
NOT_KEPT = "Het loket in de Stedenwijk kwam er niet: het gebouw ging niet open."


def fill_answer(page, answers: dict[int, tuple[str, str]]):
    for number, (adoption, reason) in answers.items():
        page.locator(f"input[name=adoption_{number}][value={adoption}]").check()
        page.locator(f"textarea[name=reason_{number}]").fill(reason)
    page.locator("button[name=save]").click()


def submit(page):
    page.locator("main form [type=submit]").first.click()


def test_sc04_ongevraagd_advies_krijgt_redenen_aanspreekpunt_toezeggingen_en_woo(
    page, stack, assert_accessible
):
    base = stack.url
    secretary = member("asd", role="asd_secretary", member_role=MemberRole.SECRETARY)
    boss = coordinator()
    backup = coordinator()
    council = UserFactory(role="read_only")
    received = timezone.localdate() - timedelta(days=7)

    # The ASD secretary registers the unsolicited advice with three recommendations, and sends it.
    login_through_form(page, base, secretary.email)
    steps_advice.register_advice(
        page, base, title=TITLE, received_on=received.isoformat(),
        recommendations=RECOMMENDATIONS,
    )  # fmt: skip
    steps_advice.open_advice(page, base, TITLE)
    steps_advice.send_final(page)
    expect(page.get_by_text(re.compile("Eindadvies")).first).to_be_visible()
    log_out(page)
    advice = Advice.objects.get(title=TITLE)
    assert advice.kind == "unsolicited" and advice.recommendations.count() == 3

    # The coordinator answers: "." is no reason; the Dutch message names the recommendation.
    login_through_form(page, base, boss.email)
    page.goto(base + reverse("advice:answer", args=[advice.pk]))
    page.locator("button[name=start]").click()
    page.locator("input[name=adoption_1][value=adopted]").check()
    fill_answer(page, {2: ("partly", "."), 3: ("not_adopted", NOT_ADOPTED)})
    asked = "Aanbeveling 2: schrijf in een zin welk deel de gemeente niet overneemt, en waarom."
    expect(page.get_by_text(asked)).to_have_count(2)  # the error summary and the field
    assert_accessible(page, "the answer with a refused reason")
    assert not advice.recommendations.exclude(adoption="").exists()
    fill_answer(page, {2: ("partly", PARTLY), 3: ("not_adopted", NOT_ADOPTED)})
    expect(page.get_by_text("Het concept-antwoord is opgeslagen.")).to_be_visible()
    steps_advice.add_promise(
        page, base, advice, number=1, text="Wij nemen de Meetlat op in het dienstplan.",
        owner=boss, due_on=(received + timedelta(days=120)).isoformat(),
    )  # fmt: skip
    steps_advice.add_promise(
        page, base, advice, number=2, text="Wij openen een loket in de Stedenwijk.",
        owner=backup, due_on=(received + timedelta(days=150)).isoformat(),
    )  # fmt: skip
    complete_decision(Answer.objects.get(advice=advice).decision, boss)  # the Meetlat pages

    # Without an aanspreekpunt and a backup the answer is refused, with a link to set them.
    page.goto(base + reverse("advice:answer-approve", args=[advice.pk]))
    expect(page.get_by_text("een vervangende contactpersoon").first).to_be_visible()
    submit(page)
    expect(page.get_by_text(re.compile("kan nog niet worden goedgekeurd")).first).to_be_visible()
    page.get_by_role("link", name="Kies het aanspreekpunt en de vervangende contactpersoon").click()
    page.get_by_label("Aanspreekpunt bij de gemeente").select_option(str(boss.pk))
    page.get_by_label("Vervangende contactpersoon").select_option(str(boss.pk))
    submit(page)
    expect(page.get_by_text("De vervanger moet iemand anders zijn.").first).to_be_visible()
    page.get_by_label("Vervangende contactpersoon").select_option(str(backup.pk))
    submit(page)
    steps_advice.approve_and_publish(page, base, advice)
    expect(page.get_by_text("Het antwoord is gepubliceerd en verstuurd.")).to_be_visible()
    page.goto(base + reverse("advice:advice-public", args=[advice.pk]))
    page.get_by_label("Toon dit advies op de website").check()
    submit(page)

    # The promises are in the register with owner and due date; the evaluation is planned.
    promises = list(Promise.objects.filter(advice=advice).order_by("due_on"))
    assert [(p.owner, p.recommendation.number) for p in promises] == [(boss, 1), (backup, 2)]
    assert all(p.due_on for p in promises)
    evaluation = AdviceEvaluation.objects.get(advice=advice)
    assert evaluation.due_on > timezone.localdate()
    page.goto(base + advice.get_absolute_url())
    expect(page.get_by_text(re.compile("gepland op")).first).to_be_visible()
    log_out(page)

    # At the evaluation, after the due dates, one promise was not kept: said why.
    later = datetime.combine(evaluation.due_on, datetime.min.time(), AMSTERDAM) + timedelta(
        hours=10
    )
    with time_machine.travel(later, tick=True):
        login_through_form(page, base, boss.email)
        page.goto(base + reverse("advice:evaluation", args=[advice.pk]))
        page.locator("input[name=held_on]").fill(evaluation.due_on.isoformat())
        for name in ("participants", "what_happened", "effect", "body_appraisal"):
            page.locator(f"textarea[name={name}]").fill("ASD en gemeente samen.")
        kept, broken = promises
        page.locator(f"input[name=kept_{kept.pk}][value=kept]").check()
        page.locator(f"input[name=kept_{broken.pk}][value=not_kept]").check()
        page.locator(f"textarea[name=note_{broken.pk}]").fill("x")
        page.locator("button[name=complete]").click()
        expect(page.get_by_text(re.compile("Schrijf in een zin waarom")).first).to_be_visible()
        page.locator(f"textarea[name=note_{broken.pk}]").fill(NOT_KEPT)
        page.locator("button[name=complete]").click()
        expect(page.get_by_text(NOT_KEPT).first).to_be_visible()
        log_out(page)
    assert Advice.objects.get(pk=advice.pk).status == AdviceStatus.CLOSED

    # The council member reads "Niet nagekomen" with the reason on the advice page.
    login_through_form(page, base, council.email)
    page.goto(base + advice.get_absolute_url())
    expect(page.get_by_text("Niet nagekomen").first).to_be_visible()
    expect(page.get_by_text(NOT_KEPT).first).to_be_visible()
    assert_accessible(page, "the advice page, the council member")
    log_out(page)

    # Anyone: the public page, the Atom feed and the PDF.
    page.context.clear_cookies()
    page.goto(base + reverse("advice:public-list"))
    feed_link = page.locator('link[rel=alternate][type="application/atom+xml"]')
    feed = page.request.get(base + feed_link.get_attribute("href"))
    assert feed.ok
    root = ElementTree.fromstring(feed.body())
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in root.findall(f"{atom}entry") if TITLE in e.findtext(f"{atom}title"))
    public_url = entry.find(f"{atom}link").get("href")
    page.goto(public_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Niet nagekomen").first).to_be_visible()
    expect(page.get_by_text(NOT_KEPT).first).to_be_visible()
    expect(page.get_by_text("Antwoord gepubliceerd op")).to_be_visible()
    pdf_link = page.get_by_role("link", name="Advies en antwoord als PDF")
    response = page.request.get(base + pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert PARTLY in text and NOT_ADOPTED in text
    assert "Antwoord gepubliceerd op" in text


def test_sc04_geen_antwoord_binnen_de_termijn_staat_achterstallig_en_op_de_agenda(page, stack):
    base = stack.url
    secretary = member("asd", role="asd_secretary", member_role=MemberRole.SECRETARY)
    boss = coordinator()
    advice = register.register_advice(
        by=secretary, body=body("asd"), title="Mantelzorg verdient rust", summary="Kort."
    )
    register.save_recommendations(advice=advice, by=secretary, texts=["Regel respijtzorg."])
    received = timezone.localdate() - timedelta(weeks=9)  # the term is 8 weeks
    register.send_advice(advice=advice, by=secretary, received_on=received)
    advice.refresh_from_db()
    assert advice.response_due < timezone.localdate()

    for person in (secretary, boss):
        login_through_form(page, base, person.email)
        page.goto(base + "/mijn/")
        late = page.get_by_role("listitem").filter(has_text=advice.reference).last
        expect(late).to_contain_text("Reactie achterstallig")
        expect(late).to_contain_text("Mantelzorg verdient rust")
        log_out(page)

    # Proposed for the next meeting of the college with the ASD.
    login_through_form(page, base, boss.email)
    page.goto(base + reverse("advice:meeting-create") + "?orgaan=asd")
    expect(
        page.get_by_text(re.compile("Antwoorden die te laat zijn: " + advice.reference))
    ).to_be_visible()
    expect(page.locator("textarea[name=agenda]")).to_contain_text(advice.reference)
