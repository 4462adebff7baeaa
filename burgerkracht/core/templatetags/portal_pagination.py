"""`{% pagination page %}`: the one pager of every paginated list (Utrecht pagination).

Previous and next page, and the page numbers when the count is known: the first, the last
and the two either side of the current one, with "…" between. A paginator that does not
count (django-tables2's LazyPaginator, burgerkracht/core/ui/pagination.py) gets previous and
next only. Every other query parameter (filters, sorting) is kept in the links.
"""

from dataclasses import dataclass

from django import template
from django_tables2 import LazyPaginator

register = template.Library()


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the gap "…"
    href: str = ""
    is_current: bool = False


def _href(request, param: str, number: int) -> str:
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?{param}={number}"
    query[param] = str(number)
    return "?" + query.urlencode()


def page_numbers(current: int, last: int) -> list[int | None]:
    """1 … c-1 c c+1 … last; None marks a gap."""
    shown = sorted({1, last, *range(max(1, current - 1), min(last, current + 1) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page, param: str = "page"):
    request = context.get("request")
    if page is None or not page.has_other_pages():
        return {"page": None}
    links = []
    if not isinstance(page.paginator, LazyPaginator):
        links = [
            PageLink(n, _href(request, param, n), n == page.number) if n else PageLink(None)
            for n in page_numbers(page.number, page.paginator.num_pages)
        ]
    return {
        "page": page,
        "links": links,
        "previous_href": _href(request, param, page.number - 1) if page.has_previous() else "",
        "next_href": _href(request, param, page.number + 1) if page.has_next() else "",
    }
