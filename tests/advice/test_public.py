"""The public pages at /adviezen/: only public, non-concept advices; the whole chain on one
timeline; the answer only once it is published; the PDF only then. Concepts and draft
answers never leak, neither here nor to another body."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.models import Advice, Promise
from advice.services import register
from tests.advice.factories import advice_in, advice_request, body, coordinator, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The pages in English: the assertions read the msgids, whatever locale/nl says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


DRAFT_REASON = "Omdat het budget al vastligt."


def test_concepts_and_draft_answers_never_reach_the_public_pages(client):
    boss = coordinator()
    concept = advice_in("concept", title="Geheim concept van de ASD")
    draft = advice_in("draft_answer", coordinator_user=boss, is_public=True,
                      title="Definitief, antwoord nog intern")  # fmt: skip
    hidden = advice_in("final", coordinator_user=boss, title="Niet openbaar gemaakt")

    listing = client.get(reverse("advice:public-list")).content.decode()
    assert draft.title in listing
    assert concept.title not in listing and hidden.title not in listing
    for advice in (concept, hidden):
        assert client.get(reverse("advice:public-detail", args=[advice.pk])).status_code == 404
    page = client.get(reverse("advice:public-detail", args=[draft.pk])).content.decode()
    assert "Maak een loket." in page  # the recommendations are public once final
    assert DRAFT_REASON not in page
    assert client.get(reverse("advice:public-pdf", args=[draft.pk])).status_code == 404

    # The concept flag cannot be bypassed: a concept marked public in the database stays out.
    Advice.objects.filter(pk=concept.pk).update(is_public=True)
    assert client.get(reverse("advice:public-detail", args=[concept.pk])).status_code == 404
    assert concept.title not in client.get(reverse("advice:public-list")).content.decode()


def test_another_bodys_member_sees_neither_the_concept_nor_the_draft_answer(client):
    boss = coordinator()
    concept = advice_in("concept", title="Concept alleen voor de ASD")
    draft = advice_in("draft_answer", coordinator_user=boss)
    client.force_login(member("bo-plus", "bo_plus_representative"))
    assert client.get(concept.get_absolute_url()).status_code == 403
    assert concept.title not in client.get(reverse("advice:register")).content.decode()
    assert DRAFT_REASON not in client.get(draft.get_absolute_url()).content.decode()


def test_the_whole_chain_on_one_timeline(client, time_machine):
    boss = coordinator()
    asd_member = member("asd")
    r = advice_request(by=boss, days=20, subject="Wmo-verordening 2027")
    advice = register.register_advice(by=asd_member, body=r.body, title="Advies Wmo",
                                       advice_request=r, summary="Kort.")  # fmt: skip
    register.save_recommendations(advice=advice, by=asd_member, texts=["Doe dit.", "Doe dat."])
    register.send_advice(advice=advice, by=asd_member)
    register.set_public(advice=advice, by=boss, is_public=True)
    url = reverse("advice:public-detail", args=[advice.pk])

    page = client.get(url).content.decode()
    assert "Wmo-verordening 2027" in page and "Het college besluit voor het reces." in page
    assert "Doe dit." in page and "Not published yet" in page

    from advice.services import answer as answer_services
    from tests.advice.factories import evaluate, write_answer

    register.set_contacts(advice=advice, by=boss, contact=boss, backup=coordinator())
    write_answer(advice, boss, ("adopted", "not_adopted"))
    answer_services.approve_answer(advice=advice, by=boss)
    answer_services.publish_answer(advice=advice, by=boss)
    Promise.objects.filter(advice=advice).update(due_on=timezone.localdate() - timedelta(days=1))
    page = client.get(url).content.decode()
    assert DRAFT_REASON in page and "We doen: Doe dit." in page
    assert 'portal-status--late">Late<' in page
    assert "Het loket is er." not in page

    evaluate(Advice.objects.get(pk=advice.pk), boss)
    page = client.get(url).content.decode()
    assert "Het loket is er." in page

    pdf = client.get(reverse("advice:public-pdf", args=[advice.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert Advice.objects.get(pk=advice.pk).answer.pdf  # stored, not made again


def test_public_list_filters_by_body_and_year(client):
    boss = coordinator()
    asd = advice_in("final", coordinator_user=boss, is_public=True, title="Van de ASD")
    bo = advice_in("final", body_slug="bo-plus", coordinator_user=boss, is_public=True,
                   title="Van het BO+")  # fmt: skip
    url = reverse("advice:public-list")
    page = client.get(url, {"orgaan": "bo-plus"}).content.decode()
    assert bo.title in page and asd.title not in page
    year = asd.received_on.year
    assert asd.title in client.get(url, {"jaar": year}).content.decode()
    assert asd.title not in client.get(url, {"jaar": year - 1}).content.decode()
    assert client.get(url, {"jaar": "x' or 1=1", "orgaan": "../"}).status_code == 200


def test_public_list_runs_the_same_number_of_queries_at_10_and_1000_advices(client):
    """The public list is a register page too: its query count does not grow with the data."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.advice.test_register_views import _bulk_advices

    asd = body("asd")
    advice_in("answered", is_public=True)  # an answer and promises in the mix
    url = reverse("advice:public-list")

    def queries(count: int) -> tuple[int, str]:
        Advice.objects.filter(reference__startswith="BLK-").delete()
        _bulk_advices(count, asd)
        Advice.objects.filter(reference__startswith="BLK-").update(is_public=True)
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries), response.content.decode()

    few, _page = queries(10)
    many, page = queries(1000)

    assert few == many
    assert "Advies" in page
