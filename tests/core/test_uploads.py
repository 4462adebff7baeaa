"""The upload checks (targets.md S3) through a form with SafeFileField: kinds by content,
names, sizes, SVG logos, and the virus scanner (a stand-in clamd on loopback)."""

from __future__ import annotations

import base64
import io
import logging
import socket
import time

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from burgerkracht.core.files import uploads
from tests import upload_samples as s
from tests.clamd import EICAR, closed_port, fake_clamd


@pytest.fixture(autouse=True)
def _english():
    """The assertions read the msgids, whatever locale/nl says."""
    with translation.override("en"):
        yield


def form_for(policy: uploads.Policy, name: str, content: bytes, content_type: str = ""):
    class UploadForm(forms.Form):
        file = uploads.SafeFileField(policy=policy)

    upload = SimpleUploadedFile(name, content, content_type or "application/pdf")
    return UploadForm(data={}, files={"file": upload})


def codes(form) -> list[str]:
    return [error.code for error in form.errors.as_data().get("file", [])]


# --- kinds by content ----------------------------------------------------------------------

GOOD = [
    (uploads.ATTACHMENTS, "offerte.pdf", s.PDF),
    (uploads.ATTACHMENTS, "foto.JPG", s.JPEG),
    (uploads.ATTACHMENTS, "foto.jpeg", s.JPEG),
    (uploads.ATTACHMENTS, "bon.png", s.PNG),
    (uploads.ATTACHMENTS, "plan.docx", s.docx()),
    # parts in another order than Word writes them: filetype's guess is not relied on
    (uploads.ATTACHMENTS, "plan.docx", s.docx(extra=[("docProps/app.xml", b"x" * 9000)])),
    (uploads.ATTACHMENTS, "begroting.xlsx", s.xlsx()),
    (uploads.ATTACHMENTS, "plan.odt", s.odt()),
    (uploads.DOCUMENTS, "nota.pdf", s.PDF),
    (uploads.DOCUMENTS, "nota.docx", s.docx()),
    (uploads.DOCUMENTS, "nota.odt", s.odt()),
    (uploads.LOGO, "logo.png", s.PNG),
    (uploads.LOGO, "logo.svg", s.SVG),
]

BAD = [
    # (policy, name, content, expected error code)
    (uploads.ATTACHMENTS, "offerte.pdf", s.EXE, "wrong_kind"),
    (uploads.ATTACHMENTS, "offerte.pdf", s.HTML, "wrong_kind"),
    (uploads.ATTACHMENTS, "offerte.html", s.HTML, "wrong_kind"),
    (uploads.ATTACHMENTS, "offerte.pdf", s.PNG, "name_mismatch"),
    (uploads.ATTACHMENTS, "bon.png", s.PDF, "name_mismatch"),
    (uploads.ATTACHMENTS, "offerte.exe", s.PDF, "name_mismatch"),
    (uploads.ATTACHMENTS, "offerte", s.PDF, "name_mismatch"),
    (uploads.ATTACHMENTS, "plan.xlsx", s.docx(), "name_mismatch"),
    (uploads.ATTACHMENTS, "plan.docx", s.docx(main=s.WORD_MACRO), "wrong_kind"),
    (uploads.ATTACHMENTS, "plan.docx", s.docx(extra=[("word/vbaProject.bin", b"x")]), "wrong_kind"),
    (uploads.ATTACHMENTS, "plan.docx", s.plain_zip(), "wrong_kind"),
    (uploads.ATTACHMENTS, "plan.docx", b"PK\x03\x04 broken zip", "wrong_kind"),
    (uploads.ATTACHMENTS, "rekenblad.ods", s.odt(s.ODS_MIME), "wrong_kind"),
    (uploads.ATTACHMENTS, "logo.svg", s.SVG, "wrong_kind"),
    (uploads.DOCUMENTS, "foto.png", s.PNG, "wrong_kind"),
    (uploads.DOCUMENTS, "begroting.xlsx", s.xlsx(), "wrong_kind"),
    (uploads.LOGO, "logo.pdf", s.PDF, "wrong_kind"),
    (uploads.LOGO, "logo.svg", s.HTML, "wrong_kind"),
]


@pytest.mark.parametrize(("policy", "name", "content"), GOOD)
def test_a_file_whose_content_and_name_agree_is_accepted(policy, name, content):
    form = form_for(policy, name, content, content_type="text/html")

    assert form.is_valid(), form.errors
    upload = form.cleaned_data["file"]
    assert upload.content_type == uploads.detect(upload, policy).mime  # never the client's


@pytest.mark.parametrize(("policy", "name", "content", "code"), BAD)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(
    policy, name, content, code, figure
):
    form = form_for(policy, name, content, content_type="application/pdf")

    assert not form.is_valid()
    assert codes(form) == [code]
    figure("S3", cases=1, rejected=1, accepted_bad=0)


def test_an_empty_file_is_refused():
    form = form_for(uploads.ATTACHMENTS, "leeg.pdf", b"")

    assert not form.is_valid()
    assert codes(form) == ["empty"]


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_accepted(figure):
    at_limit = s.PDF + b"0" * (1024 - len(s.PDF))

    over = form_for(uploads.ATTACHMENTS, "groot.pdf", at_limit + b"0")
    exact = form_for(uploads.ATTACHMENTS, "precies.pdf", at_limit)

    assert codes(over) == ["too_large"]
    # Compared in whatever language is active: the message is the translated msgid.
    too_large = gettext("This file is too large: at most %(size)s.") % {"size": "1 KB"}
    assert over.errors["file"] == [too_large]
    assert exact.is_valid()
    figure("S3", cases=2, rejected=1, accepted_bad=0)


def test_the_logo_has_its_own_smaller_limit():
    big_png = s.PNG + b"\x00" * uploads.MB

    assert codes(form_for(uploads.LOGO, "logo.png", big_png)) == ["too_large"]
    assert form_for(uploads.ATTACHMENTS, "foto.png", big_png).is_valid()


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("C:\\Users\\Jan\\offerte.pdf", "offerte.pdf"),
        ("off\x00erte.pdf", "offerte.pdf"),
        ("of\x1bfer\nte\t.pdf", "offerte.pdf"),
        ("factuur\u202efdp.exe", "factuurfdp.exe"),  # the right-to-left override is gone
        ("zero\u200bwidth.pdf", "zerowidth.pdf"),
        ("a..b...pdf", "a.b.pdf"),
        ("...", "bestand"),
        (".pdf", "bestand.pdf"),
        ("  offerte   2024 .pdf ", "offerte 2024.pdf"),
        ('what?"<x>|*:.pdf', "whatx.pdf"),
        ("Offerte café.pdf", "Offerte café.pdf"),
    ],
)
def test_names_lose_path_parts_and_invisible_characters(name, cleaned):
    assert uploads.clean_name(name) == cleaned


def test_a_very_long_name_is_shortened_and_keeps_its_extension():
    name = uploads.clean_name("a" * 150 + "z" * 150 + ".pdf")

    assert len(name) == uploads.MAX_NAME_LENGTH
    assert name.startswith("aaa") and name.endswith("zzz.pdf")


def test_an_accepted_upload_carries_the_cleaned_name():
    upload = SimpleUploadedFile("x.pdf", s.PDF)
    upload.name = "..\\..\\off\x00erte\u202e.pdf"  # as a client could send it

    uploads.check_upload(upload, uploads.ATTACHMENTS)

    assert upload.name == "offerte.pdf"


# --- SVG logos -----------------------------------------------------------------------------

HOSTILE_SVG = [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="alert(1)"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
    b'<a x:href="javascript:alert(1)"><rect/></a></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><use href="file:///etc/passwd#x"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);'
    b"</style></svg>",
    b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/p)"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>',
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>',
    b'<?xml-stylesheet href="https://x.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    b"<svg><rect></svg>",  # not well-formed
]


HOSTILE_SVG += [  # the ways past the old hand-written check (issue #23)
    b'<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" '
    b'to="javascript:alert(1)"/><rect width="9" height="9"/></a></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u\\72l(https://x.example/p)}'
    b"</style><rect/></svg>",
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
    b'<a x:href="jav&#x09;ascript:alert(1)"><rect/></a></svg>',
]


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to connect anywhere is recorded and fails (the outside world)."""
    attempts = []

    def connect(sock, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.mark.parametrize("content", HOSTILE_SVG)
def test_a_hostile_svg_logo_is_refused_or_kept_only_as_the_png_it_draws(
    content, no_network, figure
):
    form = form_for(uploads.LOGO, "logo.svg", content)

    if form.is_valid():
        kept = form.cleaned_data["file"]
        data = kept.read()
        assert (kept.name, kept.content_type) == ("logo.png", "image/png")
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert b"<svg" not in data and b"script" not in data
    else:
        assert codes(form) == ["unreadable_svg"]
    assert no_network == []
    figure("S3", cases=1, rejected=int(not form.is_valid()), accepted_bad=0)


def test_an_svg_with_entities_or_not_well_formed_is_refused():
    for content in (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>',
        b"<svg><rect></svg>",
    ):
        assert codes(form_for(uploads.LOGO, "logo.svg", content)) == ["unreadable_svg"]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1, 1), (0, 0, 0)).save(out, "PNG")
    return out.getvalue()


def test_an_svg_logo_is_kept_as_a_png_of_the_same_drawing():
    content = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'width="200" height="100"><defs><linearGradient id="g"/></defs>'
        b'<rect width="200" height="100" fill="#c00"/><use xlink:href="#g"/>'
        b'<image width="1" height="1" href="data:image/png;base64,'
        + base64.b64encode(_png())
        + b'"/></svg>'
    )
    form = form_for(uploads.LOGO, "gemeente logo.svg", content)

    assert form.is_valid()
    image = Image.open(form.cleaned_data["file"])
    assert (image.format, image.size) == ("PNG", (800, uploads.LOGO_PIXELS))
    assert image.convert("RGB").getpixel((400, 200)) == (204, 0, 0)


# --- the virus scanner ---------------------------------------------------------------------


def test_without_a_scanner_nothing_is_scanned(settings):
    settings.CLAMD_URL = ""

    assert form_for(uploads.ATTACHMENTS, "eicar.pdf", s.PDF + EICAR).is_valid()


@pytest.mark.parametrize("transport", ["tcp", "unix"])
def test_the_scanner_refuses_eicar_and_passes_a_clean_file(transport, settings, tmp_path, figure):
    unix_path = str(tmp_path / "clamd.ctl") if transport == "unix" else None
    with fake_clamd(unix_path=unix_path) as (url, scanned):
        settings.CLAMD_URL = url

        infected = form_for(uploads.ATTACHMENTS, "offerte.pdf", s.PDF + EICAR)
        clean = form_for(uploads.ATTACHMENTS, "offerte.pdf", s.PDF)

        assert codes(infected) == ["virus"]
        assert clean.is_valid()
    assert scanned == [s.PDF + EICAR, s.PDF]
    figure("S3", cases=2, rejected=1, accepted_bad=0)


def test_a_large_file_reaches_the_scanner_whole(settings):
    content = s.PDF + b"x" * (3 * 64 * 1024 + 17) + EICAR
    with fake_clamd() as (url, scanned):
        settings.CLAMD_URL = url

        form = form_for(uploads.ATTACHMENTS, "groot.pdf", content)

        assert codes(form) == ["virus"]
    assert scanned == [content]


@pytest.mark.parametrize("trouble", ["down", "hangs", "garbled", "bad url"])
def test_a_configured_scanner_that_cannot_answer_refuses_the_file(
    trouble, settings, caplog, figure
):
    settings.CLAMD_TIMEOUT = 0.5
    mode = {"hangs": "hang", "garbled": "garbled"}.get(trouble, "answer")
    with fake_clamd(mode=mode) as (url, _scanned):
        settings.CLAMD_URL = {"down": closed_port(), "bad url": "clamd.example:3310"}.get(
            trouble, url
        )
        started = time.monotonic()

        with caplog.at_level(logging.WARNING, logger="burgerkracht.core.files.uploads"):
            form = form_for(uploads.ATTACHMENTS, "geheim-dossier.pdf", s.PDF)
            assert not form.is_valid()

    assert time.monotonic() - started < 5  # the timeout fired; nobody waited for the hang
    assert codes(form) == ["scanner_unavailable"]
    assert form.errors["file"] == [
        gettext("We could not check this file for viruses just now. Please try again later.")
    ]
    [record] = caplog.records
    assert record.levelname == "WARNING"
    assert "geheim-dossier" not in record.getMessage()
    figure("S3", cases=1, rejected=1, accepted_bad=0)


def test_a_file_checked_by_the_form_is_not_scanned_again(settings):
    with fake_clamd() as (url, scanned):
        settings.CLAMD_URL = url
        upload = SimpleUploadedFile("offerte.pdf", s.PDF)

        uploads.check_upload(upload, uploads.ATTACHMENTS)
        uploads.check_upload(upload, uploads.ATTACHMENTS)

    assert len(scanned) == 1
