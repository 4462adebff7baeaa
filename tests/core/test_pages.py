import json
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from burgerkracht.core.models import Municipality, OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_home_page_is_dutch_by_default(client):
    response = client.get("/")

    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.text
    assert "Bewoners aan zet" in response.text


def test_language_switch_gives_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get("/")

    assert '<html lang="en"' in response.text
    assert "Residents take the lead" in response.text


@pytest.mark.parametrize(
    ("url", "dutch"),
    [("/privacy/", "Privacyverklaring"), ("/toegankelijkheid/", "Toegankelijkheidsverklaring")],
)
def test_statement_pages_exist_in_dutch(client, url, dutch):
    response = client.get(url)

    assert response.status_code == 200
    assert dutch in response.text


def test_not_found_page_is_dutch(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "We kunnen deze pagina niet vinden" in response.text


def test_forbidden_page_is_dutch(client):
    client.force_login(UserFactory(role="resident"))

    response = client.get(reverse("admin:index"), follow=True)

    assert response.status_code == 403
    assert "Je kunt deze pagina niet openen" in response.text


def test_server_error_page_renders_without_context():
    from django.template.loader import get_template

    html = get_template("500.html").render({})

    assert "Er ging iets mis" in html


def test_health_endpoint_reports_database_cache_outbox_and_broker(client):
    response = client.get(reverse("core:health"), HTTP_ACCEPT="application/json")

    data = json.loads(response.content)
    assert response.status_code == 200
    assert sorted(name.split("(")[0] for name in data) == [
        "Broker",
        "Cache",
        "Database",
        "OutboxBacklog",
    ]
    assert set(data.values()) == {"OK"}


@pytest.mark.django_db(transaction=True)  # the checks run in threads with their own connection
def test_health_endpoint_fails_when_mail_is_stuck(client, settings):
    settings.OUTBOX_BACKLOG_WARNING_MINUTES = 0
    from datetime import timedelta

    from django.utils import timezone

    OutboxMessage.objects.create(
        subject="x",
        from_email="a@example.org",
        to=["b@example.org"],
        body="x",
        next_attempt_at=timezone.now() - timedelta(minutes=5),
    )

    response = client.get(reverse("core:health"), HTTP_ACCEPT="application/json")

    assert response.status_code == 500
    assert "has waited 5 minutes (limit 0)" in json.loads(response.content)["OutboxBacklog()"]


def test_logo_is_served_sandboxed(client):
    municipality = Municipality.objects.create(name="Gemeente Logo")
    municipality.logo.save("logo.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>"))

    response = client.get(reverse("core:logo"))
    home = client.get("/")

    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert f'src="{reverse("core:logo")}"' in home.text


def test_every_environment_variable_is_documented():
    settings_source = (ROOT / "burgerkracht" / "settings" / "base.py").read_text()
    documented = (ROOT / ".env.example").read_text()

    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', settings_source))

    assert read, "no variables found: the pattern is wrong"
    assert sorted(v for v in read if f"{v}=" not in documented) == []


def test_samen_sterk_page_explains_the_one_criterion_and_the_choir(client):
    response = client.get(reverse("budget:samen-sterk"))

    assert response.status_code == 200
    assert "buiten de gemeenschap vallen" in response.text
    assert "Zingen is het middel." in response.text
    assert "kwetsbaar" not in response.text


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("core:liveness"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]
