"""SC-13: an initiator stops, and the initiative does not fall silent.

The lead stops with a reason; the backup hears it by e-mail and on the dashboard and confirms
becoming the lead. Where there is no backup, the facilitator sees the initiative and its
running grant flagged (Mijn taken, the continuity report) and appoints a co-initiator. An
initiator deletes their account and is shown nowhere afterwards. The coordinator hands the
facilitator's initiatives over with "het waarom" per initiative, which then shows on the
initiative and application pages and in the timeline."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from initiatives.models import Handover, Initiative, Initiator
from tests.factories import (
    PASSWORD,
    InitiativeFactory,
    InitiatorFactory,
    UserFactory,
    application_in,
    open_line,
)
from tests.journeys.steps_common import (
    link_in,
    log_out,
    login_through_form,
    mail_text,
    mail_to,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

REASON = "Ik verhuis in maart naar Zwolle."
WHY_SOUP = "De zaal van De Linde is gratis zolang de soep op dinsdag blijft; zo afgesproken."
WHY_CAFE = "Het Taalcafé kreeg € 900 voor boeken; de wijkcoach helpt bij de verantwoording."


def test_sc13_an_initiator_stops_and_the_initiative_goes_on(
    page, stack, smtp_sink, assert_accessible
):
    base = stack.url
    line, _holder = open_line(allocation="5000.00", name="Stedelijk")
    femke = UserFactory(role="facilitator", full_name="Femke Jansen")
    bram = UserFactory(role="facilitator", full_name="Bram Bakker")
    carla = UserFactory(role="facilitator_coordinator", full_name="Carla de Boer")
    anna = UserFactory(role="resident", full_name="Anna de Vries")
    soup = InitiativeFactory(created_by=anna, active=True, facilitator=femke,
                             backup_facilitator=bram, title="Buurtsoep")  # fmt: skip
    bert = InitiatorFactory(initiative=soup, is_backup=True, user__full_name="Bert Smit").user
    cem = InitiatorFactory(initiative=soup, user__full_name="Cem Yilmaz").user
    grant = application_in("granted", line=line, facilitator=femke)
    cafe = grant.initiative
    Initiative.objects.filter(pk=cafe.pk).update(title="Taalcafé", backup_facilitator=bram)
    dirk = cafe.created_by
    cafe.initiators.exclude(user=dirk).update(is_backup=False)  # no backup here
    eva = InitiatorFactory(initiative=cafe, user__full_name="Eva Kok").user

    # --- the lead stops, with a reason -----------------------------------------------------
    login_through_form(page, base, anna.email)
    page.goto(base + soup.get_absolute_url())
    page.get_by_role("link", name="Ik stop als initiatiefnemer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ik stop als initiatiefnemer")
    expect(
        page.get_by_text("We vragen je reserve, Bert Smit, om hoofdinitiatiefnemer")
    ).to_be_visible()
    page.get_by_role("button", name="Ik stop als initiatiefnemer").click()  # no reason yet
    expect(page.get_by_text("Controleer het volgende")).to_be_visible()
    assert_accessible(page, "step down with an error")
    page.get_by_label("Waarom stop je?").fill(REASON)
    page.get_by_role("button", name="Ik stop als initiatiefnemer").click()
    expect(page.get_by_text("Je bent gestopt als initiatiefnemer van Buurtsoep.")).to_be_visible()
    log_out(page)

    # --- the backup is asked by e-mail and on the dashboard, and confirms ----------------
    message = mail_to(smtp_sink, bert.email, subject="Word jij hoofdinitiatiefnemer")
    assert "Buurtsoep" in mail_text(message)
    answer_link = link_in(message, base, containing="hoofdinitiatiefnemer")
    # the facilitator has the reason; the co-initiator only hears that the lead stopped
    assert REASON in mail_text(mail_to(smtp_sink, femke.email, subject="gestopt"))
    assert REASON not in mail_text(mail_to(smtp_sink, cem.email, subject="gestopt"))

    login_through_form(page, base, bert.email)
    page.goto(base + "/mijn/")
    action = page.get_by_role(
        "link", name="Bevestig dat je hoofdinitiatiefnemer wordt van Buurtsoep"
    )
    expect(action).to_be_visible()
    action.click()
    assert page.url.rstrip("/") == answer_link.rstrip("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Word jij hoofdinitiatiefnemer?")
    assert_accessible(page, "the question to the backup")
    page.get_by_label("Ja, ik word hoofdinitiatiefnemer").check()
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(page.get_by_text("Je bent nu hoofdinitiatiefnemer. Bedankt!")).to_be_visible()
    people = page.locator("#people").locator("..")
    expect(people.get_by_text("Bert Smit — Hoofdinitiatiefnemer")).to_be_visible()
    expect(people.get_by_text("Anna de Vries")).to_have_count(0)
    no_horizontal_scroll(page)
    log_out(page)

    # --- no backup: the lead of the Taalcafé stops; the facilitator appoints Eva ---------
    login_through_form(page, base, dirk.email)
    page.goto(base + reverse("initiatives:step-down", args=[cafe.pk]))
    expect(page.get_by_text("Er is geen reserve-initiatiefnemer.")).to_be_visible()
    page.get_by_label("Waarom stop je?").fill("Geen tijd meer door mijn nieuwe baan.")
    page.get_by_role("button", name="Ik stop als initiatiefnemer").click()
    expect(page.get_by_text("Je bent gestopt als initiatiefnemer van Taalcafé.")).to_be_visible()
    log_out(page)

    login_through_form(page, base, femke.email)
    page.goto(base + reverse("core:tasks"))
    expect(page.get_by_text("Hoofdinitiatiefnemer gestopt: wijs een nieuwe aan")).to_be_visible()
    expect(page.get_by_text("Lopende subsidie zonder hoofdinitiatiefnemer")).to_be_visible()
    page.goto(base + reverse("core:report", args=["continuity"]))
    expect(
        page.get_by_text("Hoofdinitiatiefnemer gestopt: wacht op een nieuwe").first
    ).to_be_visible()
    page.goto(base + reverse("budget:application", args=[grant.pk]))
    expect(page.get_by_test_id("lead-wanted")).to_be_visible()
    page.goto(base + cafe.get_absolute_url())
    expect(page.get_by_test_id("lead-wanted")).to_contain_text(
        "Zoekt een nieuwe hoofdinitiatiefnemer"
    )
    page.get_by_role("link", name="Wijs een nieuwe hoofdinitiatiefnemer aan").click()
    assert_accessible(page, "appoint a new lead")
    page.get_by_label("Eva Kok").check()
    page.get_by_label("Waarom deze persoon?").fill("Eva organiseert de lessen al sinds de zomer.")
    page.get_by_role("button", name="Wijs de nieuwe hoofdinitiatiefnemer aan").click()
    expect(page.get_by_text("Eva Kok is nu hoofdinitiatiefnemer.")).to_be_visible()
    expect(page.get_by_test_id("lead-wanted")).to_have_count(0)
    page.goto(base + reverse("core:tasks"))
    expect(page.get_by_text("Hoofdinitiatiefnemer gestopt")).to_have_count(0)
    assert "Eva organiseert" in mail_text(mail_to(smtp_sink, eva.email, subject="Nieuwe hoofd"))
    log_out(page)

    # --- a co-initiator deletes their account and is shown nowhere -----------------------
    login_through_form(page, base, cem.email)
    page.goto(base + reverse("accounts:delete"))
    expect(page.get_by_text("Je stopt overal als initiatiefnemer")).to_be_visible()
    page.get_by_label("Ik begrijp dit en ik wil mijn account verwijderen.").check()
    page.get_by_role("button", name="Mijn account verwijderen").click()
    page.get_by_label("Wachtwoord").fill(PASSWORD)  # the portal asks for it again first
    page.get_by_role("button", name="Bevestigen").click()  # and the deletion goes on
    expect(page.get_by_text("Je account is verwijderd.")).to_be_visible()
    assert not Initiator.objects.filter(user=cem, left_at__isnull=True).exists()

    # --- the coordinator hands Femke's initiatives over, "het waarom" per initiative ------
    login_through_form(page, base, carla.email)
    page.goto(base + reverse("initiatives:handover") + f"?van={femke.pk}")
    page.get_by_label(f"Het waarom van {soup.reference}").fill(WHY_SOUP)
    page.get_by_label(f"Het waarom van {cafe.reference}").fill(WHY_CAFE)
    assert_accessible(page, "handover with a note per initiative")
    page.get_by_role("button", name="Overdragen").click()
    expect(page.get_by_text("Overgedragen: 2 initiatief")).to_be_visible()
    assert {h.initiative_id: h.note for h in Handover.objects.all()} == {
        soup.pk: WHY_SOUP,
        cafe.pk: WHY_CAFE,
    }

    page.goto(base + soup.get_absolute_url())
    expect(page.get_by_test_id("handover-notes")).to_contain_text(WHY_SOUP)
    expect(page.get_by_test_id("handover-notes")).not_to_contain_text(WHY_CAFE)
    expect(page.get_by_test_id("timeline-handover")).to_contain_text(WHY_SOUP)
    body = page.content()
    assert "verwijderd-" not in body and "Cem Yilmaz" not in body and "Anna de Vries" not in body
    page.goto(base + reverse("budget:application", args=[grant.pk]))
    expect(page.get_by_test_id("handover-notes")).to_contain_text(WHY_CAFE)
    assert "verwijderd-" not in page.content()
    assert_accessible(page, "application with the handover note")
    no_horizontal_scroll(page)
