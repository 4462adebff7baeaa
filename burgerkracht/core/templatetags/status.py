"""`{% status_badge obj %}`: the one status badge (burgerkracht/core/ui/status.py)."""

from django import template

from burgerkracht.core.ui.status import Meaning, badge, badge_for, badge_html

register = template.Library()


@register.simple_tag
def status_badge(obj, today=None) -> str:
    """The badge of a thing with a `status` field; "Late" when it is open past its date."""
    return badge_html(badge_for(obj, today))


@register.simple_tag
def meaning_badge(label, meaning) -> str:
    """A badge for a state that is not a status field: `{% meaning_badge word "done" %}`."""
    return badge_html(badge(label, Meaning(meaning)))
