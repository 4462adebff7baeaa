"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from burgerkracht.accounts.permissions import can_use_admin
    from burgerkracht.core.ui.navigation import MenuEntry
    from burgerkracht.core.ui.navigation import register as menu

    menu(MenuEntry(_("Management"), "admin:index", 90, can_use_admin))
    from burgerkracht.accounts import data_export

    import_module("burgerkracht.accounts.retention")  # registers its kinds
    data_export.register("saved_filters", _saved_filters)


def _saved_filters(user) -> list[dict]:
    """An official's saved filters of the lists (burgerkracht/core/filters/saved.py)."""
    from burgerkracht.core.models import SavedFilter

    return [
        {"list": s.list_key, "name": s.name, "filter": s.query, "created": s.created_at.isoformat()}
        for s in SavedFilter.objects.filter(owner=user).order_by("pk")
    ]
