"""The template components of issue #28 write exactly the markup the templates wrote out
before: the same classes, attributes, text and escaping (browser tests and axe select on it)."""

import pytest
from django import forms
from django.template import Context, Template, TemplateSyntaxError


def render(source: str, **context) -> str:
    return Template("{% load i18n nlds portal_components %}" + source).render(Context(context))


def test_a_button_link_is_the_utrecht_button_link_of_its_variant():
    html = render('{% button_link href "primary" %}Decide{% endbutton_link %}', href="/a/?b=1&c=2")
    assert html == (
        '<a class="utrecht-button-link utrecht-button-link--html-a '
        'utrecht-button-link--primary-action" href="/a/?b=1&amp;c=2">Decide</a>'
    )
    html = render('{% button_link "/x/" "secondary" %}{{ label }}{% endbutton_link %}', label="<b>")
    assert html == (
        '<a class="utrecht-button-link utrecht-button-link--html-a '
        'utrecht-button-link--secondary-action" href="/x/">&lt;b&gt;</a>'
    )


def test_a_button_link_renders_as_the_markup_it_replaces():
    before = (
        '<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-'
        'action" href="{% url \'budget:decide\' 7 %}">{% translate "Decide" %}</a>'
    )
    after = (
        "{% url 'budget:decide' 7 as href %}"
        '{% button_link href "primary" %}{% translate "Decide" %}{% endbutton_link %}'
    )
    assert render(after) == render(before)


def test_an_unknown_variant_is_an_error_not_a_class():
    with pytest.raises(TemplateSyntaxError):
        render('{% button_link "/" "primay" %}x{% endbutton_link %}')


def test_a_submit_button_keeps_its_attributes_in_order_before_the_class():
    html = render(
        '{% submit_button "secondary" formaction=href name="only" value=pk %}'
        "Mark{% endsubmit_button %}",
        href="/post/?a=1&b=2",
        pk=1234,
    )
    assert html == (
        '<button type="submit" formaction="/post/?a=1&amp;b=2" name="only" value="1234" '
        'class="utrecht-button utrecht-button--secondary-action">Mark</button>'
    )
    assert render('{% submit_button "primary" %}Save{% endsubmit_button %}') == (
        '<button type="submit" class="utrecht-button utrecht-button--primary-action">Save</button>'
    )


def test_a_notice_list_lists_every_item_of_every_list_escaped():
    html = render(
        "{% notice_list missing more %}Still needed:{% endnotice_list %}",
        missing=["a <b>"],
        more=["c"],
    )
    assert html == (
        '<div class="portal-notice" role="status"><p class="utrecht-paragraph">Still needed:</p>'
        '<ul class="utrecht-unordered-list"><li class="utrecht-unordered-list__item">a &lt;b&gt;'
        '</li><li class="utrecht-unordered-list__item">c</li></ul></div>'
    )


def test_trimmed_joins_its_lines_as_blocktranslate_trimmed_does():
    source = (
        "{% trimmed %}\n  {{ name }} —{% if late %}\n  <b>late</b>{% endif %};\n"
        "  {{ state }}\n{% endtrimmed %}|"
    )
    assert render(source, name="Piet", late=True, state="done") == "Piet — <b>late</b>; done|"
    assert render(source, name="Piet", late=False, state="done") == "Piet —; done|"


def test_trimmed_leaves_the_values_of_variables_and_single_line_text_alone():
    source = "{% trimmed %}a  b {{ reason }}\n   c{% endtrimmed %}"
    assert render(source, reason="one\ntwo") == "a  b one\ntwo c"


LEVELS = [("error", "error"), ("warning", "warning"), ("success", "ok"), ("debug", "info")]


@pytest.mark.parametrize(("level", "alert"), LEVELS)
def test_a_message_level_becomes_its_alert_type(level, alert):
    assert render("{{ level|alert_type }}", level=level) == alert


class _Form(forms.Form):
    name = forms.CharField(label="Naam")
    why = forms.CharField(label="Waarom?")


def test_field_errors_and_the_summary_text_are_those_of_the_nlds_pack():
    form = _Form(data={})
    form.is_valid()
    form.add_error("name", "Vul 'Naam' in.")
    form.add_error("name", "Kort <graag>")
    before = (
        '{% if f.errors %}<div class="utrecht-form-field-error-message" id="{{ f.auto_id }}-error">'
        '{% for error in f.errors %}<p class="portal-field-error">{{ error }}</p>{% endfor %}'
        "</div>{% endif %}"
    )
    summary_before = (
        '{% for error in f.errors %}{% if f.label|stringformat:"s" in error %}{{ error }}{% else %}'
        '{{ f.label }}{% if f.label|stringformat:"s"|slice:"-1:" != "?" %}:{% endif %} {{ error }}'
        "{% endif %}|{% endfor %}"
    )
    summary_after = "{% for error in f.errors %}{{ f|nlds_error_message:error }}|{% endfor %}"
    for field in (form["name"], form["why"]):
        assert render("{% field_errors f %}", f=field) == render(before, f=field)
        assert render(summary_after, f=field) == render(summary_before, f=field)
    assert render("{% field_errors f %}", f=_Form()["name"]) == ""
