from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "burgerkracht.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        discover_hooks()


def discover_hooks() -> list[str]:
    """One convention for what an app adds to the core (dashboard panels, reminder sources,
    the agenda, "Mijn taken", reports, retention kinds, data export, erasure, decision
    subjects, system checks): each app's `hooks.py` has `register()`, called here once, in
    the order of INSTALLED_APPS (which is the order of the dashboard's panels)."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.hooks"
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register()
        found.append(config.name)
    return found
