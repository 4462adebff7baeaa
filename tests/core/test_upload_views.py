"""Uploads through the real pages (targets.md S3): one upload page per kind refuses what
lies about itself and a virus, shows the error next to the field and in the summary, and
stores what it accepts under a safe name. Private files are reachable only through the
views that check permission, as downloads that cannot be sniffed into a page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.static import serve

from advice.models import AdviceRequest
from budget import services
from budget.models import Attachment
from burgerkracht.core.models import Municipality
from tests import upload_samples as s
from tests.advice.factories import body, coordinator
from tests.budget.followup_helpers import grant
from tests.clamd import EICAR, closed_port, fake_clamd
from tests.factories import UserFactory, filled_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The pages in English: the assertions read the msgids, whatever locale/nl says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def field_error(html: str, name: str) -> str:
    """The error message shown next to the field `name`."""
    after = html.split(f'id="id_{name}-error"><p class="portal-field-error">', 1)[1]
    return after.split("</p>", 1)[0]


def summary(html: str) -> str:
    return html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The client's content type is a lie on purpose: it must never matter.
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# --- one upload page per kind --------------------------------------------------------------

REFUSED = [
    ("offerte.pdf", s.EXE, "This kind of file cannot be added."),
    ("offerte.pdf", s.HTML, "This kind of file cannot be added."),
    ("foto.pdf", s.PNG, "The name of this file does not match its content"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_the_application_attachment_page_refuses_a_file_that_lies(
    client, name, content, message, figure
):
    application = filled_application()
    client.force_login(application.initiative.created_by)

    response = client.post(
        reverse("budget:attachments", args=[application.pk]), {"file": upload(name, content)}
    )

    assert response.status_code == 200
    assert field_error(response.text, "file").startswith(message)
    assert message in summary(response.text)
    assert 'href="#id_file"' in summary(response.text)
    assert response.text.split("<title>", 1)[1].startswith("Error: ")
    assert application.attachments.count() == 0
    figure("S3", cases=1, rejected=1, accepted_bad=0)


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.pdf", "..\\..\\x.pdf", "off\x00erte\u202efdp.pdf", "x" * 300 + ".pdf"],
)
def test_a_hostile_name_is_stored_under_a_safe_name_inside_the_upload_folder(client, name):
    application = filled_application()
    client.force_login(application.initiative.created_by)

    response = client.post(
        reverse("budget:attachments", args=[application.pk]), {"file": upload(name, s.PDF)}
    )

    assert response.status_code == 302
    [attachment] = application.attachments.all()
    folder = Path(django_settings.MEDIA_ROOT, "private", "applications", str(application.pk))
    stored = Path(attachment.file.path).resolve()
    assert stored.parent == folder.resolve()
    assert stored.read_bytes() == s.PDF
    assert ".." not in attachment.name and "/" not in attachment.name
    assert "\\" not in attachment.name and "\x00" not in attachment.name
    assert "\u202e" not in attachment.name and len(attachment.name) <= 100
    assert attachment.name.endswith(".pdf")


def test_the_application_attachment_page_refuses_eicar_and_keeps_a_clean_file(
    client, settings, figure
):
    application = filled_application()
    client.force_login(application.initiative.created_by)
    url = reverse("budget:attachments", args=[application.pk])
    with fake_clamd() as (settings.CLAMD_URL, scanned):
        infected = client.post(url, {"file": upload("offerte.pdf", s.PDF + EICAR)})
        clean = client.post(url, {"file": upload("offerte.pdf", s.PDF)})

    assert field_error(infected.text, "file").startswith("This file contains a virus")
    assert clean.status_code == 302
    assert [a.name for a in application.attachments.all()] == ["offerte.pdf"]
    assert len(scanned) == 2  # once each: the service does not scan what the form scanned
    figure("S3", cases=2, rejected=1, accepted_bad=0)


def test_a_receipt_the_scanner_cannot_check_is_refused_next_to_its_field(client, settings, figure):
    application, _holder, _facilitator = grant()
    client.force_login(application.initiative.created_by)
    settings.CLAMD_URL, settings.CLAMD_TIMEOUT = closed_port(), 0.5

    response = client.post(
        reverse("budget:accountability-file", args=[application.accountability.pk]),
        {"file": upload("bon.png", s.PNG)},
    )

    assert response.status_code == 200
    assert field_error(response.text, "file") == (
        "We could not check this file for viruses just now. Please try again later."
    )
    assert "try again later" in summary(response.text)
    assert not application.attachments.exists()
    figure("S3", cases=1, rejected=1, accepted_bad=0)


def test_a_receipt_that_lies_is_refused_and_a_good_one_added(client, figure):
    application, _holder, _facilitator = grant()
    client.force_login(application.initiative.created_by)
    url = reverse("budget:accountability-file", args=[application.accountability.pk])

    refused = client.post(url, {"file": upload("bon.png", s.EXE)})
    added = client.post(url, {"file": upload("bon.png", s.PNG)})

    assert field_error(refused.text, "file").startswith("This kind of file cannot be added.")
    assert added.url == reverse(
        "budget:accountability-step", args=[application.accountability.pk, 3]
    )
    assert [a.name for a in application.attachments.all()] == ["bon.png"]
    figure("S3", cases=2, rejected=1, accepted_bad=0)


def test_the_policy_document_is_checked_by_content(client, figure):
    client.force_login(coordinator())
    today = timezone.localdate()
    data = {
        "body": body("asd").pk, "subject": "Armoedebeleid", "question": "Wat vindt u ervan?",
        "department": "Sociaal Domein", "requested_on": today.isoformat(),
        "deadline": (today + timedelta(days=60)).isoformat(),
    }  # fmt: skip
    url = reverse("advice:request-create")

    refused = client.post(url, {**data, "policy_document": upload("nota.pdf", s.HTML)})
    accepted = client.post(url, {**data, "policy_document": upload("nota.odt", s.odt())})

    assert field_error(refused.text, "policy_document").startswith(
        "This kind of file cannot be added. Use PDF, Word (docx) or OpenDocument (odt)."
    )
    assert accepted.status_code == 302
    [stored] = AdviceRequest.objects.all()
    assert stored.policy_document.name.startswith("private/advice/requests/nota")
    figure("S3", cases=2, rejected=1, accepted_bad=0)


def test_the_admin_keeps_an_svg_logo_as_the_png_it_draws(client, figure):
    admin = UserFactory(role="administrator", is_superuser=True)
    client.force_login(admin)
    municipality = Municipality.current()
    municipality.save()
    url = reverse("admin:core_municipality_change", args=[municipality.pk])
    form = client.get(url).context["adminform"].form
    files = ("logo", "font_file")
    data = {k: v for k, v in form.initial.items() if v is not None and k not in files}
    scripted = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4" onload="alert(1)"/>'

    refused = client.post(url, {**data, "logo": upload("logo.svg", b"<svg><rect></svg>")})
    accepted = client.post(url, {**data, "logo": upload("logo.svg", scripted)})
    served = client.get(reverse("core:logo"))

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["logo"][0].startswith("This SVG cannot")
    assert accepted.status_code == 302, accepted.context["adminform"].form.errors
    logo = Municipality.objects.get().logo
    assert logo.name.endswith(".png")
    assert logo.read().startswith(b"\x89PNG")
    assert served["Content-Type"] == "image/png"
    assert b"alert" not in b"".join(served.streaming_content)
    figure("S3", cases=2, rejected=1, accepted_bad=0)


# --- private serving -----------------------------------------------------------------------


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_url_serves_the_media_folder(client):
    assert not [route for route, view in _patterns() if view is serve]
    secret = Path(django_settings.MEDIA_ROOT, "private", "probe", "geheim.pdf")
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(s.PDF)
    client.force_login(UserFactory(role="administrator", is_superuser=True))

    for path in ["/media/private/probe/geheim.pdf", "/private/probe/geheim.pdf",
                 "/static/../media/private/probe/geheim.pdf", "/probe/geheim.pdf",
                 "/static/private/probe/geheim.pdf"]:  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        body_bytes = (
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        assert s.PDF not in body_bytes


def test_an_attachment_is_only_for_who_may_see_the_application(client):
    application = filled_application()
    lead = application.initiative.created_by
    attachment = services.add_attachment(
        application=application, by=lead, upload=upload("offerte.pdf", s.PDF)
    )
    # A name from before names were cleaned, trying to break out of the header.
    Attachment.objects.filter(pk=attachment.pk).update(name='Offerte "zaal"\r\nX-Evil: 1.pdf')
    url = reverse("budget:attachment", args=[application.pk, attachment.pk])
    other = filled_application()
    other_url = reverse("budget:attachment", args=[other.pk, attachment.pk])

    anonymous = client.get(url)
    client.force_login(other.initiative.created_by)
    stranger = client.get(url)
    by_own_id = client.get(other_url)  # A's file through B's application
    client.force_login(lead)
    own = client.get(url)

    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    assert (stranger.status_code, by_own_id.status_code) == (403, 404)
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == s.PDF
    assert own["Content-Disposition"] == 'attachment; filename="Offerte zaalX-Evil 1.pdf"'
    assert "X-Evil" not in own.headers
    assert own["Content-Type"] == "application/pdf"
    assert own["X-Content-Type-Options"] == "nosniff"
    assert own["Cache-Control"] == "private, no-store"
