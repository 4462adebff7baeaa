"""The factsheet of roles and authorities: public, versioned, every version keeps its why
(BR-56); and the handover of contacts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.enums import Party, PromiseStatus
from advice.models import Advice, FactsheetVersion, Promise
from advice.services.followup import publish_factsheet
from burgerkracht.core.models import AuditEvent
from tests.advice.factories import advice_in, coordinator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def complete_entries(suffix: str = "") -> dict[str, tuple[str, str, str]]:
    return {
        party: (f"Taken van {party}{suffix}", f"Bevoegdheden van {party}{suffix}", "Afspraak")
        for party in Party.values
    }


def form_data(why: str = "De raad besloot het anders.", **overrides) -> dict[str, str]:
    data = {"valid_from": timezone.localdate().isoformat(), "why": why}
    for party, (tasks, powers, agreements) in complete_entries(" (nieuw)").items():
        data |= {
            f"{party}_tasks": tasks,
            f"{party}_powers": powers,
            f"{party}_agreements": agreements,
        }
    return data | overrides


def test_the_factsheet_is_public_with_its_history(client):
    boss = coordinator()
    first = publish_factsheet(
        by=boss,
        why="Eerste afspraken.",
        valid_from=timezone.localdate(),
        entries=complete_entries(" v1"),
    )
    publish_factsheet(
        by=boss,
        why="Het BO+ krijgt een eigen budget.",
        valid_from=timezone.localdate(),
        entries=complete_entries(" v2"),
    )

    page = client.get(reverse("advice:factsheet")).content.decode()
    old = client.get(reverse("advice:factsheet-version", args=[first.number])).content.decode()

    assert "Taken van asd v2" in page and "Taken van asd v1" not in page
    assert "Het BO+ krijgt een eigen budget." in page and "Eerste afspraken." in page
    assert "Taken van asd v1" in old
    assert client.get(reverse("advice:factsheet-version", args=[999])).status_code == 404


def test_a_new_version_is_prefilled_and_keeps_its_why(client):
    boss = coordinator()
    current = publish_factsheet(
        by=boss, why="Start.", valid_from=timezone.localdate(), entries=complete_entries(" oud")
    )
    client.force_login(boss)

    form = client.get(reverse("advice:factsheet-new")).context["form"]
    response = client.post(reverse("advice:factsheet-new"), form_data())

    assert form.initial["asd_tasks"] == "Taken van asd oud"
    assert response.status_code == 302
    new = FactsheetVersion.current()
    assert new.number == current.number + 1
    assert new.why == "De raad besloot het anders."
    assert new.entries.get(party=Party.BO_PLUS).tasks == "Taken van bo_plus (nieuw)"
    assert FactsheetVersion.objects.get(pk=current.pk).why == "Start."
    assert AuditEvent.objects.filter(action="factsheet.published", reason=new.why).exists()


@pytest.mark.parametrize("override", [{"why": "   "}, {"council_powers": ""}, {"valid_from": "x"}])
def test_a_version_without_why_or_powers_is_refused_on_the_form(client, override):
    client.force_login(coordinator())
    before = FactsheetVersion.objects.count()

    response = client.post(reverse("advice:factsheet-new"), form_data(**override))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert FactsheetVersion.objects.count() == before


def test_only_editors_publish_a_version(client):
    client.force_login(UserFactory(role="read_only"))

    assert client.post(reverse("advice:factsheet-new"), form_data()).status_code == 403


# --- the handover of contacts -------------------------------------------------------------


def test_handover_moves_contacts_and_promises_and_shows_the_counts(client):
    boss = coordinator()
    answered = advice_in("answered", coordinator_user=boss)
    successor = coordinator()
    client.force_login(coordinator())
    url = reverse("advice:handover")

    preview = client.get(url, {"van": boss.pk}).context["counts"]
    response = client.post(
        url, {"leaving": boss.pk, "successor": successor.pk, "note": "Zie de afspraken van maart."}
    )

    assert preview == {"contact": 1, "backup": 0, "promises": 2}
    assert response.status_code == 302
    assert Advice.objects.get(pk=answered.pk).contact == successor
    assert not Promise.objects.filter(owner=boss, status=PromiseStatus.NEW).exists()
    after = client.get(response["Location"]).context["counts"]
    assert after == {"contact": 0, "backup": 0, "promises": 0}


def test_handover_to_the_same_person_is_refused_on_the_form(client):
    boss = coordinator()
    client.force_login(boss)

    response = client.post(
        reverse("advice:handover"),
        {"leaving": boss.pk, "successor": boss.pk, "note": "Alle afspraken staan in het dossier."},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
