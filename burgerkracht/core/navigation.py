"""The main navigation per role: what a person sees in the header."""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.permissions import can_use_admin
from burgerkracht.accounts.roles import (
    ADVICE_REGISTER_ROLES,
    BUDGET_VIEWER_ROLES,
    DECISION_VIEWER_ROLES,
    FACILITATOR_ROLES,
    QUEUE_ROLES,
)
from burgerkracht.core.post_queue import can_see_post_queue
from burgerkracht.core.reports import reports_for


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


def main_navigation(user) -> list[NavItem]:
    """Home first; for a logged-in person then their own pages and the work of their roles,
    the pages everyone can read after that (an official works through the queue many times a
    day, so it stays on the line and the public pages go under "More"); the profile last."""
    public = [
        NavItem(_("Initiatives"), reverse("initiatives:public-list"), "initiatives:public-list"),
        NavItem(_("Samen Sterk"), reverse("budget:samen-sterk"), "budget:samen-sterk"),
        NavItem(_("Stories"), reverse("initiatives:stories"), "initiatives:stories"),
        NavItem(_("Advices"), reverse("advice:public-list"), "advice:public-list"),
    ]
    home = NavItem(_("Home"), reverse("core:home"), "core:home")
    if not user.is_authenticated:
        return [home, *public]
    return [
        home,
        NavItem(_("My burgerkracht"), reverse("core:dashboard"), "core:dashboard"),
        *_work(user),
        *public,
        NavItem(_("My profile"), reverse("accounts:profile"), "accounts:profile"),
    ]


def _work(user) -> list[NavItem]:
    """The pages of a person's roles, the most used first."""
    items = []
    if user.is_municipal_staff:
        items.append(NavItem(_("My tasks"), reverse("core:tasks"), "core:tasks"))
    if user.has_role(*QUEUE_ROLES):
        items.append(NavItem(_("Applications"), reverse("budget:queue"), "budget:queue"))
    if user.has_role(*FACILITATOR_ROLES):
        items.append(
            NavItem(
                _("Facilitating"),
                reverse("initiatives:officials-list"),
                "initiatives:officials-list",
            )
        )
    if user.has_role(*ADVICE_REGISTER_ROLES):
        items.append(NavItem(_("Advice register"), reverse("advice:register"), "advice:register"))
    if user.has_role(*DECISION_VIEWER_ROLES):
        items.append(NavItem(_("Decisions"), reverse("meetlat:register"), "meetlat:register"))
    if user.has_role(*BUDGET_VIEWER_ROLES):
        items.append(NavItem(_("Budget"), reverse("budget:fund-list"), "budget:fund-list"))
    if can_see_post_queue(user):
        items.append(NavItem(_("Post"), reverse("core:post-queue"), "core:post-queue"))
    if reports_for(user):
        items.append(NavItem(_("Reports"), reverse("core:reports"), "core:reports"))
    if can_use_admin(user):
        items.append(NavItem(_("Management"), reverse("admin:index"), "admin:index"))
    return items


# The menu shows this many items on its one line (1280 px wide); the rest go under "More",
# a <details> that opens without JavaScript. Seven or fewer all stay on the line.
VISIBLE_ITEMS = 6


def split_navigation(items: list[NavItem]) -> tuple[list[NavItem], list[NavItem]]:
    if len(items) <= VISIBLE_ITEMS + 1:
        return items, []
    return items[:VISIBLE_ITEMS], items[VISIBLE_ITEMS:]
