"""SC-02, Festival Poort Sociaal: Stichting WoonMere applies for a one-off festival.

Paul Offerman applies on behalf of the stichting with its KvK number (typed wrong first) and
names two residents in the lead (BR-05), who are invited by e-mail and accept; the
facilitator checks; the decision holder grants with one end evaluation after the event and no
interim moments; the accountability asks whether people met again afterwards. In Dutch, on
PostgreSQL, with the real worker delivering the mail and making the letter."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget import services
from budget.models import Accountability, Application, Evaluation
from tests.factories import (
    InitiativeFactory,
    NeighbourhoodFactory,
    UserFactory,
    complete_grant_meetlat,
    open_line,
)
from tests.journeys import steps_facilitator, steps_holder, steps_resident
from tests.journeys.steps_common import (
    assert_dutch_figures,
    link_in,
    login_through_form,
    mail_text,
    mail_to,
    no_horizontal_scroll,
)

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

TITLE = "Festival Poort Sociaal"
PAUL = "paul.offerman@example.org"
ANNA, PIET = "anna.jansen@example.org", "piet.bakker@example.org"
RESULT = {
    "who": "Bewoners met en zonder beperking uit Almere Poort die elkaar nu niet kennen.",
    "how": "Ze maken samen het festival aan de Europalaan: muziek, eten en spelletjes.",
    "difference": "Ze zoeken elkaar daarna op en zijn geen vreemden meer voor elkaar.",
    "sign": "Mensen die elkaar op het festival leerden kennen, spreken later weer af",
    "neighbourhood": "Poort",
}


@pytest.fixture
def festival():
    """An open fund with the Poort's line and its holder; the stichting's initiative with its
    facilitator; Paul of Stichting WoonMere and the two residents, each with an account."""
    NeighbourhoodFactory(name="Poort", slug="poort")
    line, holder = open_line(allocation="25000.00", name="Smeerolie Poort")
    services.open_fund(by=UserFactory(role="administrator"), fund=line.fund)
    facilitator = UserFactory(role="facilitator", full_name="Fatima Facilitator")
    paul = UserFactory(role="resident", email=PAUL, full_name="Paul Offerman")
    InitiativeFactory(submitted=True, title=TITLE, created_by=paul, facilitator=facilitator)
    UserFactory(role="resident", email=ANNA, full_name="Anna Jansen")
    UserFactory(role="resident", email=PIET, full_name="Piet Bakker")
    return {"line": line, "holder": holder, "facilitator": facilitator}


def apply_on_behalf_of_the_stichting(page, base, assert_accessible):
    login_through_form(page, base, PAUL)
    page.goto(base + reverse("budget:application-new"))
    page.get_by_label(TITLE).check()
    page.get_by_role("button", name="Begin je aanvraag").click()
    expect(page).to_have_title(re.compile("^Stap 1 van 6"))
    page.get_by_label("In welke wijk?").select_option(label=RESULT["neighbourhood"])
    page.get_by_label("Wie gaan er meedoen?").fill(RESULT["who"])
    page.get_by_label("Hoe gaan zij meedoen en erbij horen?").fill(RESULT["how"])
    page.get_by_label("Wat wordt er anders?").fill(RESULT["difference"])
    page.get_by_label("Teken 1: waaraan merkt iedereen het?").fill(RESULT["sign"])
    page.get_by_role("group", name="Vraag je aan namens een organisatie?").get_by_label(
        "Ja", exact=True
    ).check()
    page.get_by_label("Naam van de organisatie").fill("Stichting WoonMere")
    page.get_by_label("KvK-nummer van de organisatie").fill("4132 917")
    page.get_by_role("button", name=steps_resident.NEXT).click()

    # Without the residents in the lead and with a short KvK number: both said, at the top
    # and next to the fields, and what was typed is still there.
    expect(page).to_have_title(re.compile("^Fout: Stap 1 van 6"))
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Een KvK-nummer heeft 8 cijfers")
    expect(summary).to_contain_text("Noem ten minste één bewoner die de leiding heeft")
    expect(page.get_by_label("Wie gaan er meedoen?")).to_have_value(RESULT["who"])
    assert_accessible(page, "step 1 of an organisation, with errors")
    page.get_by_label("KvK-nummer van de organisatie").fill("4132 9178")
    page.get_by_label("Bewoner in de lead 1: naam").fill("Anna Jansen")
    page.get_by_label("Bewoner in de lead 1: e-mailadres").fill(ANNA)
    page.get_by_label("Bewoner in de lead 2: naam").fill("Piet Bakker")
    page.get_by_label("Bewoner in de lead 2: e-mailadres").fill(PIET)
    page.get_by_role("button", name=steps_resident.NEXT).click()
    expect(page).to_have_title(re.compile("^Stap 2 van 6"))

    steps_resident.fill_goal(page, {
        "goal": "Mensen met en zonder beperking verbinden: leven met elkaar en voor elkaar.",
        "means": "Een festival op zaterdag 22 juni aan de Europalaan en de Nederlandstraat.",
    })  # fmt: skip
    steps_resident.fill_participants(page, {"participants": "300", "reach": "Via WoonMere."})
    steps_resident.fill_money(page, {
        "cost": "Podium en geluid", "cost_amount": "1.500,00", "own": "250,00",
        "asked": "1.250,00",
    })  # fmt: skip

    # Step 5: a one-off event on 22 June; Piet is also the backup.
    page.get_by_label("Wanneer begin je?").fill("2027-03-01")
    page.get_by_label("Tot wanneer loopt het?").fill("2027-06-22")
    page.get_by_role("group", name=re.compile("^Is het een eenmalig evenement")).get_by_label(
        "Ja", exact=True
    ).check()
    page.get_by_label("Datum van het evenement").fill("2027-06-22")
    page.get_by_label("E-mailadres van je vervanger").fill(PIET)
    assert_accessible(page, "step 5 of a one-off event")
    page.get_by_role("button", name=steps_resident.NEXT).click()
    expect(page).to_have_title(re.compile("^Stap 6 van 6"))

    # Check your answers: the stichting, its KvK number, the residents invited, the event.
    page.get_by_role("link", name="Verder: controleren en versturen").click()
    main = page.locator("main")
    expect(main).to_contain_text("Stichting WoonMere")
    expect(main).to_contain_text("41329178")
    expect(main).to_contain_text(f"Anna Jansen ({ANNA}) — uitgenodigd, nog niet aangenomen")
    expect(main).to_contain_text("Ja, op 22 juni 2027: één eindevaluatie na het evenement")
    assert_accessible(page, "check your answers of an organisation")
    no_horizontal_scroll(page)
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag verstuurd")


def accept_invitation(page, base, smtp_sink, address: str):
    """The invitation the worker delivered says who named them and why; they accept it."""
    message = mail_to(smtp_sink, address, subject=TITLE)
    text = mail_text(message)
    assert "Stichting WoonMere vraagt geld aan uit het Samen Sterk budget" in text, text
    login_through_form(page, base, address)
    page.goto(link_in(message, base, containing="/uitnodiging"))
    page.get_by_role("button", name="Ja, ik doe mee").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)


def check_as_facilitator(page, base, facilitator, line, assert_accessible):
    login_through_form(page, base, facilitator.email)
    steps_facilitator.open_from_queue(page, base, TITLE)
    steps_facilitator.open_check(page)
    main = page.locator("main")
    expect(main).to_contain_text("Een organisatie vraagt aan: de bewoners in de lead")
    expect(main).to_contain_text(f"Anna Jansen ({ANNA}) — heeft de uitnodiging aangenomen")
    expect(main).to_contain_text(f"Piet Bakker ({PIET}) — heeft de uitnodiging aangenomen")
    expect(main).to_contain_text("41329178")
    expect(main).to_contain_text("Een eenmalig evenement op 22 juni 2027")
    assert_accessible(page, "check of an organisation's application")
    steps_facilitator.check_application(
        page, steps_facilitator.ASSESSMENT, amount="1.250,00", line=str(line)
    )
    steps_facilitator.send_to_holders(page)


def test_sc02_stichting_woonmere_applies_for_a_one_off_festival(
    page, stack, smtp_sink, festival, assert_accessible
):
    base = stack.url
    apply_on_behalf_of_the_stichting(page, base, assert_accessible)
    application = Application.objects.get(initiative__title=TITLE)

    # The residents in the lead accept; then they see the application as theirs.
    accept_invitation(page, base, smtp_sink, ANNA)
    page.goto(base + application.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Stichting WoonMere")
    assert_accessible(page, "the application, seen by a resident in the lead")
    accept_invitation(page, base, smtp_sink, PIET)

    # The facilitator sees both accepted and sends it on.
    check_as_facilitator(page, base, festival["facilitator"], festival["line"], assert_accessible)

    # The decision holder: one end evaluation three weeks after the event, no interim dates.
    holder = festival["holder"]
    login_through_form(page, base, holder.email)
    steps_holder.open_decision(page, base, application)
    main = page.locator("main")
    expect(main).to_contain_text("Op 22 juni 2027: plan één eindevaluatie na het evenement")
    end = page.get_by_label("Eindevaluatie na het evenement, met een bezoek")
    expect(end).to_have_value("2027-07-13")
    expect(page.get_by_label("Evaluatie 2 met bezoek")).to_have_count(0)
    expect(page.get_by_label("Verantwoording achteraf, uiterlijk op")).to_have_value("2027-08-03")
    assert_accessible(page, "decision on a one-off event")
    page.get_by_label("Toekennen", exact=True).check()
    page.get_by_label(re.compile("^Bedrag in euro")).fill("1.250,00")
    page.get_by_label("Motivering").fill("Mensen met en zonder beperking leren elkaar kennen.")
    page.get_by_label("Betaling 1: datum").fill("2027-04-01")
    page.get_by_label("Betaling 1: bedrag in euro").fill("1.250,00")
    page.get_by_role("button", name=steps_holder.SAVE).click()
    complete_grant_meetlat(Application.objects.get(pk=application.pk).decision, holder)
    steps_holder.publish(page, base, application)
    expect(page.get_by_text(re.compile("^Toegekend")).first).to_be_visible()
    assert_dutch_figures(page)

    # One end evaluation, after the event; no interim moments.
    evaluations = Evaluation.objects.filter(application=application)
    assert [e.planned_on for e in evaluations] == [date(2027, 7, 13)]
    expect(page.locator("main")).to_contain_text("13 juli 2027")

    # The letter: the stichting and its KvK number, the residents, the event, the evaluation.
    letter = page.get_by_role("link", name=re.compile("^Toekenningsbrief"))
    text = steps_holder.letter_text(page, letter)
    for expected in (
        "Stichting WoonMere (KvK-nummer 41329178)", "Anna Jansen, Piet Bakker",
        "Jullie evenement is op 22 juni 2027", "13 juli 2027",
    ):  # fmt: skip
        assert expected in text, text

    # The accountability afterwards asks whether people met again.
    accountability = Accountability.objects.get(application=application)
    login_through_form(page, base, ANNA)
    page.goto(base + reverse("budget:accountability-step", args=[accountability.pk, 4]))
    expect(
        page.get_by_role("group", name=re.compile("^Zijn mensen elkaar na het evenement"))
    ).to_be_visible()
    page.get_by_role("radio", name=re.compile("Ja, meerdere mensen zagen elkaar weer")).check()
    page.get_by_label("Vertel er iets over").fill("Buren met en zonder beperking drinken koffie.")
    page.get_by_label("Je verhaal").fill("Het festival was vol. Iedereen deed mee.")
    page.get_by_role("radio", name="We gaan zelf verder").check()
    assert_accessible(page, "accountability story of a one-off event")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.goto(base + reverse("budget:accountability", args=[accountability.pk]))
    main = page.locator("main")
    expect(main).to_contain_text("Zagen mensen elkaar na het evenement weer?")
    expect(main).to_contain_text("Ja, meerdere mensen zagen elkaar weer of gingen samen verder")
    expect(main).to_contain_text("Buren met en zonder beperking drinken koffie.")
