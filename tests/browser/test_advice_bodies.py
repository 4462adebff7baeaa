"""The bodies part of the advice register in the browser, with and without JavaScript, and
0 axe-core violations on every page: bodies, representation, signals and obstacles, meetings,
the factsheet and the handover; each form also once with an error."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from advice.enums import MemberRole
from advice.models import FactsheetVersion, Meeting, Membership, Signal, TargetGroup
from advice.services import bodies as body_services
from advice.services.followup import publish_factsheet
from tests.advice.factories import advice_in, body, coordinator, member, theme
from tests.advice.test_factsheet import complete_entries
from tests.factories import NeighbourhoodFactory, OrganisationFactory, UpdateFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE = "button[name=save], input[name=save]"


def _world():
    boss = coordinator()
    admin = UserFactory(role="administrator")
    writer = member("asd", "asd_member")
    member("bo-plus", user=writer, member_role=MemberRole.REPRESENTATIVE)
    theme()
    youth = TargetGroup.objects.get_or_create(name="Jeugd")[0]
    elderly = TargetGroup.objects.get_or_create(name="Ouderen")[0]
    body_services.save_organisation(by=admin, body=body("bo-plus"),
                                    organisation=OrganisationFactory(name="Seniorenraad"),
                                    themes=[theme()], groups=[elderly])  # fmt: skip
    obstacle = UpdateFactory(kind="obstacle", is_signal=True, text="Geen zaal te huur.")
    obstacle.initiative.neighbourhoods.add(NeighbourhoodFactory(name="Waterwijk"))
    publish_factsheet(by=boss, why="Eerste versie.", valid_from=obstacle.created_at.date(),
                      entries=complete_entries())  # fmt: skip
    return boss, admin, writer, youth, obstacle


def test_bodies_signals_meetings_and_factsheet(browser_page, live_server):
    page, login_as, check = browser_page
    boss, admin, writer, youth, obstacle = _world()
    url = live_server.url

    # The administrator manages the ASD: an error first, then a member and an organisation.
    login_as(admin)
    page.goto(url + reverse("advice:bodies"))
    check("bodies")
    page.goto(url + reverse("advice:body-detail", args=["asd"]))
    check("body detail")
    page.goto(url + reverse("advice:body-member-add", args=["asd"]))
    page.fill("input[name=email]", "niemand@example.org")
    page.click(SAVE)
    expect(page.locator("#error-summary")).to_be_visible()
    check("member with an error")
    newcomer = UserFactory(role="asd_member")
    page.fill("input[name=email]", newcomer.email)
    page.click(SAVE)
    assert Membership.objects.filter(user=newcomer, body=body("asd")).exists()
    membership = Membership.objects.get(user=newcomer)
    page.goto(url + reverse("advice:body-member-end", args=["asd", membership.pk]))
    check("end membership")
    page.click(SAVE)
    assert Membership.objects.get(pk=membership.pk).ended_on is not None
    joz = OrganisationFactory(name="JOZ")
    page.goto(url + reverse("advice:body-organisation-add", args=["bo-plus"]))
    page.click(SAVE)
    check("organisation with an error")
    page.select_option("select[name=organisation]", label=joz.name)
    page.check(f"input[name=groups][value='{youth.pk}']")
    page.click(SAVE)
    expect(page.get_by_text("JOZ").first).to_be_visible()

    # The coordinator: representation, signals, an obstacle made a signal.
    login_as(boss)
    page.goto(url + reverse("core:report", args=["representation"]))
    check("representation")
    page.goto(url + reverse("advice:signals"))
    check("signals")
    page.goto(url + reverse("advice:signal-create"))
    page.click(SAVE)
    check("signal with an error")
    page.select_option("select[name=body]", label="BO+")
    page.select_option("select[name=theme]", label=theme().name)
    page.fill("input[name=title]", "Lange wachttijd")
    page.fill("textarea[name=description]", "Mensen wachten maanden.")
    page.click(SAVE)
    expect(page.get_by_role("heading", name="Lange wachttijd")).to_be_visible()
    check("signal detail")
    page.goto(url + reverse("advice:obstacles"))
    expect(page.get_by_text("Geen zaal te huur.")).to_be_visible()
    check("obstacles")
    page.goto(url + reverse("advice:obstacle-convert", args=[f"initiatives:{obstacle.pk}"]))
    page.fill("input[name=title]", "")
    page.click(SAVE)
    check("convert with an error")
    page.select_option("select[name=body]", label="ASD")
    page.select_option("select[name=theme]", label=theme().name)
    page.fill("input[name=title]", "Geen ruimte")
    page.click(SAVE)
    assert Signal.objects.filter(title="Geen ruimte", source_id=obstacle.pk).exists()

    # Meetings: the draft agenda, an error, then planned and changed.
    advice_in("final", coordinator_user=boss)
    page.goto(url + reverse("advice:meetings"))
    check("meetings")
    page.goto(url + reverse("advice:meeting-create") + "?orgaan=asd")
    check("plan a meeting")
    page.fill("input[name=title]", "")
    page.click(SAVE)
    check("meeting with an error")
    page.fill("input[name=date]", "2026-12-01")
    page.fill("input[name=title]", "Overleg december")
    page.click(SAVE)
    meeting = Meeting.objects.get(title="Overleg december")
    check("meeting detail")
    page.goto(url + reverse("advice:meeting-edit", args=[meeting.pk]))
    check("change a meeting")

    # The factsheet: a new version needs its why.
    page.goto(url + reverse("advice:factsheet-new"))
    page.click(SAVE)
    check("factsheet with an error")
    page.fill("textarea[name=why]", "Het BO+ krijgt eigen budget.")
    page.click(SAVE)
    assert FactsheetVersion.current().why == "Het BO+ krijgt eigen budget."
    check("factsheet")
    page.goto(url + reverse("advice:factsheet-version", args=[1]))
    check("old factsheet version")

    # The handover of contacts, an error first.
    page.goto(url + reverse("advice:handover") + f"?van={boss.pk}")
    check("handover")
    page.click(SAVE)
    check("handover with an error")

    # A member of the ASD ticks the signals of its concept.
    concept = advice_in("concept", by=writer)
    login_as(writer)
    page.goto(url + reverse("advice:body-detail", args=["bo-plus"]))
    expect(page.get_by_text("ASD").first).to_be_visible()
    page.goto(url + reverse("advice:advice-signals", args=[concept.pk]))
    check("signals of an advice")
    page.check("input[name=signals] >> nth=0")
    page.click(SAVE)
    assert concept.signals.count() == 1
