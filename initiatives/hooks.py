"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from burgerkracht.accounts.roles import FACILITATOR_ROLES
    from burgerkracht.core.ui.navigation import MenuEntry
    from burgerkracht.core.ui.navigation import register as menu

    menu(MenuEntry(_("Facilitating"), "initiatives:officials-list", 30,
                   lambda u: u.has_role(*FACILITATOR_ROLES)))  # fmt: skip
    menu(MenuEntry(_("Initiatives"), "initiatives:public-list", 10, public=True))
    menu(MenuEntry(_("Stories"), "initiatives:stories", 30, public=True))
    from burgerkracht.accounts import data_export, erasure
    from burgerkracht.core import practice
    from burgerkracht.core.personal import dashboard, worklist
    from burgerkracht.core.postal import subjects
    from initiatives import post, selectors, story_selectors, succession
    from initiatives.practice import ObstacleProvider

    data_export.register("initiatives", selectors.export_for_user)
    data_export.register("stories", story_selectors.export_for_user)
    erasure.register(succession.leave_everything)
    dashboard.register("initiatives/dashboard_panel.html", selectors.dashboard_context)
    practice.register(ObstacleProvider())
    subjects.register(post.SUBJECT)  # letters by post about an initiative
    worklist.register(import_module("initiatives.worklist").tasks_for)  # "Mijn taken"
    import_module("initiatives.retention")  # registers its kinds of the retention table
    _register_support()


def _register_support() -> None:
    """Support requests that wait too long (WF-6): reminders, "Mijn taken", dashboard."""
    from burgerkracht.core.messaging import reminders
    from burgerkracht.core.personal import dashboard, worklist
    from initiatives import support_reminders

    for source in support_reminders.SOURCES:
        reminders.register(source)
    worklist.register(support_reminders.tasks_for)
    import_module("initiatives.support_reports")  # registers REP-16
    dashboard.register("initiatives/support_dashboard.html", support_reminders.dashboard_context)
