"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    from burgerkracht.accounts import data_export, erasure
    from burgerkracht.core import dashboard, practice, worklist
    from initiatives import selectors, story_selectors, succession
    from initiatives.practice import ObstacleProvider

    data_export.register("initiatives", selectors.export_for_user)
    data_export.register("stories", story_selectors.export_for_user)
    erasure.register(succession.leave_everything)
    dashboard.register("initiatives/dashboard_panel.html", selectors.dashboard_context)
    practice.register(ObstacleProvider())
    worklist.register(import_module("initiatives.worklist").tasks_for)  # "Mijn taken"
    import_module("initiatives.retention")  # registers its kinds of the retention table
