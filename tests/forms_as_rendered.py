"""Submit a form exactly as the page rendered it, as a browser would without anyone typing.

`rendered_forms(html)` reads every <form> of a page; `submit_as_rendered(client, url)` gets
the page, takes the form in <main> that holds `field` (or the first POST form there), posts
back what each control shows (text, date, hidden and selected values, checked boxes, the
textarea's text) and returns the response. Used by the open → save tests (decision 0009).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from django.test import Client

_SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}


@dataclass
class RenderedForm:
    action: str
    method: str
    in_main: bool
    data: dict[str, list[str]] = field(default_factory=dict)
    submits: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[RenderedForm] = []
        self._form: RenderedForm | None = None
        self._select: tuple[str, bool, list[str], list[str]] | None = (
            None  # name, multiple, chosen, all
        )
        self._option: dict | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._in_main = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "main":
            self._in_main = True
        if tag == "form":
            method = a.get("method", "get").lower()
            self._form = RenderedForm(a.get("action", ""), method, self._in_main)
            self.forms.append(self._form)
        if self._form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image") and name:
                self._form.submits.append((name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.add(name, a.get("value", "on"))
            elif kind not in _SKIPPED_INPUTS:
                self._form.add(name, a.get("value", ""))
        elif tag == "button" and name:
            self._form.submits.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a, [], [])
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": []}
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"].append(data)
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            option, self._option = self._option, None
            value = option["value"] if option["value"] is not None else "".join(option["text"])
            self._select[3].append(value)
            if option["selected"]:
                self._select[2].append(value)
        elif tag == "select" and self._select is not None and self._form is not None:
            name, multiple, chosen, every = self._select
            self._select = None
            for value in chosen or ([] if multiple or not every else every[:1]):
                self._form.add(name, value)
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            self._textarea = None
            self._form.add(name, unescape("".join(text)).removeprefix("\n"))
        elif tag == "form":
            self._form = None
        elif tag == "main":
            self._in_main = False


def rendered_forms(html: str) -> list[RenderedForm]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def submit_as_rendered(client: Client, url: str, *, field=None, button=None, fill=None):
    """GET `url`, then POST its form (the one holding `field`) back unchanged. `button`: the
    name of the submit button to press (by default the first one with a name, if any);
    `fill`: the fields a person must type (a reason), which the page renders empty."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    # The page's own forms: not the header's log-out and language forms.
    forms = [f for f in rendered_forms(page.content.decode()) if f.method == "post" and f.in_main]
    if field:
        forms = [f for f in forms if field in f.data]
    assert forms, f"no POST form with {field!r} on {url}"
    form = forms[0]
    data = {**form.data, **{name: [value] for name, value in (fill or {}).items()}}
    pressed = [s for s in form.submits if s[0] == button] if button else form.submits[:1]
    for name, value in pressed:
        data[name] = [value]
    return client.post(form.action or url, data)
