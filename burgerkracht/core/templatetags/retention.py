"""The retention table on the privacy page, from the code's table (no copy to drift)."""

from django import template

from burgerkracht.core.privacy import retention

register = template.Library()


@register.inclusion_tag("pages/_retention_table.html")
def retention_table() -> dict:
    return {
        "rows": [{"kind": kind, **retention.years_or_days(kind.days)} for kind in retention.table()]
    }
