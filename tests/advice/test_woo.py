"""Woo: published advices and answers are public information. Each carries its publication
date (page and PDF), a public address that never changes (the reference leads there too),
a PDF of advice and answer with the reasons per recommendation and the promises, and the
public register offers an Atom feed of new publications — public advices only, newest
first, nothing personal."""

import subprocess
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from defusedxml import ElementTree as SafeET
from django.urls import reverse
from django.utils import timezone

from advice.enums import Kept
from advice.models import Advice, Answer
from advice.services import followup, register
from tests.advice.factories import advice_in, coordinator

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def feed(client) -> ET.Element:
    response = client.get(reverse("advice:public-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return SafeET.fromstring(response.content)  # valid XML, or this raises


def entries(root: ET.Element) -> list[dict]:
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
            "updated": e.findtext(f"{ATOM}updated"),
            "text": ET.tostring(e, encoding="unicode"),
        }
        for e in root.findall(f"{ATOM}entry")
    ]


def test_the_feed_holds_public_advices_only_newest_first(client):
    boss = coordinator()
    older = advice_in("answered", coordinator_user=boss, is_public=True, title="Ouder advies")
    Advice.objects.filter(pk=older.pk).update(
        published_on=timezone.localdate() - timedelta(days=30)
    )
    Answer.objects.filter(advice=older).update(published_at=timezone.now() - timedelta(days=20))
    newer = advice_in("final", coordinator_user=boss, is_public=True, title="Nieuw advies")
    advice_in("final", coordinator_user=boss, title="Niet openbaar advies")
    advice_in("concept", title="Concept van de ASD")
    draft = advice_in("draft_answer", coordinator_user=boss, is_public=True, title="Met concept")
    Answer.objects.filter(advice=draft).update(introduction="Geheime conceptinleiding")
    withdrawn = advice_in("concept", title="Ingetrokken advies")
    register.withdraw_advice(advice=withdrawn, by=withdrawn.created_by, reason="Het klopte niet.")

    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    titles = [e["title"] for e in entries(root)]
    assert titles[-1] == f"{older.reference} Ouder advies"
    assert set(titles) == {
        f"{older.reference} Ouder advies", f"{newer.reference} Nieuw advies",
        f"{draft.reference} Met concept",
    }  # fmt: skip
    xml = client.get(reverse("advice:public-feed")).content.decode()
    for secret in ("Niet openbaar", "Concept van de ASD", "Ingetrokken", "Geheime concept"):
        assert secret not in xml
    # No personal data: no contact person, no e-mail address, no registrar.
    for person in (boss, older.contact, older.backup_contact, older.created_by):
        assert person.email not in xml and (not person.full_name or person.full_name not in xml)
    first = next(e for e in entries(root) if "Ouder" in e["title"])
    assert first["link"].endswith(older.get_public_url())
    assert "The answer of the municipality was published on" in first["text"]


def test_the_register_page_links_the_feed(client):
    html = client.get(reverse("advice:public-list")).content.decode()
    feed_url = reverse("advice:public-feed")
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed_url}"' in html


def test_the_publication_date_is_the_first_day_on_the_website():
    boss = coordinator()
    advice = advice_in("final", coordinator_user=boss)
    assert advice.published_on is None
    register.set_public(advice=advice, by=boss, is_public=True)
    first = Advice.objects.get(pk=advice.pk).published_on
    assert first == timezone.localdate()
    Advice.objects.filter(pk=advice.pk).update(published_on=first - timedelta(days=3))
    register.set_public(advice=advice, by=boss, is_public=False)
    register.set_public(advice=advice, by=boss, is_public=True)
    assert Advice.objects.get(pk=advice.pk).published_on == first - timedelta(days=3)


def test_the_reference_leads_to_the_page_that_never_moves(client):
    advice = advice_in("answered", is_public=True)
    hidden = advice_in("answered")
    response = client.get(f"/adviezen/{advice.reference}/")
    assert response.status_code == 301 and response["Location"] == f"/adviezen/{advice.pk}/"
    assert advice.get_public_url() == f"/adviezen/{advice.pk}/"
    assert client.get(f"/adviezen/{hidden.reference}/").status_code == 404
    page = client.get(advice.get_public_url()).content.decode()
    assert "Answer published on" in page and "Advice made public on" in page
    assert f"/adviezen/{advice.pk}/" in page  # the permanent address, written out


def test_a_promise_not_kept_shows_with_its_reason_on_the_public_page(client):
    boss = coordinator()
    advice = advice_in("answered", coordinator_user=boss, is_public=True)
    promises = list(advice.promises.order_by("pk"))
    why = "Het tweede loket kwam er niet door de bezuiniging."
    followup.save_evaluation(
        evaluation=advice.evaluation, by=boss, held_on=timezone.localdate(),
        participants="ASD en gemeente", what_happened="Een loket.", effect="Weinig.",
        body_appraisal="Teleurgesteld.",
        verdicts={promises[0].pk: (Kept.NOT_KEPT, why),
                  **{p.pk: (Kept.KEPT, "") for p in promises[1:]}},
    )  # fmt: skip
    followup.complete_evaluation(evaluation=advice.evaluation, by=boss)
    page = client.get(advice.get_public_url()).content.decode()
    assert "Not kept" in page and why in page
    client.force_login(boss)
    internal = client.get(advice.get_absolute_url()).content.decode()
    assert "Not kept" in internal and why in internal


def test_the_pdf_has_both_the_reasons_the_promises_and_the_publication_date(client):
    boss = coordinator()
    advice = advice_in("answered", coordinator_user=boss, is_public=True)
    response = client.get(reverse("advice:public-pdf", args=[advice.pk]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    published = Answer.objects.get(advice=advice).published_at
    assert advice.title in flat and "Samenvatting van het advies." in flat
    assert "Maak een loket." in flat and "Evalueer." in flat  # the recommendations
    assert flat.count("Omdat het budget al vastligt.") == 2  # reasons of recommendation 2 and 3
    assert "We doen: Maak een loket." in flat  # a promise
    day = timezone.localdate(published)
    assert f"{day.day} {day.strftime('%B')} {day.year}" in flat
    assert "published on" in flat.lower()
    assert f"/adviezen/{advice.pk}/" in flat
