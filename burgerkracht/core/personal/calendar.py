"""A person's agenda as an iCalendar feed: every dated thing they are involved in.

Apps register an event function in their hooks.py (core cannot import them). The feed's
address carries a random token instead of a login, so a calendar program can subscribe;
renewing the token ends the old address at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as IcsEvent

from burgerkracht.core.models import CalendarFeed, Municipality, new_calendar_token


@dataclass(frozen=True)
class Event:
    """An all-day event. `key` is unique and stable per thing (e.g. "visit-12")."""

    key: str
    on: date
    summary: str
    url: str
    description: str = ""


EventFunction = Callable[[Any], Iterable[Event]]
_providers: list[EventFunction] = []


def register(function: EventFunction) -> None:
    if function not in _providers:
        _providers.append(function)


def events_for(user: Any) -> list[Event]:
    events = [event for function in _providers for event in function(user)]
    return sorted(events, key=lambda event: (event.on, event.key))


def feed_for(user: Any) -> CalendarFeed:
    """The person's feed, made the first time it is asked for."""
    return CalendarFeed.objects.get_or_create(user=user)[0]


@transaction.atomic
def renew_feed(*, user: Any) -> CalendarFeed:
    """A new address for the feed; the old one stops working."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_calendar_token()
        feed.save(update_fields=["token", "updated_at"])
    return feed


def _uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def build_ics(user: Any) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        name = _("%(municipality)s: my burgerkracht agenda") % {
            "municipality": Municipality.current().name
        }
        calendar = Calendar()
        calendar.add("prodid", "-//Burgerkracht//agenda//NL")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", name)
        stamp = timezone.now()
        domain = _uid_domain()
        for event in events_for(user):
            entry = IcsEvent()
            entry.add("uid", f"{event.key}@{domain}")
            entry.add("dtstamp", stamp)
            entry.add("dtstart", event.on)
            entry.add("dtend", event.on + timedelta(days=1))
            entry.add("summary", event.summary)
            entry.add("url", event.url)
            entry.add("description", "\n\n".join(p for p in (event.description, event.url) if p))
            entry.add("transp", "TRANSPARENT")  # an all-day reminder, not a busy day
            calendar.add_component(entry)
    return calendar.to_ical()
