"""Django's own widget templates, written out in Python for the widgets nlds_widget renders.

Through the form renderer a widget is a template with includes: every option of a <select>
or a radio group includes one to three more templates (about 0.15 ms an option; the
queue's list of budget lines alone took 20 ms, target P2). The functions below give exactly
the markup of django/forms/templates/django/forms/widgets/*.html (Django 5.2): the same
attributes in the same order, the same white space, each value through
render_value_in_context as `{{ value }}` does (localised, escaped unless already safe).
`Renderer` uses them for the templates it knows and hands every other template, or an
option with a template of its own, to the form's renderer.
"""

from __future__ import annotations

from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.safestring import SafeData

_W = "django/forms/widgets/"
INPUT = {
    f"{_W}{name}.html"
    for name in (
        "input", "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
        "password", "search", "tel", "text", "time", "url",
    )
}  # fmt: skip
SELECT, SELECT_OPTION = f"{_W}select.html", f"{_W}select_option.html"
TEXTAREA = f"{_W}textarea.html"
MULTIPLE = {f"{_W}radio.html": f"{_W}radio_option.html",
            f"{_W}checkbox_select.html": f"{_W}checkbox_option.html"}  # fmt: skip

_CONTEXT = Context()  # the renderer's: autoescape on, use_l10n and use_tz as set


def _value(value) -> str:
    """{{ value }}"""
    return render_value_in_context(value, _CONTEXT)


def _stringformat(value) -> str:
    """{{ value|stringformat:'s' }} (is_safe: safe in stays unescaped)."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else _value(text)


def _attrs(attrs: dict) -> str:
    """attrs.html"""
    html = []
    for name, value in attrs.items():
        if value is not False:
            html.append(f" {_value(name)}")
            if value is not True:
                html.append(f'="{_stringformat(value)}"')
    return "".join(html)


def _input(widget: dict) -> str:
    """input.html, without its last newline."""
    value = widget["value"]
    html = f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"'
    if value is not None:
        html += f' value="{_stringformat(value)}"'
    return f"{html}{_attrs(widget['attrs'])}>"


def _textarea(widget: dict) -> str:
    value = _value(widget["value"]) if widget["value"] else ""
    name = _value(widget["name"])
    return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _select(widget: dict) -> str:
    html = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f'\n  <optgroup label="{_value(group)}">')
        for option in options:
            html.append(
                f'\n  <option value="{_stringformat(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_value(option['label'])}</option>\n"
            )
        if group:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def _input_option(option: dict) -> str:
    """radio_option.html / checkbox_option.html: input_option.html and two newlines."""
    html = _input(option) + "\n"
    if option["wrap_label"]:
        label_id = option["attrs"].get("id")
        label_for = f' for="{_value(label_id)}"' if label_id else ""
        html = f"<label{label_for}>{html} {_value(option['label'])}</label>"
    return html + "\n\n"


def _multiple(widget: dict) -> str:
    """multiple_input.html"""
    attrs = widget["attrs"]
    html = ["<div"]
    if attrs.get("id"):
        html.append(f' id="{_value(attrs["id"])}"')
    if attrs.get("class"):
        html.append(f' class="{_value(attrs["class"])}"')
    html.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f"\n  <div><label>{_value(group)}</label>")
        for option in options:
            html.append(f"<div>\n    {_input_option(option)}</div>")
        if group:
            html.append("\n  </div>")
    html.append("\n</div>")
    return "".join(html)


def _options_use(widget: dict, template_name: str) -> bool:
    return all(
        option["template_name"] == template_name
        for _group, options, _index in widget["optgroups"]
        for option in options
    )


class Renderer:
    """The form's renderer, with the templates above written here. The form renderer strips
    what a template renders; the functions return it stripped."""

    def __init__(self, renderer):
        self.renderer = renderer

    def render(self, template_name, context, request=None):
        widget = context["widget"]
        if template_name in INPUT:
            return _input(widget)
        if template_name == TEXTAREA:
            return _textarea(widget)
        if template_name == SELECT and _options_use(widget, SELECT_OPTION):
            return _select(widget)
        if template_name in MULTIPLE and _options_use(widget, MULTIPLE[template_name]):
            return _multiple(widget)
        return self.renderer.render(template_name, context, request=request)
