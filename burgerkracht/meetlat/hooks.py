"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from burgerkracht.accounts.roles import DECISION_VIEWER_ROLES
    from burgerkracht.core.ui.navigation import MenuEntry
    from burgerkracht.core.ui.navigation import register as menu

    menu(MenuEntry(_("Decisions"), "meetlat:register", 50,
                   lambda u: u.has_role(*DECISION_VIEWER_ROLES)))  # fmt: skip
    from burgerkracht.meetlat import subjects
    from burgerkracht.meetlat.models import PolicyDecision

    import_module("burgerkracht.meetlat.reports")  # registers the report
    subjects.register(PolicyDecision, subjects.POLICY)
    _register_reflections()


def _register_reflections() -> None:
    """The later reflection (principle 6): reminders, agenda, "Mijn taken", dashboard."""
    from burgerkracht.core.messaging import reminders
    from burgerkracht.core.personal import calendar, dashboard, worklist
    from burgerkracht.meetlat import reflections
    from burgerkracht.meetlat import reminders as meetlat_reminders

    for source in meetlat_reminders.SOURCES:
        reminders.register(source)
    calendar.register(reflections.events_for)
    worklist.register(reflections.tasks_for)
    dashboard.register("meetlat/dashboard_reflections.html", reflections.dashboard_context)
