"""The coordinator moves some dossiers of an overloaded facilitator to a colleague with one
reason; the residents hear who their new contact is. Then an official saves a filter on the
Samen Sterk queue, logs out, comes back, uses it and deletes it (issue #24)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from burgerkracht.core.models import AuditEvent, SavedFilter
from initiatives.models import Handover, Initiative
from tests.factories import InitiativeFactory, UserFactory, open_line
from tests.journeys import steps_officials
from tests.journeys.steps_common import log_out, login_through_form, mail_text, mail_to

pytestmark = [pytest.mark.journey, pytest.mark.django_db(transaction=True)]

REASON = "Anna heeft te veel dossiers. Bram neemt de Buurtsoep en het Taalcafé over."


def test_coordinator_reassigns_dossiers_and_an_official_uses_a_saved_filter(
    page, stack, smtp_sink, assert_accessible
):
    base = stack.url
    coordinator = UserFactory(role="facilitator_coordinator", full_name="Carla de Boer")
    busy = UserFactory(role="facilitator", full_name="Anna de Vries")
    bram = UserFactory(role="facilitator", full_name="Bram Bakker")
    soup = InitiativeFactory(active=True, facilitator=busy, title="Buurtsoep")
    cafe = InitiativeFactory(active=True, facilitator=busy, title="Taalcafé")
    garden = InitiativeFactory(active=True, facilitator=busy, title="Moestuin")

    # --- the coordinator reassigns two of Anna's three dossiers --------------------------
    login_through_form(page, base, coordinator.email)
    page.goto(base + reverse("initiatives:coordinator"))
    row = page.get_by_role("row").filter(has_text="Anna de Vries")
    row.get_by_role("link", name="dossiers verdelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers opnieuw verdelen")
    assert_accessible(page, "reassignment")
    for initiative in (soup, cafe, garden):
        box = page.get_by_role("checkbox", name=initiative.reference)
        expect(box).to_be_checked()
    page.get_by_role("checkbox", name=garden.reference).uncheck()  # the garden stays
    page.get_by_label("Nieuwe facilitator").select_option(label="Bram Bakker")
    page.get_by_label("Reden").fill(REASON)
    page.get_by_role("button", name="Verdeel opnieuw").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Facilitators toewijzen")
    expect(page.get_by_text("Overgedragen aan Bram Bakker: 2 dossier(s)")).to_be_visible()
    assert set(Initiative.objects.filter(facilitator=bram)) == {soup, cafe}
    assert Initiative.objects.get(pk=garden.pk).facilitator == busy
    assert set(Handover.objects.values_list("note", flat=True)) == {REASON}
    assert AuditEvent.objects.filter(action="initiative.reassigned", reason=REASON).count() == 2
    # the page shows Anna's one dossier left
    page.goto(base + reverse("initiatives:reassign") + f"?van={busy.pk}")
    expect(page.get_by_role("checkbox")).to_have_count(1)
    expect(page.get_by_role("checkbox", name=garden.reference)).to_be_visible()
    # the residents are told who their new contact is
    message = mail_to(smtp_sink, soup.created_by.email, subject=soup.reference)
    assert "Bram Bakker" in mail_text(message)
    log_out(page)

    # --- an official saves a filter, leaves, comes back, uses it and deletes it ----------
    line, _holder = open_line(allocation="25000.00", name="Stedelijk")
    checking = steps_officials.sent_in_application(line=line, facilitator=bram)
    login_through_form(page, base, bram.email)
    page.goto(base + reverse("budget:queue"))
    expect(page.get_by_role("heading", name="Je bewaarde filters")).to_be_visible()
    page.get_by_label("Zoeken").fill(checking.reference)
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("button", name="Bewaar dit filter").click()  # forgot the name
    expect(page.get_by_text("Geef het filter een naam.").first).to_be_visible()
    page.get_by_label("Naam van het filter").fill("Mijn wijk, nog te toetsen")
    page.get_by_role("button", name="Bewaar dit filter").click()
    expect(page.get_by_text("Het filter 'Mijn wijk, nog te toetsen' is bewaard.")).to_be_visible()
    log_out(page)

    login_through_form(page, base, bram.email)
    page.goto(base + reverse("budget:queue"))
    page.get_by_role("link", name="Mijn wijk, nog te toetsen").click()
    expect(page.get_by_label("Zoeken")).to_have_value(checking.reference)
    expect(page.get_by_role("link", name=checking.initiative.title)).to_have_count(1)
    assert_accessible(page, "queue opened from a saved filter")

    page.get_by_role("button", name="Verwijder Mijn wijk, nog te toetsen").click()
    expect(
        page.get_by_text("Het filter 'Mijn wijk, nog te toetsen' is verwijderd.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Mijn wijk, nog te toetsen")).to_have_count(0)
    assert not SavedFilter.objects.exists()
