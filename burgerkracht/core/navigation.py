"""The main navigation per role: what a person sees in the header."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from burgerkracht.accounts.permissions import can_use_admin


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    url_name: str


def main_navigation(user) -> list[NavItem]:
    items = [NavItem(_("Home"), reverse("core:home"), "core:home")]
    if user.is_authenticated:
        items += [
            NavItem(_("My burgerkracht"), reverse("core:dashboard"), "core:dashboard"),
            NavItem(_("My profile"), reverse("accounts:profile"), "accounts:profile"),
        ]
        if can_use_admin(user):
            items.append(NavItem(_("Management"), reverse("admin:index"), "admin:index"))
    return items
