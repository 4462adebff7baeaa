"""nlds_widgets.Renderer writes Django's widget templates out in Python (target P2): its
markup must be exactly what Django's own templates give, for every widget it takes over,
with awkward values (quotes, ampersands, markup, Dutch number formats, lazy labels, option
groups, errors). A Django upgrade that changes a widget template fails here."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from burgerkracht.core.templatetags.nlds import nlds_widget
from burgerkracht.core.templatetags.nlds_widgets import Renderer

AWKWARD = 'Buurt & "Zorg" <b>samen</b>'
CHOICES = [("a", AWKWARD), ("b", gettext_lazy("Yes")), ("c", mark_safe("<i>veilig</i>"))]
GROUPED = [("Noord", [("n1", "Noord & 1"), ("n2", "Noord 2")]), ("z", "Zuid")]


class EveryWidget(forms.Form):
    text = forms.CharField(help_text="hulp", max_length=20)
    email = forms.EmailField(required=False)
    number = forms.IntegerField()
    amount = forms.DecimalField(decimal_places=2, localize=True)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False)
    story = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    agree = forms.BooleanField(required=False)
    choice = forms.ChoiceField(choices=CHOICES)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    several = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    radio_grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    boxes_grouped = forms.MultipleChoiceField(
        choices=GROUPED, widget=forms.CheckboxSelectMultiple, required=False
    )
    maybe = forms.NullBooleanField(required=False)
    upload = forms.FileField(required=False)
    data_attr = forms.CharField(
        widget=forms.TextInput(attrs={"data-x": AWKWARD, "autofocus": True, "disabled": False})
    )


FILLED = {
    "text": AWKWARD,
    "email": "a&b@example.org",
    "number": "12",
    "amount": "1234,50",
    "day": "2026-11-23",
    "moment": "23-11-2026 10:15",
    "story": "regel 1\n<script>alert('x')</script> & meer",
    "hidden": '"verborgen"',
    "secret": "geheim & <x>",
    "agree": "on",
    "choice": "a",
    "grouped": "n1",
    "several": ["a", "c"],
    "radio": "b",
    "radio_grouped": "z",
    "boxes": ["a", "b"],
    "boxes_grouped": ["n2"],
    "maybe": "true",
    "data_attr": "x",
}
INITIAL = {"amount": Decimal("1234.5"), "day": datetime.date(2026, 11, 23), "number": 7}


class Recording:
    """Django's renderer, noting which templates it was still asked for."""

    def __init__(self):
        self.renderer = get_default_renderer()
        self.asked: list[str] = []

    def render(self, template_name, context, request=None):
        self.asked.append(template_name)
        return self.renderer.render(template_name, context, request=request)


def _forms():
    yield "empty", EveryWidget()
    yield "initial", EveryWidget(initial=INITIAL)
    yield "filled", EveryWidget(data=FILLED)
    yield "invalid", EveryWidget(data={"text": "x" * 30, "number": "twaalf", "choice": "zz"})


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("case", [name for name, _form in _forms()])
def test_every_widget_renders_exactly_as_djangos_templates(case, language):
    with override(language):
        form = dict(_forms())[case]
        if form.is_bound:
            form.is_valid()  # errors, and cleaned values, as a page shows them
        original = form.renderer
        for name in form.fields:
            field = form[name]
            expected = field.as_widget(attrs={"class": "c", "aria-describedby": "d"})
            recording = Recording()
            form.renderer = Renderer(recording)
            try:
                ours = field.as_widget(attrs={"class": "c", "aria-describedby": "d"})
            finally:
                form.renderer = original
            assert ours == expected, name
            assert ours  # not vacuous: something was rendered


def test_the_renderer_takes_over_every_common_widget_and_hands_on_the_rest():
    form = EveryWidget(data=FILLED)
    recording = Recording()
    form.renderer = Renderer(recording)
    for name in form.fields:
        form[name].as_widget()
    # Only the clearable file input keeps Django's template (its "clear" checkbox and link).
    assert recording.asked == ["django/forms/widgets/clearable_file_input.html"]


def test_the_nlds_tag_renders_through_it_and_gives_the_form_its_renderer_back():
    form = EveryWidget(data={"text": AWKWARD, "choice": "zz"})
    form.is_valid()
    before = form.renderer
    html = nlds_widget(form["text"])
    assert form.renderer is before
    assert 'value="Buurt &amp; &quot;Zorg&quot; &lt;b&gt;samen&lt;/b&gt;"' in html
    assert 'aria-invalid="true"' in nlds_widget(form["choice"])
