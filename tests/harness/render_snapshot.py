"""Render snapshot: every page of the permission matrix, for every role, as a token stream.

A tool for refactoring templates (issue #28), not part of the suite (its name does not start
with `test_`, so pytest collects it only when named). Run it by hand on a clean tree, change
templates, run it again and compare:

    SNAPSHOT_DIR=var/snapshot/before tests/harness/services.sh .venv/bin/python -m pytest \
        -p no:randomly -p no:xdist -q tests/harness/render_snapshot.py
    ... change templates ...
    SNAPSHOT_DIR=var/snapshot/after tests/harness/services.sh ...   (the same command)
    diff -r var/snapshot/before var/snapshot/after        # must print nothing

The data is the demo data (`seed_demo`) with the permission matrix's world beside it, built
as tests/browser/test_no_sideways_scroll.py builds it (its `_build`: the same viewers and
paths), at a fixed moment (time_machine) and with fixed random seeds, so two runs on the same
templates give the same files. Each page is fetched with Django's test client as each viewer;
a PDF download is snapshot as the HTML that `render_pdf` renders for it (WeasyPrint itself is
skipped), and every mail in the outbox after the run as its subject and bodies.

The token stream of an HTML document (html.parser): a start tag with its attributes sorted
and a class list split on whitespace; an end tag; a text node exactly as it is. Text nodes
of whitespace only are dropped (indentation between tags), except inside <pre> and <textarea>
and between two inline elements (`</a> <a>`), where the space is seen. Values that differ on
every run (the CSRF token, the CSP nonce, tokens in URLs) are masked.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 11, 18, 10, 30, tzinfo=dt.UTC)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "br", "button", "cite", "code", "data", "dfn", "em", "i",
    "img", "input", "kbd", "label", "mark", "output", "q", "s", "samp", "select", "small",
    "span", "strong", "sub", "sup", "textarea", "time", "u", "var", "wbr",
}  # fmt: skip
VERBATIM = {"pre", "textarea"}
MASKS = [
    (re.compile(r"\b[A-Za-z0-9]{64}\b"), "<TOKEN64>"),  # CSRF tokens
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<UUID>"),
    (re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"), "<TOKEN43>"),  # feeds
    (re.compile(r"^\d+,\d{3}\u202fs$"), "<SECONDS>"),  # the health page's timings
]


def _mask(value: str) -> str:
    for pattern, replacement in MASKS:
        value = pattern.sub(replacement, value)
    return value


class Tokens(HTMLParser):
    """The normalised token stream of one document, one token a line (newlines in a text
    node are written as \\n, so a changed line break shows)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[str] = []
        self.pending_space: str | None = None  # a whitespace-only text node, not yet written
        self.last: tuple[str, str] | None = None  # ("start"|"end", tag) of the last tag
        self.open_verbatim = 0

    def _tag(self, kind: str, tag: str, token: str) -> None:
        if tag == "input" and "type='hidden'" in token:
            tag = "hidden-input"  # not shown: a space beside it shows nothing
        if self.pending_space is not None:
            before_inline = (
                self.last is not None
                and self.last[1] in INLINE
                and (self.last[0] == "end" or self.last[1] in VOID)
            )
            if before_inline and tag in INLINE and (kind == "start"):
                self.tokens.append("SPACE")
            self.pending_space = None
        self.tokens.append(token)
        self.last = (kind, tag)

    def handle_starttag(self, tag, attrs):
        parts = []
        for name, value in sorted(attrs, key=lambda pair: pair[0]):
            if value is None:
                parts.append(name)
            elif name == "class":
                parts.append(f"class={sorted(value.split())}")
            elif name == "nonce":
                parts.append("nonce=<NONCE>")
            else:
                parts.append(f"{name}={_mask(value)!r}")
        self._tag("start", tag, f"<{tag} {' '.join(parts)}>")
        if tag in VERBATIM:
            self.open_verbatim += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._tag("end", tag, f"</{tag}>")
        if tag in VERBATIM and self.open_verbatim:
            self.open_verbatim -= 1

    def handle_data(self, data):
        if not data.strip() and not self.open_verbatim:
            self.pending_space = data
            return
        self.pending_space = None
        self.tokens.append("TEXT " + repr(_mask(data)))
        self.last = ("text", "")

    def handle_comment(self, data):
        self.tokens.append("COMMENT " + repr(_mask(data)))

    def handle_decl(self, decl):
        self.tokens.append("DECL " + decl)


def tokens(html: str) -> str:
    parser = Tokens()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.tokens) + "\n"


def _file_name(who: str, path: str, suffix: str) -> str:
    return re.sub(r"[^A-Za-z0-9._@-]+", "_", f"{who}{path}").strip("_")[:200] + suffix


@pytest.fixture
def fixed_world():
    import factory.random
    import time_machine

    random.seed(28)
    factory.random.reseed_random(28)
    with time_machine.travel(MOMENT, tick=False):
        yield


def test_render_snapshot(fixed_world, settings):
    from burgerkracht.core.files import pdf
    from burgerkracht.core.messaging.models import OutboxMessage
    from tests.browser.test_no_sideways_scroll import ROLES, _build

    out = Path(os.environ.get("SNAPSHOT_DIR", "var/snapshot/latest"))
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()

    with override_settings(DEBUG=True):  # seed_demo refuses without it
        call_command("seed_demo", quiet_logins=True)
    viewers = _build()

    rendered: list[str] = []
    real_render = pdf.render_to_string

    def recording_render(template_name, context=None, *args, **kwargs):
        html = real_render(template_name, context, *args, **kwargs)
        rendered.append(html)
        return html

    index = []
    with (
        mock.patch.object(pdf, "render_to_string", recording_render),
        mock.patch("weasyprint.HTML.write_pdf", return_value=b"%PDF-1.7 (skipped)"),
    ):
        for role in ROLES:
            for viewer in viewers[role]:
                client = Client(HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
                if viewer.session:
                    client.cookies[settings.SESSION_COOKIE_NAME] = viewer.session
                for path in viewer.paths:
                    rendered.clear()
                    response = client.get(path)
                    kind = response.get("Content-Type", "")
                    shown = _mask(path)
                    index.append(f"{role} {viewer.who} {shown} {response.status_code} {kind}")
                    name = _file_name(f"{role}@{viewer.who}", shown, "")
                    if "text/html" in kind and response.status_code == 200:
                        (out / f"{name}.html.tokens").write_text(tokens(response.text))
                    for number, html in enumerate(rendered):
                        (out / f"{name}.pdf{number}.tokens").write_text(tokens(html))
    for message in OutboxMessage.objects.order_by("pk"):
        fields = {f.name: getattr(message, f.name) for f in message._meta.fields}
        text = "\n".join(
            f"--- {key}\n{_mask(str(value))}"
            for key, value in fields.items()
            if key in ("subject", "to", "body", "html_body", "html")
        )
        (out / f"mail-{message.pk:05d}.txt").write_text(text + "\n")
    (out / "INDEX").write_text("\n".join(index) + "\n")
    assert index
