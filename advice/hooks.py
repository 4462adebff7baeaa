"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from burgerkracht.accounts.roles import ADVICE_REGISTER_ROLES
    from burgerkracht.core.ui.navigation import MenuEntry
    from burgerkracht.core.ui.navigation import register as menu

    menu(MenuEntry(_("Advice register"), "advice:register", 40,
                   lambda u: u.has_role(*ADVICE_REGISTER_ROLES)))  # fmt: skip
    menu(MenuEntry(_("Advices"), "advice:public-list", 40, public=True))
    from advice import calendar, dashboard, reminders
    from burgerkracht.core.messaging import reminders as core_reminders
    from burgerkracht.core.personal import calendar as core_calendar
    from burgerkracht.core.personal import dashboard as core_dashboard
    from burgerkracht.core.personal import worklist

    core_dashboard.register("advice/dashboard_panel.html", dashboard.dashboard_context)
    for source in reminders.SOURCES:
        core_reminders.register(source)
    core_calendar.register(calendar.events_for)  # "Mijn agenda" and the feed
    import_module("advice.reports")  # registers the advice report and its continuity part
    import_module("advice.representation")  # registers the representation report
    import_module("advice.retention")  # explains its models to the retention table
    import_module("advice.decision_subjects").register()  # who acts on its decisions
    worklist.register(import_module("advice.worklist").tasks_for)  # "Mijn taken"
