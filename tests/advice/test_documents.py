"""The advice document and a request's policy document: downloadable by who may see the
advice or the request, by nobody else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advice.services import register
from tests.advice.factories import advice_in, advice_request, coordinator, member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 het advies"


def test_the_body_and_the_municipality_download_the_advice_another_body_does_not(client):
    asd_member = member("asd")
    advice = advice_in("concept", by=asd_member)
    register.update_advice(
        advice=advice, by=asd_member,
        document=SimpleUploadedFile("advies.pdf", PDF, "application/pdf"),
    )  # fmt: skip
    url = reverse("advice:advice-document", args=[advice.pk])

    client.force_login(asd_member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]

    client.force_login(coordinator())
    assert client.get(url).status_code == 200
    client.force_login(member("bo-plus", "bo_plus_representative"))
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_policy_document_is_for_the_asked_body_and_the_municipality(client):
    boss = coordinator()
    asked = advice_request(
        by=boss, policy_document=SimpleUploadedFile("nota.pdf", PDF, "application/pdf")
    )
    url = reverse("advice:request-document", args=[asked.pk])

    client.force_login(member("asd"))
    page = client.get(reverse("advice:request-detail", args=[asked.pk]))
    assert url in page.content.decode()
    assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(member("bo-plus", "bo_plus_representative"))
    assert client.get(url).status_code == 403


def test_no_document_is_a_404(client):
    asd_member = member("asd")
    advice = advice_in("concept", by=asd_member)
    client.force_login(asd_member)

    assert client.get(reverse("advice:advice-document", args=[advice.pk])).status_code == 404
