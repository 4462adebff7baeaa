"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from burgerkracht.accounts.roles import BUDGET_VIEWER_ROLES, QUEUE_ROLES
    from burgerkracht.core.ui.navigation import MenuEntry
    from burgerkracht.core.ui.navigation import register as menu

    menu(MenuEntry(_("Applications"), "budget:queue", 20, lambda u: u.has_role(*QUEUE_ROLES)))
    menu(MenuEntry(_("Budget"), "budget:fund-list", 60,
                   lambda u: u.has_role(*BUDGET_VIEWER_ROLES)))  # fmt: skip
    menu(MenuEntry(_("Samen Sterk"), "budget:samen-sterk", 20, public=True))
    from budget import actions, calendar, post, reminders, selectors
    from budget import data_export as budget_export
    from burgerkracht.accounts import data_export
    from burgerkracht.core.messaging import reminders as core_reminders
    from burgerkracht.core.personal import calendar as core_calendar
    from burgerkracht.core.personal import dashboard, worklist
    from burgerkracht.core.postal import subjects

    data_export.register("applications", budget_export.export_for_user)
    dashboard.register("budget/dashboard_panel.html", selectors.dashboard_context)
    dashboard.register("budget/dashboard_actions.html", actions.dashboard_context, first=True)
    for source in reminders.SOURCES:
        core_reminders.register(source)
    core_calendar.register(calendar.events_for)
    subjects.register(post.SUBJECT)  # letters by post about an application
    import_module("budget.reports")  # registers the Samen Sterk and budget reports
    import_module("budget.continuity")  # registers the continuity-risk report
    import_module("budget.reach")  # registers the reach report (REP-19)
    import_module("budget.dashboard")  # registers the attention panels of issue #8
    import_module("budget.retention")  # registers its kinds of the retention table
    import_module("budget.decision_subjects").register()  # who acts on its decisions
    worklist.register(import_module("budget.worklist").tasks_for)  # "Mijn taken"
    # the running applications of a facilitator's dossiers, for the reassignment page
    import_module("initiatives.handover").register_running_applications(
        selectors.running_applications
    )
    # the accountability stories shared with consent, on the public stories list
    import_module("initiatives.story_selectors").register_public_stories(
        import_module("budget.public_selectors").public_accountability_stories
    )
