"""NL Design System components whose class lists are written once (issue #28).

A page template names the component and gives what differs; the classes live here:

    {% url 'budget:decide' application.pk as href %}
    {% button_link href "primary" %}{% translate "Decide" %}{% endbutton_link %}
    {% submit_button "secondary" name="later" %}{% translate "Later" %}{% endsubmit_button %}
    {% notice_list missing %}{% translate "Still to fill in:" %}{% endnotice_list %}

The markup is exactly what the templates wrote out before: the same classes, attributes and
text; values are escaped as `{{ value }}` escapes them. The label of a button is the block's
own content, so `{% translate %}` and `{% blocktranslate %}` keep their msgids.

`{% trimmed %}…{% endtrimmed %}` lets a run of text with template logic in it (a mail line,
a paragraph) be written over several lines: what `{% blocktranslate trimmed %}` does to its
text, done to the template text of the block when it is compiled.
"""

import re

from django import template
from django.template.base import Node, NodeList, TextNode, render_value_in_context
from django.utils.html import format_html, format_html_join

register = template.Library()

VARIANTS = ("primary", "secondary")


def _variant(variant: str) -> str:
    if variant not in VARIANTS:
        raise template.TemplateSyntaxError(f"unknown button variant {variant!r}, not {VARIANTS}")
    return variant


@register.simple_block_tag
def button_link(content, href, variant) -> str:
    """A link that looks like a button: utrecht-button-link, primary or secondary action."""
    return format_html(
        '<a class="utrecht-button-link utrecht-button-link--html-a '
        'utrecht-button-link--{}-action" href="{}">{}</a>',
        _variant(variant),
        href,
        content,
    )


@register.simple_block_tag(takes_context=True)
def submit_button(context, content, variant, **attrs) -> str:
    """`<button type="submit">` of the primary or secondary action. Keyword arguments become
    attributes in the order given (`name="next"`, `value=item.pk`, `formaction=href`), each
    value written as `{{ value }}` writes it."""
    values = ((name, render_value_in_context(value, context)) for name, value in attrs.items())
    return format_html(
        '<button type="submit"{} class="utrecht-button utrecht-button--{}-action">{}</button>',
        format_html_join("", ' {}="{}"', values),
        _variant(variant),
        content,
    )


@register.simple_block_tag
def notice_list(content, *lists) -> str:
    """A notice with its introduction (the block) and the items of one or more lists, such
    as what is still needed before a step: `{% notice_list missing %}…{% endnotice_list %}`."""
    rows = ((item,) for items in lists for item in items)
    items = format_html_join("", '<li class="utrecht-unordered-list__item">{}</li>', rows)
    return format_html(
        '<div class="portal-notice" role="status"><p class="utrecht-paragraph">{}</p>'
        '<ul class="utrecht-unordered-list">{}</ul></div>',
        content,
        items,
    )


class TrimmedNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context) -> str:
        return self.nodelist.render(context)


@register.tag
def trimmed(parser, token):
    """In the template text of the block, every line break with the whitespace around it
    becomes one space, and the block's leading and trailing whitespace goes: as
    `{% blocktranslate trimmed %}`, so a line breaks only where the text has a space. The
    values of variables are not touched (a reason with line breaks keeps them)."""
    nodelist = parser.parse(("endtrimmed",))
    parser.delete_first_token()
    for node in nodelist.get_nodes_by_type(TextNode):
        node.s = re.sub(r"\s*\n\s*", " ", node.s)
    if nodelist and isinstance(nodelist[0], TextNode):
        nodelist[0].s = nodelist[0].s.lstrip()
    if nodelist and isinstance(nodelist[-1], TextNode):
        nodelist[-1].s = nodelist[-1].s.rstrip()
    return TrimmedNode(nodelist)


ALERT_TYPES = {"error": "error", "warning": "warning", "success": "ok"}


@register.filter
def alert_type(level_tag: str) -> str:
    """The utrecht-alert modifier of a message level: error, warning, ok, or info."""
    return ALERT_TYPES.get(level_tag, "info")
