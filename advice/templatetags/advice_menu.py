"""The advice register's own menu: the pages this person may open, nothing else."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from advice import permissions

register = template.Library()

PAGES = (
    ("advice:register", _("Advices"), permissions.can_use_register),
    ("advice:promises", _("Promises"), permissions.can_view_promises),
    ("advice:agendas", _("Agendas"), permissions.can_view_agendas),
    ("advice:signals", _("Signals"), permissions.can_view_signals),
    ("advice:obstacles", _("Obstacles from initiatives"), permissions.can_convert_obstacles),
    ("advice:meetings", _("Meetings with the college"), permissions.can_view_meetings),
    ("advice:bodies", _("Advisory bodies"), permissions.can_view_bodies),
    ("core:report:representation", _("Who is represented"), permissions.can_view_bodies),
    ("advice:factsheet", _("Roles and authorities"), lambda user: True),
    ("advice:handover", _("Hand over contacts"), permissions.is_editor),
)


def _url(name: str) -> str:
    """A URL name, or "core:report:<slug>" for a report of /rapportages/."""
    if name.startswith("core:report:"):
        return reverse("core:report", args=[name.removeprefix("core:report:")])
    return reverse(name)


@register.inclusion_tag("advice/includes/menu.html", takes_context=True)
def advice_menu(context):
    request = context["request"]
    user = request.user
    items = [
        (_url(name), label, request.path == _url(name))
        for name, label, allowed in PAGES
        if allowed(user)
    ]
    return {"items": items}
