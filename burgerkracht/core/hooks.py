"""What this app adds to the core: discovered and called once by
burgerkracht.core.apps.discover_hooks() (as Django's admin discovers admin.py)."""

from importlib import import_module


def register() -> None:
    import_module("burgerkracht.checks")  # registers the system checks
    import_module("burgerkracht.core.retention_kinds")  # registers its kinds
