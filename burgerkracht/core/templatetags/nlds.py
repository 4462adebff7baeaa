"""Presentation helpers for the NL Design System crispy template pack.

They only add attributes to a widget (classes and ARIA); they compute nothing else.
"""

from django import forms, template
from django.utils.html import conditional_escape, format_html, format_html_join

from burgerkracht.core.templatetags.nlds_widgets import Renderer

register = template.Library()

_CLASS_BY_WIDGET: list[tuple[type, str]] = [
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.SelectMultiple, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.ClearableFileInput, "portal-file-input"),
    (forms.FileInput, "portal-file-input"),
]
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def _widget_class(widget: forms.Widget) -> str:
    for widget_type, css in _CLASS_BY_WIDGET:
        if isinstance(widget, widget_type):
            return css
    return _TEXTBOX


def described_by(field: forms.BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-description")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


def _render(field: forms.BoundField, attrs: dict) -> str:
    """Render without the HTML `required` attribute: forms are `novalidate`, and with it the
    browser paints empty fields as invalid before anyone typed. aria-required says it instead."""
    form = field.form
    previous, renderer = form.use_required_attribute, form.renderer
    form.use_required_attribute = False
    form.renderer = Renderer(renderer)  # Django's widget templates, written out in Python
    try:
        return field.as_widget(attrs=attrs)
    finally:
        form.use_required_attribute, form.renderer = previous, renderer


@register.simple_tag
def nlds_widget(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        # Django puts these attributes on the wrapping <div> as well as on every option, so
        # the group gets no component class; its inputs are styled by type in portal.css.
        return _render(field, {"aria-invalid": "true"} if field.errors else {})
    css = _widget_class(widget)
    if field.errors:
        css += " utrecht-textbox--invalid utrecht-select--invalid utrecht-textarea--invalid"
    attrs = {"class": f"{css} {widget.attrs.get('class', '')}".strip()}
    # Browser validation bubbles are off (forms carry novalidate); say it to assistive tech.
    if field.field.required:
        attrs["aria-required"] = "true"
    if field.errors:
        attrs["aria-invalid"] = "true"
    if described_by(field):
        attrs["aria-describedby"] = described_by(field)
    return _render(field, attrs)


@register.simple_tag
def field_errors(field: forms.BoundField) -> str:
    """The field's error messages, with the id its widget's aria-describedby names; nothing
    when it has none. The markup of nlds/field_messages.html, for fields laid out by hand."""
    if not field.errors:
        return ""
    return format_html(
        '<div class="utrecht-form-field-error-message" id="{}-error">{}</div>',
        field.auto_id,
        format_html_join("", '<p class="portal-field-error">{}</p>', ((e,) for e in field.errors)),
    )


@register.filter
def nlds_error_message(field: forms.BoundField, error) -> str:
    """An error as the error summary lists it: after the field's label ("Naam: …"), unless
    the message names its field already; no colon after a label that is a question."""
    label = str(field.label)
    if label in str(error):
        return conditional_escape(error)
    return format_html("{}{} {}", field.label, "" if label.endswith("?") else ":", error)


@register.filter
def nlds_describedby(field: forms.BoundField) -> str:
    return described_by(field)


@register.filter
def nlds_anchor(field: forms.BoundField) -> str:
    """The id of the first control of a field, for links in the error summary."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0"
    return field.auto_id


@register.filter
def nlds_is_group(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def nlds_is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)
