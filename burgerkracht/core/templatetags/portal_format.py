"""`{{ amount|euro }}` and `{{ amount|euro:0 }}`: the portal's one money format in templates."""

from django import template

from burgerkracht.core.ui import formatting

register = template.Library()


@register.filter
def euro(amount, decimals=2) -> str:
    return formatting.euro(amount, int(decimals))
