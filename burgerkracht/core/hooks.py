"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from burgerkracht.core.postal.queue import can_see_post_queue
    from burgerkracht.core.reporting.reports import reports_for
    from burgerkracht.core.ui.navigation import MenuEntry
    from burgerkracht.core.ui.navigation import register as menu

    menu(MenuEntry(_("My tasks"), "core:tasks", 10, lambda u: u.is_municipal_staff))
    menu(MenuEntry(_("Post"), "core:post-queue", 70, can_see_post_queue))
    menu(MenuEntry(_("Reports"), "core:reports", 80, lambda u: bool(reports_for(u))))
    import_module("burgerkracht.checks")  # registers the system checks
    import_module("burgerkracht.core.privacy.retention_kinds")  # registers its kinds
