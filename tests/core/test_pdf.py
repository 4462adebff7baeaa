"""render_pdf makes a tagged PDF/UA-1 from a template and never fetches from the network."""

import datetime
import io
import logging
import socket
from pathlib import Path

import pypdf
import pytest
from django.conf import settings as django_settings
from django.utils import translation

from burgerkracht.core.files.pdf import BASE_URL, render_pdf, static_only_fetcher
from burgerkracht.core.models import Municipality

LETTER = "pdf/reference_letter.html"


def _letter_context(**extra):
    municipality = Municipality(name="Gemeente Voorbeeld", letter_footer="Postbus 1, Voorbeeld")
    return {
        "municipality": municipality,
        "recipient_name": "J. de Vries",
        "reference": "BK-2025-0042",
        "date": datetime.date(2025, 3, 1),
        **extra,
    }


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def no_network(monkeypatch):
    """Any socket connection during the test fails it: rendering must stay offline."""
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network access during PDF rendering")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_render_pdf_returns_a_pdf_with_the_template_text_and_context(no_network):
    pdf = render_pdf(LETTER, _letter_context())

    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "Wij hebben uw aanvraag in goede orde ontvangen" in text
    assert "J. de Vries" in text
    assert "BK-2025-0042" in text
    assert "Gemeente Voorbeeld" in text
    assert "1 / 1" in text  # page numbers from pdf.css: the stylesheet was fetched
    assert no_network == []


def test_render_pdf_declares_pdf_ua_1_with_tags_title_and_language():
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(LETTER, _letter_context())))
    catalog = reader.trailer["/Root"]

    assert reader.pdf_header == "%PDF-1.7"
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()
    assert catalog["/MarkInfo"] == {"/Marked": True}
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"] == {"/DisplayDocTitle": True}
    assert catalog["/Lang"] == django_settings.LANGUAGE_CODE
    assert reader.metadata.title == "Referentiebrief BK-2025-0042"


def test_render_pdf_uses_the_active_language():
    with translation.override("en"):
        pdf = render_pdf(LETTER, _letter_context())

    assert pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"


def test_render_pdf_works_without_a_municipality():
    text = _text(render_pdf(LETTER, {"recipient_name": "A. Bakker", "reference": "BK-1"}))

    assert "A. Bakker" in text
    assert "De gemeente" in text


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/tracker.png",
        "http://127.0.0.1:9/x.css",
        "file:///etc/passwd",
        f"file://{django_settings.BASE_DIR}/static/css/pdf.css",
        "ftp://example.org/x.css",
        "/static/%2e%2e/pyproject.toml",
        "/static/../pyproject.toml",
        "/media/upload.png",
        "https://example.org/static/css/pdf.css",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url, no_network, caplog):
    with (
        caplog.at_level(logging.WARNING, logger="burgerkracht.core.files.pdf"),
        pytest.raises(ValueError, match="static files"),
    ):
        static_only_fetcher(url)

    assert "refused" in caplog.text
    assert no_network == []


@pytest.mark.parametrize("url", ["/static/css/pdf.css", f"{BASE_URL}static/css/pdf.css?v=1"])
def test_fetcher_serves_our_static_files(url):
    response = static_only_fetcher(url)

    source = Path(django_settings.BASE_DIR) / "static" / "css" / "pdf.css"
    assert response.content_type == "text/css"
    assert response.read() == source.read_bytes()


def test_fetcher_allows_inline_data_urls(no_network):
    response = static_only_fetcher("data:text/plain;base64,aGFsbG8=")

    assert response.read() == b"hallo"


def test_render_pdf_skips_remote_resources_without_a_network_request(
    settings, tmp_path, no_network, caplog
):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "remote.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        "<p>Deze brief bevat geen volgpixel.</p>"
        '<img src="https://example.org/tracker.png" alt="">'
        "{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [
        {**django_settings.TEMPLATES[0], "DIRS": [tmp_path, *django_settings.TEMPLATES[0]["DIRS"]]}
    ]

    with caplog.at_level(logging.WARNING, logger="burgerkracht.core.files.pdf"):
        pdf = render_pdf("pdf/remote.html", {})

    assert pdf.startswith(b"%PDF")
    assert "Deze brief bevat geen volgpixel." in _text(pdf)
    assert no_network == []
    refused = [r.getMessage() for r in caplog.records if r.name == "burgerkracht.core.files.pdf"]
    assert "PDF: refused to fetch a https URL on host 'example.org'" in refused
    assert "PDF: refused to fetch a http URL on host '127.0.0.1'" in refused
