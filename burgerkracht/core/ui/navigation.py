"""The main navigation per role: what a person sees in the header."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=64)
def _reverse(name: str, urlconf: str, script_prefix: str) -> str:
    return django_reverse(name, urlconf=urlconf)


def reverse(name: str) -> str:
    """The menu's URLs, looked up once per process (a page builds the menu for itself and
    again for each table it renders, target P2). None has arguments or a language prefix,
    so a URL depends only on the URLconf and the script prefix, which are the key."""
    return _reverse(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    url_name: str


@dataclass(frozen=True)
class MenuEntry:
    """A page an app puts in the menu: for whom (`visible`), and where (`order`, low first).
    A public entry is for everyone and comes after the work of a person's roles."""

    label: str
    url_name: str
    order: int
    visible: Callable[[object], bool] = lambda user: True
    public: bool = False


_entries: list[MenuEntry] = []


def register(entry: MenuEntry) -> None:
    """Called from an app's hooks.py (core cannot import the apps)."""
    _entries.append(entry)
    _entries.sort(key=lambda e: (e.public, e.order))


def _item(entry: MenuEntry) -> NavItem:
    return NavItem(entry.label, reverse(entry.url_name), entry.url_name)


def main_navigation(user) -> list[NavItem]:
    """Home first; for a logged-in person then their own pages and the work of their roles,
    the pages everyone can read after that (an official works through the queue many times a
    day, so it stays on the line and the public pages go under "More"); the profile last."""
    public = [_item(e) for e in _entries if e.public]
    home = NavItem(_("Home"), reverse("core:home"), "core:home")
    if not user.is_authenticated:
        return [home, *public]
    return [
        home,
        NavItem(_("My burgerkracht"), reverse("core:dashboard"), "core:dashboard"),
        *(_item(e) for e in _entries if not e.public and e.visible(user)),
        *public,
        NavItem(_("My profile"), reverse("accounts:profile"), "accounts:profile"),
    ]


# The menu shows this many items on its one line (1280 px wide); the rest go under "More",
# a <details> that opens without JavaScript. Seven or fewer all stay on the line.
VISIBLE_ITEMS = 6


def split_navigation(items: list[NavItem]) -> tuple[list[NavItem], list[NavItem]]:
    if len(items) <= VISIBLE_ITEMS + 1:
        return items, []
    return items[:VISIBLE_ITEMS], items[VISIBLE_ITEMS:]
